import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./testing/test-app.ts";
import { warmUpServer } from "./warm-up.ts";

const warmUpDirs = async () => (await readdir(os.tmpdir())).filter((name) => name.startsWith("onramp-warm-up-"));

describe("the server's warm-up", () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it("runs real turns over a socket on a throwaway server and leaves the real store, and no temp dir, behind", { timeout: 60_000 }, async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-warm-real-"));
    app = await startTestApp({ dataDir });
    const before = await app.call("GET", "/api/v1/workspaces");
    const dirsBefore = await warmUpDirs();
    const filesBefore = (await readdir(dataDir, { recursive: true })).sort();

    const warmed = await warmUpServer(app.config, app.deps.catalog, { turns: 12, maxMs: 30_000 });

    // Every turn went through the session API: a failed session start or message would end it early.
    expect(warmed.turns).toBe(12);
    expect((await readdir(dataDir, { recursive: true })).sort()).toEqual(filesBefore);
    expect((await app.call("GET", "/api/v1/workspaces")).body).toEqual(before.body);
    expect(await warmUpDirs()).toEqual(dirsBefore);
    await rm(dataDir, { recursive: true, force: true });
  });
});
