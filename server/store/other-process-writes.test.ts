// The CLI writes the same data dir while a server runs: the server's lists must show those writes
// at once (they used to wait for the server's own next write), and its own writes still count.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { main } from "../cli.ts";
import { startTestApp, type TestApp } from "../testing/test-app.ts";
import { unavailableSessions } from "../bootstrap.ts";
import { LowdbStore } from "./lowdb-store.ts";

const quiet = { out: () => undefined, err: () => undefined };

describe("writes by another process", () => {
  let dataDir: string;
  let t: TestApp;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-other-process-"));
    t = await startTestApp({ dataDir, overrides: { sessions: () => unavailableSessions() } });
  });
  afterEach(async () => {
    await t.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("a workspace the CLI creates is listed by the running server at once", async () => {
    const names = async () => (await t.call("GET", "/api/v1/workspaces")).body.data.map((workspace: { name: string }) => workspace.name);
    expect(await names()).toEqual(["default"]);
    expect(await main(["workspaces", "create", "from-cli"], { env: { ONRAMP_DATA_DIR: dataDir }, io: quiet })).toBe(0);
    expect(await names()).toEqual(["default", "from-cli"]);
    // The server's own writes and the CLI's mix.
    expect((await t.call("POST", "/api/v1/workspaces", { name: "from-api" })).status).toBe(201);
    expect(await main(["workspaces", "delete", "from-cli"], { env: { ONRAMP_DATA_DIR: dataDir }, io: quiet })).toBe(0);
    expect(await names()).toEqual(["default", "from-api"]);
  });

  it("a connector renamed by another process shows its new name in the list", async () => {
    const created = await t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", connector_type: "source-sample-data", configuration: { dataset: "users" } });
    const other = new LowdbStore({ dataDir });
    await other.init();
    const record = (await other.getConnector(created.body.id))!;
    await other.putConnector({ ...record, name: "Renamed elsewhere" });
    await other.close();
    const list = await t.call("GET", "/api/v1/integrations/connectors?workspace_name=default");
    expect(list.body.data.map((connector: { name: string }) => connector.name)).toEqual(["Renamed elsewhere"]);
  });
});
