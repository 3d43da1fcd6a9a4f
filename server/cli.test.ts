import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main, parseArgs } from "./cli.ts";
import { startTestApp } from "./testing/test-app.ts";
import { createLowdbStore } from "./store/lowdb-store.ts";
import { DEFAULT_ORGANIZATION_ID } from "./auth/index.ts";
import { sampleRecords } from "../specs/index.ts";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) }, out, err };
}

describe("onramp CLI", () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-cli-"));
    env = { ONRAMP_DATA_DIR: dataDir };
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it("parses flags and positionals", () => {
    expect(parseArgs(["token", "create", "--workspace", "acme", "--json"])).toEqual({ positional: ["token", "create"], flags: { workspace: "acme", json: true } });
    expect(parseArgs(["connectors", "list", "--workspace=b"]).flags.workspace).toBe("b");
  });

  it("creates, lists and deletes workspaces; a created token opens the API", async () => {
    const io = capture();
    expect(await main(["workspaces", "create", "acme"], { env, io: io.io })).toBe(0);
    expect(await main(["workspaces", "create", "acme"], { env, io: io.io })).toBe(1);
    expect(io.err.join("\n")).toMatch(/already exists/);
    const list = capture();
    expect(await main(["workspaces", "list", "--json"], { env, io: list.io })).toBe(0);
    expect(JSON.parse(list.out.join("\n")).map((workspace: { name: string }) => workspace.name)).toEqual(["default", "acme"]);

    const token = capture();
    expect(await main(["token", "create", "--workspace", "acme", "--json"], { env, io: token.io })).toBe(0);
    const created = JSON.parse(token.out.join("\n"));
    expect(created.token).toMatch(/^onr_/);

    // The token works against a server over the same data dir, limited to its workspace.
    const app = await startTestApp({ dataDir });
    const own = await app.call("GET", "/api/v1/workspaces", undefined, created.token);
    expect(own.status).toBe(200);
    expect(own.body.data.map((workspace: { name: string }) => workspace.name)).toEqual(["acme"]);
    const other = await app.call("GET", "/api/v1/workspaces/default", undefined, created.token);
    expect(other.status).toBe(403);
    await app.close();

    const connectors = capture();
    expect(await main(["connectors", "list", "--workspace", "acme"], { env, io: connectors.io })).toBe(0);
    expect(connectors.out.join("\n")).toMatch(/No connectors in acme/);

    expect(await main(["workspaces", "delete", "acme"], { env, io: capture().io })).toBe(0);
    const after = capture();
    await main(["workspaces", "list", "--json"], { env, io: after.io });
    expect(JSON.parse(after.out.join("\n")).map((workspace: { name: string }) => workspace.name)).toEqual(["default"]);
  });

  it("deletes a workspace the way the API does: refused while it has connectors, its connections go with it", async () => {
    expect(await main(["workspaces", "create", "leaving"], { env, io: capture().io })).toBe(0);
    const store = createLowdbStore({ dataDir });
    await store.init();
    const workspace = (await store.findWorkspaceByName(DEFAULT_ORGANIZATION_ID, "leaving"))!;
    const now = new Date().toISOString();
    await store.putConnector({ id: "src_cli", workspaceId: workspace.id, definitionId: "d", kind: "source", name: "c", configuration: {}, secretRefs: {}, sourceTemplateId: null, created_at: now, updated_at: now });
    // A connection left behind by a connector deleted outside the API.
    await store.putConnection({ id: "cxn_cli", workspaceId: workspace.id, name: "x", sourceId: "src_gone", destinationId: "dst_gone", streams: [], created_at: now, updated_at: now });
    await store.close();

    const refused = capture();
    expect(await main(["workspaces", "delete", "leaving"], { env, io: refused.io })).toBe(1);
    expect(refused.err.join("\n")).toMatch(/still has 1 connector\(s\); delete them first/);

    const again = createLowdbStore({ dataDir });
    await again.init();
    await again.deleteConnector("src_cli");
    await again.close();
    expect(await main(["workspaces", "delete", "leaving"], { env, io: capture().io })).toBe(0);
    const after = createLowdbStore({ dataDir });
    await after.init();
    expect(await after.getWorkspace(workspace.id)).toBeUndefined();
    expect(await after.getConnection("cxn_cli")).toBeUndefined();
    await after.close();
  });

  it("connectors execute prints a page of records as JSON, and --cursor continues it", async () => {
    const app = await startTestApp({ dataDir });
    const created = await app.call("POST", "/api/v1/integrations/connectors", {
      workspace_name: "default",
      connector_type: "sample-data",
      configuration: { dataset: "users", record_count: 3, seed: 11 },
    });
    expect(created.status).toBe(201);
    await app.close();
    const expected = sampleRecords({ dataset: "users", record_count: 3, seed: 11 }, "users");

    const first = capture();
    expect(await main(["connectors", "execute", created.body.id, "users", "--limit", "2"], { env, io: first.io })).toBe(0);
    const page = JSON.parse(first.out.join("\n"));
    expect(page.data).toEqual(expected.slice(0, 2));
    const rest = capture();
    expect(await main(["connectors", "execute", created.body.id, "users", "--cursor", page.next_cursor], { env, io: rest.io })).toBe(0);
    expect(JSON.parse(rest.out.join("\n"))).toEqual({ data: expected.slice(2), next_cursor: null });

    for (const [argv, words] of [
      [["connectors", "execute", created.body.id], /ID ENTITY/],
      [["connectors", "execute", created.body.id, "users", "--limit", "0"], /--limit/],
      [["connectors", "execute", "src_missing", "users"], /No connector "src_missing"/],
      [["connectors", "execute", created.body.id, "orders"], /no entity "orders"/],
    ] as const) {
      const refused = capture();
      expect(await main([...argv], { env, io: refused.io })).toBe(1);
      expect(refused.err.join("\n")).toMatch(words);
      expect(refused.out).toEqual([]);
    }
  });

  it("prints usage for an unknown command and fails", async () => {
    const io = capture();
    expect(await main(["frobnicate"], { env, io: io.io })).toBe(1);
    expect(io.err.join("\n")).toMatch(/Usage: onramp/);
  });
});
