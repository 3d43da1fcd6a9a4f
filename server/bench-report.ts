// The last step of `npm run bench`: adds the catalog's cold load and the widget's size to
// bench/results.json, then writes the table of docs/PERFORMANCE.md (between its bench markers)
// from the whole file, so the document always shows the figures of the last run.
//   npx tsx server/bench-report.ts [--table-only]
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import path from "node:path";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";
import { loadNow, readResults, recordResults } from "./bench-results.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const DOC = path.join(root, "docs", "PERFORMANCE.md");
const START = "<!-- bench:start (written by npm run bench: server/bench-report.ts) -->";
const END = "<!-- bench:end -->";

/** The spec corpus loaded and compiled by a fresh process (specs/bench.ts --once), 3 times. */
async function catalogColdLoad() {
  const runs: Array<{ specs: number; totalMs: number; cpuMs: number }> = [];
  for (let run = 0; run < 3; run++) {
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(root, "specs", "bench.ts"), "--once"], { cwd: root, maxBuffer: 1 << 24 });
    runs.push(JSON.parse(stdout));
  }
  const fastest = [...runs].sort((a, b) => a.totalMs - b.totalMs)[0]!;
  const round = (value: number) => Math.round(value);
  return { specs: runs[0]!.specs, firstMs: round(runs[0]!.totalMs), firstCpuMs: round(runs[0]!.cpuMs), fastestMs: round(fastest.totalMs), fastestCpuMs: round(fastest.cpuMs), load: loadNow() };
}

/** The widget as `npm start` builds it (widget/build.ts, run as its own process), gzipped. */
async function widgetSize() {
  await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(root, "widget", "build.ts")], { cwd: root });
  const gzipped = async (file: string) => gzipSync(await readFile(path.join(root, "widget", "dist", file))).length;
  return { widgetGzipBytes: await gzipped("widget.js"), consoleGzipBytes: await gzipped("console.js") };
}

type Section<T> = { run: { date: string; commit: string; machine: { cpus: number; cpuModel: string; memoryGb: number; node: string }; load: number[] }; figures: T } | undefined;

interface TurnRow {
  name: string;
  agent: string;
  /** Agent worker threads (0: turns on the main thread); rows recorded before workers have none. */
  workers?: number;
  transport: string;
  sessions: number;
  thinkMs: number;
  turns: number;
  turnsPerSecond: number;
  cpuMsPerTurn: number;
  serverP50: number;
  serverP99: number;
  clientP50: number;
  clientP99: number;
  failures: number;
  load: number[];
}

interface ReplicaRow {
  transport: string;
  sessions: number;
  thinkMs: number;
  turnsPerSecond: number;
  cpuMsPerTurn: number;
  clientP50: number;
  clientP99: number;
  failures: number;
  load: number[];
}

const ms = (value: number | undefined) => (value === undefined || Number.isNaN(value) ? "–" : `${value.toFixed(value >= 100 ? 0 : 1)} ms`);

export function renderTable(results: Record<string, unknown>): string {
  const turns = results.turns as Section<{ scenarios: TurnRow[]; firstTurnCpuMs?: Record<string, number[]> }>;
  const storage = results.storage as Section<Array<{ op: string; sessions: number; p50: number; p99: number; load: number[] }>>;
  const loadtest = results.loadtest as Section<{ line: string; rate: number; p50: number; p99: number; errors: number; serverCpuMsPerTurn: number; load: number[] }>;
  const catalog = results.catalog as Section<{ specs: number; firstMs: number; firstCpuMs: number; fastestMs: number; fastestCpuMs: number; load: number[] }>;
  const widget = results.widget as Section<{ widgetGzipBytes: number; consoleGzipBytes: number }>;
  const replicas = results.replicas as Section<{ scenarios: ReplicaRow[] }>;
  const lines: string[] = [];
  const any = turns ?? replicas ?? storage ?? loadtest ?? catalog;
  if (any) {
    const machine = any.run.machine;
    lines.push(`Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB, Node ${machine.node}. The load column is the`);
    lines.push("1-minute load average when the row was taken (the machine is shared: above its core count, other work");
    lines.push("took CPU from the server and the latencies say more about that than about Onramp).");
    lines.push("");
  }
  if (turns) {
    lines.push(`### Turns, offline model, embedded store (\`server/bench-turns.ts\`, ${turns.run.date.slice(0, 16)} UTC, commit ${turns.run.commit})`);
    lines.push("");
    lines.push("| agent | agent threads | transport | sessions | message every | turns/s | CPU per turn | server p50 / p99 | round trip p50 / p99 | failures | load avg |");
    lines.push("|---|---|---|---|---|---|---|---|---|---|---|");
    for (const row of turns.figures.scenarios) {
      lines.push(
        `| ${row.agent === "scripted" ? "scripted agent (floor)" : "offline agent"} | ${row.workers ? `${row.workers} workers` : "main thread"} | ${row.transport} | ${row.sessions} | ~${row.thinkMs / 1000} s | ${row.turnsPerSecond.toFixed(0)} | ${ms(row.cpuMsPerTurn)} | ${ms(row.serverP50)} / ${ms(row.serverP99)} | ${ms(row.clientP50)} / ${ms(row.clientP99)} | ${row.failures} | ${row.load[0]} |`,
      );
    }
    if (turns.figures.firstTurnCpuMs) {
      lines.push("");
      for (const [transport, values] of Object.entries(turns.figures.firstTurnCpuMs)) {
        lines.push(`CPU of turns 1..${values.length} of a session, ${transport} (in-process, median): ${values.map((value) => `${value} ms`).join(" / ")}`);
        lines.push("");
      }
    }
    lines.push("");
  }
  if (replicas) {
    lines.push(`### Turns through two replicas, Postgres + Redis behind HAProxy (\`server/bench-replicas.ts\`, ${replicas.run.date.slice(0, 16)} UTC, commit ${replicas.run.commit})`);
    lines.push("");
    lines.push("| transport | sessions | message every | turns/s | CPU per turn (both replicas) | round trip p50 / p99 | failures | load avg |");
    lines.push("|---|---|---|---|---|---|---|---|");
    for (const row of replicas.figures.scenarios) {
      lines.push(
        `| ${row.transport} | ${row.sessions} | ~${row.thinkMs / 1000} s | ${row.turnsPerSecond.toFixed(0)} | ${ms(row.cpuMsPerTurn)} | ${ms(row.clientP50)} / ${ms(row.clientP99)} | ${row.failures} | ${row.load[0]} |`,
      );
    }
    lines.push("");
  }
  if (loadtest) {
    const figures = loadtest.figures;
    lines.push(`### Independent load test (\`../shared/tools/loadtest.mjs\`, REST, server as \`npm start\` runs it; ${loadtest.run.date.slice(0, 16)} UTC, commit ${loadtest.run.commit})`);
    lines.push("");
    lines.push("| turns/s | p50 | p99 | errors | server CPU per turn | load avg |");
    lines.push("|---|---|---|---|---|---|");
    lines.push(`| ${figures.rate} | ${ms(figures.p50)} | ${ms(figures.p99)} | ${figures.errors} | ${ms(figures.serverCpuMsPerTurn)} | ${figures.load[0]} |`);
    lines.push("");
    lines.push(`\`${figures.line}\``);
    lines.push("");
  }
  if (storage) {
    lines.push(`### Store writes at 10 vs 10,000 stored sessions (\`server/bench.ts\`, ${storage.run.date.slice(0, 16)} UTC, commit ${storage.run.commit})`);
    lines.push("");
    lines.push("| operation | stored sessions | p50 | p99 | load avg |");
    lines.push("|---|---|---|---|---|");
    for (const row of storage.figures) lines.push(`| ${row.op} | ${row.sessions.toLocaleString("en")} | ${ms(row.p50)} | ${ms(row.p99)} | ${row.load[0]} |`);
    lines.push("");
  }
  if (catalog || widget) {
    lines.push("### Catalog and widget");
    lines.push("");
    if (catalog) {
      const figures = catalog.figures;
      lines.push(`- Catalog cold load (${figures.specs} specs read, repaired and compiled by a fresh process): first run ${figures.firstMs} ms wall / ${figures.firstCpuMs} ms CPU, fastest of 3 ${figures.fastestMs} ms / ${figures.fastestCpuMs} ms CPU (load ${figures.load[0]}).`);
    }
    if (widget) {
      lines.push(`- Widget: widget.js ${(widget.figures.widgetGzipBytes / 1024).toFixed(1)} KB gzip (budget 25 KB); console.js ${(widget.figures.consoleGzipBytes / 1024).toFixed(1)} KB gzip.`);
    }
    lines.push("");
  }
  return lines.join("\n").trimEnd();
}

export async function writeTable(): Promise<void> {
  const table = renderTable(await readResults());
  const document = await readFile(DOC, "utf8");
  const start = document.indexOf(START);
  const end = document.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${DOC} has no bench markers`);
  await writeFile(DOC, `${document.slice(0, start + START.length)}\n${table}\n${document.slice(end)}`);
}

const isEntry = process.argv[1] !== undefined && import.meta.url === (await import("node:url")).pathToFileURL(process.argv[1]).href;
if (isEntry) {
  if (!process.argv.includes("--table-only")) {
    const catalog = await catalogColdLoad();
    console.log(`catalog cold load: ${catalog.specs} specs, first run ${catalog.firstMs} ms (${catalog.firstCpuMs} ms CPU), fastest ${catalog.fastestMs} ms`);
    await recordResults("catalog", catalog);
    const widget = await widgetSize();
    console.log(`widget: ${(widget.widgetGzipBytes / 1024).toFixed(1)} KB gzip, console ${(widget.consoleGzipBytes / 1024).toFixed(1)} KB gzip`);
    await recordResults("widget", widget);
  }
  await writeTable();
  console.log(`bench/results.json and the table in ${path.relative(root, DOC)} updated`);
}
