import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSecretStore, createMemorySecretStore, KEY_FILE_NAME, parseSecretKey } from "./index.ts";

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

describe("encrypted secret store", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-secrets-"));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("round-trips values, never writes them in plaintext, and keeps the key file private", async () => {
    const store = await createSecretStore({ dataDir });
    const canary = `canary-${randomBytes(12).toString("hex")}`;
    const id = await store.put(canary, { workspaceId: "ws", owner: "connector:c1" });
    expect(id).toMatch(/^sec_[A-Za-z0-9_-]+$/);
    expect(await store.get(id)).toBe(canary);
    const mode = (await stat(path.join(dataDir, KEY_FILE_NAME))).mode & 0o777;
    expect(mode).toBe(0o600);
    for (const file of await filesUnder(dataDir)) {
      expect(await readFile(file, "utf8")).not.toContain(canary);
    }
    await store.close();

    await chmod(path.join(dataDir, KEY_FILE_NAME), 0o644);
    const reopened = await createSecretStore({ dataDir });
    expect(await reopened.get(id)).toBe(canary);
    expect((await stat(path.join(dataDir, KEY_FILE_NAME))).mode & 0o777).toBe(0o600);
  });

  it("uses ONRAMP_SECRET_KEY when given and fails to decrypt under another key", async () => {
    const key = randomBytes(32).toString("base64");
    const store = await createSecretStore({ dataDir, secretKey: key });
    const id = await store.put("value-1", { workspaceId: "ws", owner: "session:s" });
    await expect(readdir(dataDir)).resolves.not.toContain(KEY_FILE_NAME);
    const wrong = await createSecretStore({ dataDir, secretKey: randomBytes(32).toString("hex") });
    await expect(wrong.get(id)).rejects.toThrow(/could not be decrypted/);
    expect(() => parseSecretKey("too-short")).toThrow(/32 bytes/);
  });

  it("reassigns, deletes and deletes by owner", async () => {
    const store = await createSecretStore({ dataDir });
    const a = await store.put("a", { workspaceId: "ws", owner: "session:s1" });
    const b = await store.put("b", { workspaceId: "ws", owner: "session:s1" });
    const c = await store.put("c", { workspaceId: "ws", owner: "connector:x" });
    await store.reassign(a, { workspaceId: "ws", owner: "connector:x" });
    expect(await store.deleteByOwner("connector:x")).toBe(2);
    expect(await store.get(a)).toBeUndefined();
    expect(await store.get(c)).toBeUndefined();
    expect(await store.get(b)).toBe("b");
    await store.delete(b);
    expect(await store.get(b)).toBeUndefined();
    expect(await store.deleteByOwner("session:s1")).toBe(0);
  });

  it("builds the owner index from disk after a restart", async () => {
    const first = await createSecretStore({ dataDir });
    await first.put("v", { workspaceId: "ws", owner: "connector:y" });
    await first.close();
    const second = await createSecretStore({ dataDir });
    expect(await second.deleteByOwner("connector:y")).toBe(1);
  });

  it("has an in-memory twin for tests", async () => {
    const store = createMemorySecretStore();
    const id = await store.put("m", { workspaceId: "ws", owner: "o" });
    expect(await store.get(id)).toBe("m");
  });
});
