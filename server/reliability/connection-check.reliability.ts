// Connection checks against two hosts that never answer, both on 127.0.0.1: one accepts the TCP
// connection and then says nothing; the other black-holes it (a listening socket whose accept
// queue is full and never drained, so the kernel drops further SYNs, as a firewall that drops
// packets would). Every check kind ends within its deadline with `timeout` or `unreachable`.
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinDefinitions } from "../../specs/builtins/index.ts";
import { runCheck } from "../../specs/checks/run-check.ts";
import { report } from "./counts.ts";

const TIMEOUT_MS = 4_000;
// Room for a loaded machine to schedule the end of the check; the deadline itself is TIMEOUT_MS.
const GRACE_MS = 6_000;

let silent: net.Server;
const held: net.Socket[] = [];
let blackHole: ChildProcess;
const queueFillers: net.Socket[] = [];
let silentPort: number;
let blackHolePort: number;

beforeAll(async () => {
  silent = net.createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  silentPort = (silent.address() as net.AddressInfo).port;
  // Node accepts every connection by itself, so the never-accepting listener is a tiny Python
  // process: listen(0), never accept().
  blackHole = spawn("python3", ["-c", "import socket,sys,time\ns=socket.socket()\ns.bind(('127.0.0.1',0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(3600)"], { stdio: ["ignore", "pipe", "inherit"] });
  blackHolePort = await new Promise<number>((resolve) => blackHole.stdout!.once("data", (chunk) => resolve(Number(String(chunk).trim()))));
  // Fill the accept queue; connections after these get no SYN-ACK at all.
  for (let index = 0; index < 4; index++) {
    const socket = net.connect({ host: "127.0.0.1", port: blackHolePort });
    socket.on("error", () => undefined);
    queueFillers.push(socket);
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  // It is a black hole only if a new connection is not even accepted by the kernel.
  const probe = net.connect({ host: "127.0.0.1", port: blackHolePort });
  probe.on("error", () => undefined);
  const connected = await new Promise<boolean>((resolve) => {
    probe.once("connect", () => resolve(true));
    setTimeout(() => resolve(false), 1500);
  });
  probe.destroy();
  expect(connected, "the black hole accepted a connection: its accept queue is not full").toBe(false);
});

afterAll(async () => {
  for (const socket of [...held, ...queueFillers]) socket.destroy();
  silent?.close();
  blackHole?.kill("SIGKILL");
});

const definition = (name: string) => builtinDefinitions().find((item) => item.name === name)!;
const kinds = [
  { name: "source-postgres", config: (port: number) => ({ host: "127.0.0.1", port, database: "test", username: "postgres", password: "pw", ssl_mode: { mode: "disable" } }) },
  { name: "source-postgres", config: (port: number) => ({ host: "127.0.0.1", port, database: "test", username: "postgres", password: "pw", ssl_mode: { mode: "require" } }) },
  { name: "destination-postgres", config: (port: number) => ({ host: "127.0.0.1", port, database: "test", username: "postgres", password: "pw", schema: "public" }) },
  { name: "source-mysql", config: (port: number) => ({ host: "127.0.0.1", port, database: "test", username: "root", replication_method: { method: "STANDARD" } }) },
  { name: "source-http-api", config: (port: number) => ({ base_url: `http://127.0.0.1:${port}`, auth: { auth_type: "none" } }) },
];

describe("connection checks against hosts that never answer", () => {
  it("end within their deadline with timeout or unreachable", async () => {
    const results: string[] = [];
    const failures: string[] = [];
    let slowest = 0;
    for (const host of [
      { label: "accepts, never answers", port: () => silentPort },
      { label: "black hole", port: () => blackHolePort },
    ]) {
      for (const kind of kinds) {
        const started = performance.now();
        const result = await runCheck(definition(kind.name), kind.config(host.port()), { timeoutMs: TIMEOUT_MS });
        const elapsed = Math.round(performance.now() - started);
        slowest = Math.max(slowest, elapsed);
        results.push(`${host.label}/${kind.name}=${result.reason}:${elapsed}ms`);
        if (result.status !== "failed" || !["timeout", "unreachable"].includes(result.reason ?? "")) failures.push(`${host.label} ${kind.name}: ${JSON.stringify(result)}`);
        if (elapsed > TIMEOUT_MS + GRACE_MS) failures.push(`${host.label} ${kind.name}: took ${elapsed} ms against a ${TIMEOUT_MS} ms deadline`);
      }
    }
    report("connection check", { checks: results.length, timeout_ms: TIMEOUT_MS, slowest_ms: slowest, failures: failures.length, results: results.join(",") });
    expect(failures).toEqual([]);
  });
});
