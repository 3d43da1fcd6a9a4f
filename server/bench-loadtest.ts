// The independent load test (../shared/tools/loadtest.mjs: the REST twin, 500 sessions, a message
// every ~5 s each, exponential gaps) against the server as `npm start` runs it (server/main.ts, a
// fresh data dir, the offline model, the widget built), in its own process. Beside the load
// test's own line, the server process's CPU time over the run (from /proc) ÷ turns.
//   npx tsx server/bench-loadtest.ts [--sessions 500] [--seconds 30] [--gap 5000] [--no-record]
import { spawn, execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, open, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "node:net";
import { randomBytes } from "node:crypto";
import { loadNow, recordResults } from "./bench-results.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const LOADTEST = path.resolve(root, "../shared/tools/loadtest.mjs");

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
  return Number.isFinite(value) ? value : fallback;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** User + system CPU of a process, in ms (Linux /proc; the clock tick is read once). */
const TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();
export function processCpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
  } catch {
    return undefined;
  }
}

export async function runLoadtest(options: { sessions: number; seconds: number; gap: number }) {
  if (!existsSync(LOADTEST)) {
    console.log(`loadtest: skipped (${LOADTEST} is absent)`);
    return undefined;
  }
  execFileSync("npm", ["run", "--silent", "build:widget"], { cwd: root, stdio: "ignore" });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-loadtest-"));
  const port = await freePort();
  const token = `onr_bench_${randomBytes(16).toString("hex")}`;
  const server = spawn(process.execPath, ["--import", "tsx", path.join(here, "main.ts")], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", ONRAMP_DATA_DIR: dataDir, ONRAMP_API_TOKEN: token, ONRAMP_LOG_LEVEL: "warn", ONRAMP_MODEL: "offline" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    for (let attempt = 0; ; attempt++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        // Not listening yet.
      }
      if (attempt > 300) throw new Error("the server did not start within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    // The load test creates its sessions first, then drives them for `seconds`: the CPU count
    // starts once they all exist.
    const loadtest = spawn(process.execPath, [LOADTEST, base, token, String(options.sessions), String(options.seconds), String(options.gap)], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    loadtest.stdout.on("data", (chunk) => (output += chunk));
    const before = await cpuWhenSessionsExist(server.pid!, dataDir, options.sessions);
    const started = performance.now();
    const code = await new Promise<number | null>((resolve) => loadtest.once("close", resolve));
    const cpuMs = processCpuMs(server.pid!)! - before;
    const seconds = (performance.now() - started) / 1000;
    if (code !== 0) throw new Error(`loadtest exited ${code}: ${output}`);
    const line = output.trim().split("\n").at(-1) ?? "";
    const figure = (name: string) => Number(new RegExp(`${name}=([\\d.]+)`).exec(line)?.[1]);
    const turns = figure("turns");
    return {
      line,
      sessions: figure("sessions"),
      turns,
      errors: figure("errors"),
      rate: figure("rate"),
      p50: figure("p50"),
      p90: figure("p90"),
      p99: figure("p99"),
      max: figure("max"),
      serverCpuMsPerTurn: Math.round((cpuMs / Math.max(1, turns)) * 100) / 100,
      serverCpuPercent: Math.round(cpuMs / 10 / seconds),
      load: loadNow(),
    };
  } finally {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("close", resolve));
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
}

/**
 * Waits until the load test has created its sessions; returns the server's CPU at that moment.
 * New sessions show in the store's write journal first (read incrementally, a line at a time).
 */
async function cpuWhenSessionsExist(pid: number, dataDir: string, sessions: number): Promise<number> {
  const journal = path.join(dataDir, "journal");
  const offsets = new Map<string, { offset: number; rest: string }>();
  const ids = new Set<string>();
  const deadline = Date.now() + 180_000;
  while (ids.size < sessions && Date.now() < deadline) {
    // A store without a journal (or one that has rotated) writes the session files themselves.
    for (const name of await readdir(path.join(dataDir, "sessions")).catch(() => [] as string[])) if (name.endsWith(".json") && !name.startsWith(".")) ids.add(name.slice(0, -".json".length));
    for (const name of await readdir(journal).catch(() => [] as string[])) {
      const state = offsets.get(name) ?? { offset: 0, rest: "" };
      const handle = await open(path.join(journal, name), "r").catch(() => undefined);
      if (!handle) continue;
      try {
        const { size } = await handle.stat();
        if (size <= state.offset) continue;
        const buffer = Buffer.alloc(size - state.offset);
        await handle.read(buffer, 0, buffer.length, state.offset);
        const text = state.rest + buffer.toString("utf8");
        const cut = text.lastIndexOf("\n") + 1;
        for (const match of text.slice(0, cut).matchAll(/^\["sessions","([^"]+)"/gm)) ids.add(match[1]!);
        offsets.set(name, { offset: size, rest: text.slice(cut) });
      } finally {
        await handle.close();
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return processCpuMs(pid) ?? 0;
}

const isEntry = process.argv[1] !== undefined && import.meta.url === (await import("node:url")).pathToFileURL(process.argv[1]).href;
if (isEntry) {
  const result = await runLoadtest({ sessions: argument("sessions", 500), seconds: argument("seconds", 30), gap: argument("gap", 5000) });
  if (result) {
    console.log(`loadtest (REST, npm start's server): ${result.line}`);
    console.log(`  server CPU ${result.serverCpuMsPerTurn} ms per turn (${result.serverCpuPercent}% of a core), load ${result.load[0]}`);
    if (!process.argv.includes("--no-record")) await recordResults("loadtest", result);
  }
}
