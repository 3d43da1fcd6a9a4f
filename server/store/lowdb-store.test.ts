import { mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LowdbStore } from "./lowdb-store.ts";
import { createMemoryStore } from "./memory-store.ts";
import { fileNameFor } from "./lowdb-backend.ts";
import { exerciseStore, sessionRecord } from "./store-contract.ts";

describe("memory store", () => {
  it("implements the Store contract", async () => {
    await exerciseStore(createMemoryStore());
  });
});

describe("lowdb store", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-store-"));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("implements the Store contract and survives a restart", async () => {
    const store = new LowdbStore({ dataDir });
    await exerciseStore(store);
    await store.putSession(sessionRecord("ses_keep"));
    await store.close();

    const reopened = new LowdbStore({ dataDir });
    await reopened.init();
    expect((await reopened.getWorkspace("ws_2"))?.name).toBe("other");
    expect((await reopened.listConnectors({ workspaceId: "ws_1" })).map((c) => c.id)).toEqual(["src_1"]);
    expect((await reopened.getSession("ses_keep"))?.id).toBe("ses_keep");
    expect((await reopened.findTokenByHash("h1"))?.id).toBe("tok_1");
    await reopened.close();
  });

  it("writes one small file per record, so a write does not rewrite other records", async () => {
    const store = new LowdbStore({ dataDir });
    await store.init();
    for (let index = 0; index < 50; index++) await store.putSession(sessionRecord(`ses_${index}`));
    await store.flush();
    const sessionsDir = path.join(dataDir, "sessions");
    const before = await stat(path.join(sessionsDir, "ses_0.json"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.putSession({ ...sessionRecord("ses_7"), status: "completed" });
    // Sessions reach their files through the write journal: put them there now.
    await store.flush();
    const after = await stat(path.join(sessionsDir, "ses_0.json"));
    expect(after.mtimeMs).toBe(before.mtimeMs);
    const files = await readdir(sessionsDir);
    expect(files.filter((name) => name.endsWith(".json"))).toHaveLength(50);
    // No temp files are left behind once writes have settled.
    expect(files.filter((name) => name.endsWith(".tmp"))).toEqual([]);
    const written = JSON.parse(await readFile(path.join(sessionsDir, "ses_7.json"), "utf8"));
    expect(written.status).toBe("completed");
    await store.close();
  });

  it("serialises concurrent writes to one record; the last write wins and the file stays whole", async () => {
    const store = new LowdbStore({ dataDir });
    await store.init();
    await Promise.all(Array.from({ length: 30 }, (_, index) => store.putSession({ ...sessionRecord("ses_x"), updated_at: String(index) })));
    await store.deleteSession("ses_x");
    await store.putSession({ ...sessionRecord("ses_x"), updated_at: "final" });
    await store.flush();
    const parsed = JSON.parse(await readFile(path.join(dataDir, "sessions", "ses_x.json"), "utf8"));
    expect(parsed.updated_at).toBe("final");
    await store.close();
  });

  it("sees a token or workspace written by another process (the CLI) on a miss", async () => {
    const server = new LowdbStore({ dataDir });
    await server.init();
    const cli = new LowdbStore({ dataDir });
    await cli.init();
    await cli.putToken({ id: "tok_cli", hash: "hcli", organizationId: "org", workspaceId: null, name: "cli", created_at: "x" });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await server.findTokenByHash("hcli"))?.id).toBe("tok_cli");
    await server.close();
    await cli.close();
  });

  it("ignores a temp file left by a write that crashed before its rename", async () => {
    const store = new LowdbStore({ dataDir });
    await store.init();
    await store.putConnector({ id: "src_ok", workspaceId: "ws", definitionId: "d", kind: "source", name: "ok", configuration: {}, secretRefs: {}, sourceTemplateId: null, created_at: "x", updated_at: "x" });
    await store.close();
    // What a crash mid-write leaves: a torn temp file beside the intact record.
    await writeFile(path.join(dataDir, "connectors", ".src_ok.json.tmp"), '{"id":"src_ok","name":"to');
    const reopened = new LowdbStore({ dataDir });
    await reopened.init();
    expect((await reopened.getConnector("src_ok"))?.name).toBe("ok");
    expect(await reopened.listConnectors({ workspaceId: "ws" })).toHaveLength(1);
    await reopened.close();
  });

  it("names files safely whatever the id", () => {
    expect(fileNameFor("ses_abc")).toBe("ses_abc.json");
    expect(fileNameFor("../../etc/passwd")).not.toContain("/");
    expect(fileNameFor(".hidden")).toMatch(/^~/);
  });

  it("reports a corrupt record file with its path", async () => {
    const store = new LowdbStore({ dataDir });
    await store.init();
    await store.putSession(sessionRecord("ses_bad"));
    await store.flush();
    await writeFile(path.join(dataDir, "sessions", "ses_bad.json"), "{ torn");
    await expect(store.getSession("ses_bad")).rejects.toThrow(/ses_bad\.json/);
    await store.close();
  });

  // Found by the issue-14 probe: a SIGKILL between steno's write and rename leaves ".x.json.tmp"
  // files (one was a whole encrypted secret nothing referenced) that nothing cleaned.
  it("removes the temp files a killed process left when it starts, and keeps a fresh one", async () => {
    const store = new LowdbStore({ dataDir });
    await store.init();
    await store.putSession(sessionRecord("ses_live"));
    await store.close();
    const sessions = path.join(dataDir, "sessions");
    await mkdir(path.join(dataDir, "secrets"), { recursive: true });
    const stale = [path.join(sessions, ".ses_dead.json.tmp"), path.join(dataDir, "secrets", ".sec_orphan.json.tmp")];
    for (const file of stale) {
      await writeFile(file, '{"ciphertext":"left behind"}');
      const past = new Date(Date.now() - 60_000);
      await utimes(file, past, past);
    }
    // Another live process (the CLI) may be between its write and its rename right now.
    const fresh = path.join(sessions, ".ses_other.json.tmp");
    await writeFile(fresh, "{}");

    const reopened = new LowdbStore({ dataDir });
    await reopened.init();
    expect(await readdir(sessions)).toEqual(expect.arrayContaining([".ses_other.json.tmp", fileNameFor("ses_live")]));
    expect(await readdir(sessions)).not.toContain(".ses_dead.json.tmp");
    expect(await readdir(path.join(dataDir, "secrets"))).toEqual([]);
    expect((await reopened.getSession("ses_live"))?.id).toBe("ses_live");
    await reopened.close();
  });

  // Found by the issue-14 probe: an id of 187 characters or more became a file name over 255
  // bytes, and every route that looked one up answered 500.
  it("answers 'no such record' for an id too long to be a file name, and refuses to store one", async () => {
    const store = new LowdbStore({ dataDir });
    await store.init();
    for (const length of [186, 187, 300, 10_000]) {
      const id = "x".repeat(length - 1) + "é";
      expect(await store.getSession(id)).toBeUndefined();
      expect(await store.getConnector(id)).toBeUndefined();
      expect(await store.takeOAuthState(id)).toBeUndefined();
      await store.deleteSession(id);
    }
    await expect(store.putSession(sessionRecord("s".repeat(300)))).rejects.toThrow(/too long/);
    await store.close();
  });
});
