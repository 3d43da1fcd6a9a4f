// The real server process: first start prints a usable token, a second process over the same
// data dir keeps what the first stored and prints no new token.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** The token line of the first-start banner (whole: up to its line break). */
const FIRST_START_TOKEN = /^[ \t]+(onr_[A-Za-z0-9_-]+)[ \t]*\n/m;

/**
 * Starts the server and resolves once it has written everything it writes at start: the
 * "listening" line, then `ready` (the first-start banner's token, or the console hint a later
 * start logs in its place). Waiting for that output, not for a fixed time, keeps a loaded machine
 * from cutting the banner off; the process exiting first fails the start.
 */
async function startProcess(dataDir: string, ready: RegExp): Promise<{ child: ChildProcess; baseUrl: string; output: () => string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: { PORT: "0", HOST: "127.0.0.1", ONRAMP_DATA_DIR: dataDir, ONRAMP_LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const seen = () => {
      const listening = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (listening && ready.test(output.slice(listening.index))) {
        child.off("exit", exited);
        resolve(listening[1]!);
      }
    };
    const exited = (code: number | null) => reject(new Error(`server exited with ${code}:\n${output}`));
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      seen();
    });
    child.stderr!.on("data", (chunk) => {
      output += chunk;
      seen();
    });
    child.once("exit", exited);
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

  // Two cold starts of a TypeScript server (tsx transpiles it each time): on a loaded machine that
  // alone can take most of a minute, so this test gets more room than the default.
  it("prints a token on first start, serves with it, and keeps data across a restart", { timeout: 240_000 }, async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-main-"));
    const first = await startProcess(dataDir, FIRST_START_TOKEN);
    children.push(first.child);
    const token = FIRST_START_TOKEN.exec(first.output())?.[1];
    expect(token, first.output()).toBeTruthy();
    // `npm start` warms its request path on a throwaway server before it listens (server/warm-up.ts).
    expect(first.output()).toMatch(/warmed up: [1-9]\d* turns/);
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

    // A later start logs the console hint where the first printed its banner (a banner would
    // end the wait as well, and fail below).
    const second = await startProcess(dataDir, new RegExp(`Console: |${FIRST_START_TOKEN.source}`, "m"));
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
