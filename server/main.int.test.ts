// The real server process: first start prints a usable token, a second process over the same
// data dir keeps what the first stored and prints no new token.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function startProcess(dataDir: string): Promise<{ child: ChildProcess; baseUrl: string; output: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: { PORT: "0", HOST: "127.0.0.1", ONRAMP_DATA_DIR: dataDir, ONRAMP_LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
    const poll = setInterval(() => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearInterval(poll);
        clearTimeout(timer);
        // The first-start banner is written right after the listening line.
        setTimeout(() => resolve(match[1]!), 200);
      }
    }, 50);
    child.once("exit", (code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return { child, baseUrl, output: () => output };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

describe("server process", () => {
  let dataDir: string;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) await stop(child);
    await rm(dataDir, { recursive: true, force: true });
  });

  it("prints a token on first start, serves with it, and keeps data across a restart", async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-main-"));
    const first = await startProcess(dataDir);
    children.push(first.child);
    const token = /^\s+(onr_[A-Za-z0-9_-]+)\s*$/m.exec(first.output())?.[1];
    expect(token, first.output()).toBeTruthy();
    expect((await fetch(`${first.baseUrl}/healthz`)).status).toBe(200);
    const auth = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const created = await fetch(`${first.baseUrl}/api/v1/workspaces`, { method: "POST", headers: auth, body: JSON.stringify({ name: "survives" }) });
    expect(created.status).toBe(201);
    const connector = await fetch(`${first.baseUrl}/api/v1/integrations/connectors`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ workspace_name: "survives", connector_type: "postgres", name: "Kept", configuration: { host: "db.internal", port: 5432, database: "d", username: "u", password: "pw-before-restart" } }),
    });
    expect(connector.status).toBe(201);
    const connectorBody = (await connector.json()) as { id: string };
    const session = await fetch(`${first.baseUrl}/api/v1/setup-sessions`, { method: "POST", headers: auth, body: JSON.stringify({ workspace_name: "survives", connector_type: "postgres" }) });
    expect(session.status).toBe(201);
    const { session_id: sessionId, session_token: sessionToken } = (await session.json()) as { session_id: string; session_token: string };
    const sessionHeaders = { authorization: `Bearer ${sessionToken}`, "content-type": "application/json" };
    const edited = await fetch(`${first.baseUrl}/api/v1/setup-sessions/${sessionId}/form`, {
      method: "PATCH",
      headers: sessionHeaders,
      body: JSON.stringify({ base_version: 0, ops: [{ op: "set", path: "/host", value: "kept.example.com" }] }),
    });
    const before = (await (await fetch(`${first.baseUrl}/api/v1/setup-sessions/${sessionId}`, { headers: sessionHeaders })).json()) as { form: { version: number } };
    expect(edited.status, await edited.text()).toBe(200);
    await stop(first.child);

    const second = await startProcess(dataDir);
    children.push(second.child);
    expect(second.output()).not.toMatch(/onr_/);
    const list = await fetch(`${second.baseUrl}/api/v1/workspaces`, { headers: auth });
    expect(list.status).toBe(200);
    const names = ((await list.json()) as { data: Array<{ name: string }> }).data.map((workspace) => workspace.name);
    expect(names).toEqual(["default", "survives"]);

    const keptConnector = await fetch(`${second.baseUrl}/api/v1/integrations/connectors/${connectorBody.id}`, { headers: auth });
    expect(keptConnector.status).toBe(200);
    expect(await keptConnector.json()).toMatchObject({ id: connectorBody.id, name: "Kept", configuration: { host: "db.internal", password: "**********" } });

    // The session reopens with the token it was created with, its form as it was.
    const keptSession = await fetch(`${second.baseUrl}/api/v1/setup-sessions/${sessionId}`, { headers: sessionHeaders });
    expect(keptSession.status).toBe(200);
    const snapshot = (await keptSession.json()) as { id: string; status: string; form: { version: number; values: Record<string, unknown> } };
    expect(snapshot).toMatchObject({ id: sessionId, status: "active", form: { version: before.form.version, values: { host: "kept.example.com" } } });
    await stop(second.child);
  });
});
