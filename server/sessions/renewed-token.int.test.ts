// A setup whose connection test renews OAuth tokens (the sigma-computing manifest, which rotates
// its refresh token, against its local API): the tokens become the session's secrets during the
// test, even when the test then fails, and that stored token is not a change the agent tests
// again on its own; the next test uses it, and the saved connector holds the newest one.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerEvent } from "../../agent/protocol.ts";
import { FIXTURES_DIR } from "../../specs/declarative/testing/fixture-definition.ts";
import { startSigmaApi } from "../../specs/declarative/testing/fixture-apis.ts";
import { findLeaks } from "./testing/leak-check.ts";
import { createSession, RestSession } from "./testing/session-client.ts";
import { startTestServer, type TestServer } from "./testing/test-server.ts";

const types = (events: ServerEvent[]) => events.map((event) => event.type);

describe("tokens renewed by the agent's connection test", () => {
  const prefix = `sigma-${randomBytes(6).toString("hex")}-`;
  const clientSecret = `cs-${randomBytes(6).toString("hex")}`;
  let server: TestServer;
  let api: Awaited<ReturnType<typeof startSigmaApi>>;
  beforeAll(async () => {
    api = await startSigmaApi({ rotation: "strict", tokenPrefix: prefix, clientSecret });
    server = await startTestServer({ env: { ONRAMP_CATALOG_DIRS: FIXTURES_DIR }, logLevel: "info" });
  });
  afterAll(async () => {
    await server?.close();
    await api?.close();
  });

  it("are the session's secrets at once; a test that fails after renewing is not re-run by itself", async () => {
    const created = await createSession(server.baseUrl, server.apiToken, { connector_type: "sigma-computing" });
    const rest = new RestSession(server.baseUrl, created.session_id, created.session_token);
    const secretRef = async (path: string) => (await server.deps.store.getSession(created.session_id))!.form.secrets[path];

    expect((await rest.say(`Connect Sigma Computing, base URL ${api.api.url}`)).at(-1)).toMatchObject({ type: "secret.request", path: "/client_id" });
    expect((await rest.secret("/client_id", "cid")).at(-1)).toMatchObject({ type: "secret.request", path: "/client_secret" });
    expect((await rest.secret("/client_secret", clientSecret)).at(-1)).toMatchObject({ type: "secret.request", path: "/client_refresh_token" });
    // The token is renewed, then the API asks for an hour's wait: the test fails at once. (The
    // optional access token is not asked: the refresh token is the way in, and the test renews it.)
    api.throttle.arm("/v2/files", { retryAfter: 3600 });
    // The typed token's id, to see it deleted once renewed (it is stored and replaced in one call).
    const stored: Array<{ value: string; id: string }> = [];
    const put = server.deps.secrets.put.bind(server.deps.secrets);
    server.deps.secrets.put = async (value, owner) => {
      const id = await put(value, owner);
      stored.push({ value, id });
      return id;
    };
    const failed = await rest.secret("/client_refresh_token", `${prefix}rt-1`);
    const typedRefresh = stored.find((entry) => entry.value === `${prefix}rt-1`)?.id;
    expect(typedRefresh).toBeDefined();
    expect(failed.some((event) => event.type === "secret.request" && event.path === "/oauth_access_token")).toBe(false);
    expect(failed.filter((event) => event.type === "test.result")).toEqual([expect.objectContaining({ status: "failed", reason: "rate_limited" })]);
    expect(types(failed).filter((type) => type === "test.started")).toHaveLength(1);
    const renewed = failed.filter((event): event is Extract<ServerEvent, { type: "form.patch" }> => event.type === "form.patch" && event.by === "oauth");
    expect(renewed.flatMap((event) => event.ops.map((op) => op.path)).sort()).toEqual(["/client_refresh_token", "/oauth_access_token"]);
    expect(await secretRef("/client_refresh_token")).not.toBe(typedRefresh);
    expect(await server.deps.secrets.get(typedRefresh!)).toBeUndefined();
    expect(await server.deps.secrets.get((await secretRef("/client_refresh_token"))!)).toBe(`${prefix}rt-2`);

    // Asked to, it tests again with the renewed token (the one typed is no longer accepted).
    const passed = await rest.say("test");
    expect(passed.filter((event) => event.type === "test.result")).toEqual([expect.objectContaining({ status: "succeeded" })]);
    const connectorId = (passed.find((event) => event.type === "session.completed") as { connectorId: string }).connectorId;
    const record = (await server.deps.store.getConnector(connectorId))!;
    expect(await server.deps.secrets.get(record.secretRefs["/client_refresh_token"]!)).toBe(api.currentRefreshToken());
    expect(await server.deps.secrets.get(record.secretRefs["/oauth_access_token"]!)).toBe(`${prefix}at-2`);
    expect(api.refreshTokens()).toEqual([`${prefix}rt-1`, `${prefix}rt-2`]);

    const leaks = await findLeaks(
      [`${prefix}rt-`, `${prefix}at-`, clientSecret],
      [
        { label: "REST answers", text: rest.received.join("\n") },
        { label: "gateway log", text: JSON.stringify(server.gatewaySent()) },
        { label: "server log", text: server.logLines.join("\n") },
      ],
      [server.dataDir],
    );
    expect(leaks).toEqual([]);
  });
});
