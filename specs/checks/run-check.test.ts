import { describe, expect, it } from "vitest";
import { builtinDefinitions } from "../builtins/index.ts";
import { runCheck } from "./run-check.ts";

const byName = (name: string) => builtinDefinitions().find((definition) => definition.name === name)!;

describe("runCheck without a server", () => {
  it("sample: valid settings succeed, invalid ones name their fields", async () => {
    const sample = byName("source-sample-data");
    expect(await runCheck(sample, { dataset: "users" })).toMatchObject({ status: "succeeded" });
    const result = await runCheck(sample, { dataset: "nope", record_count: 0 });
    expect(result).toMatchObject({ status: "failed", reason: "invalid_config" });
    expect(result.fields).toEqual(expect.arrayContaining(["/dataset", "/record_count"]));
  });

  it("none: succeeds after validation and says no live test ran", async () => {
    const result = await runCheck(byName("destination-dev-null"), { test_destination: { test_destination_type: "SILENT" } });
    expect(result.status).toBe("succeeded");
    expect(result.message).toMatch(/not tried/);
  });

  it("never echoes a secret of an invalid config", async () => {
    const canary = `canary-${Math.random().toString(36).slice(2)}`;
    const result = await runCheck(byName("source-http-api"), { base_url: canary, auth: { auth_type: "bearer", token: canary } });
    expect(result).toMatchObject({ status: "failed", reason: "invalid_config" });
    expect(JSON.stringify(result)).not.toContain(canary);
  });

  it("an SSH tunnel is not tried, and says so", async () => {
    const config = { host: "db", port: 5432, database: "d", username: "u", tunnel_method: { tunnel_method: "SSH_KEY_AUTH" } };
    expect(await runCheck(byName("source-postgres"), config)).toMatchObject({ status: "failed", reason: "unknown", fields: ["/tunnel_method"] });
  });
});
