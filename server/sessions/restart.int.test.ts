// The server process is killed (SIGKILL) mid-session and started again on the same data dir:
// the conversation continues exactly where it stopped (pending secret question, transcript, form).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { services } from "../testing/service-gate.ts";
import { postgresLogin, type TestLogin } from "./testing/databases.ts";
import { findLeaks } from "./testing/leak-check.ts";
import { createSession, RestSession, WsSession } from "./testing/session-client.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const postgresUp = await services.postgres();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

interface Running {
  child: ChildProcess;
  output: string[];
}

async function startProcess(env: Record<string, string>): Promise<Running> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const output: string[] = [];
  child.stdout!.on("data", (chunk) => output.push(String(chunk)));
  child.stderr!.on("data", (chunk) => output.push(String(chunk)));
  const deadline = Date.now() + 30_000;
  while (!output.join("").includes("listening on")) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output.join("")}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${output.join("")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { child, output };
}

function kill(running: Running): Promise<void> {
  return new Promise((resolve) => {
    if (running.child.exitCode !== null || running.child.signalCode !== null) return resolve();
    running.child.once("exit", () => resolve());
    running.child.kill("SIGKILL");
  });
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

describe.skipIf(!postgresUp)("restart mid-session", () => {
  it("continues the conversation after the server is killed and started again", async () => {
    const login: TestLogin = await postgresLogin();
    cleanups.push(() => login.drop());
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-restart-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true, maxRetries: 3 }));
    const port = await freePort();
    const apiToken = `onr_${randomBytes(16).toString("hex")}`;
    const env = {
      PORT: String(port),
      HOST: "127.0.0.1",
      ONRAMP_DATA_DIR: dataDir,
      ONRAMP_API_TOKEN: apiToken,
      ONRAMP_MODEL: "offline",
      ONRAMP_LOG_LEVEL: "debug",
    };
    const baseUrl = `http://127.0.0.1:${port}`;
    const outputs: string[][] = [];
    const frames: string[] = [];

    const first = await startProcess(env);
    cleanups.push(() => kill(first));
    outputs.push(first.output);
    const created = await createSession(baseUrl, apiToken, { connector_type: "source-postgres" });
    const rest = new RestSession(baseUrl, created.session_id, created.session_token);
    const asked = await rest.say(`host 127.0.0.1 port 5432 database test user ${login.user}`);
    expect(asked.at(-1)).toMatchObject({ type: "secret.request", path: "/password" });
    const before = (await rest.snapshot()).body;
    await kill(first);

    const second = await startProcess(env);
    cleanups.push(() => kill(second));
    outputs.push(second.output);
    const after = (await rest.snapshot()).body;
    expect(after.form).toEqual(before.form);
    expect(after.transcript).toEqual(before.transcript);
    expect(after.pending).toEqual(before.pending);
    expect(after.secretMode).toEqual({ path: "/password" });

    // A view that reconnects gets the same place, and the next answer continues from it.
    const ws = await WsSession.open(baseUrl.replace("http", "ws"), created.session_id, created.session_token);
    const snapshot = await ws.next((event) => event.type === "session.snapshot", 5000, 0);
    expect(snapshot).toMatchObject({ session: { secretMode: { path: "/password" } } });
    ws.send({ type: "secret.submit", path: "/password", value: login.password });
    const result = await ws.next((event) => event.type === "test.result", 20_000);
    expect(result).toMatchObject({ status: "succeeded" });
    await ws.next((event) => event.type === "session.completed");
    frames.push(...ws.frames);
    await ws.close();
    await kill(second);

    const leaks = await findLeaks(
      [login.password],
      [
        { label: "REST responses", text: rest.received.join("\n") },
        { label: "ws frames", text: frames.join("\n") },
        { label: "server output", text: outputs.flat().join("") },
      ],
      [dataDir],
    );
    expect(leaks).toEqual([]);
  });
});
