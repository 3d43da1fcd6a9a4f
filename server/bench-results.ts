// Benchmarks as data: each part of `npm run bench` merges its figures into bench/results.json
// under its own key, with the machine, the date, the commit and the load average at the time
// (the machine may be shared, so a figure means little without the load it was taken under).
import { execFileSync } from "node:child_process";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../bench");
export const RESULTS_FILE = path.join(BENCH_DIR, "results.json");

export interface RunInfo {
  date: string;
  commit: string;
  machine: { cpus: number; cpuModel: string; memoryGb: number; platform: string; node: string };
  /** os.loadavg() when the figures were taken: 1, 5 and 15 minutes. */
  load: number[];
}

export function runInfo(): RunInfo {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    // The bench's own outputs change while it runs: only other changes make the commit "+changes".
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "--", ".", ":!bench/results.json", ":!docs/PERFORMANCE.md"], { encoding: "utf8" }).trim();
    if (dirty) commit += "+changes";
  } catch {
    // Not a git checkout (an installed package): the commit stays unknown.
  }
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    commit,
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model.trim() ?? "unknown",
      memoryGb: Math.round(os.totalmem() / 2 ** 30),
      platform: `${os.platform()} ${os.release()}`,
      node: process.version,
    },
    load: os.loadavg().map((value) => Math.round(value * 100) / 100),
  };
}

/** The load average now, rounded, to store beside one figure. */
export function loadNow(): number[] {
  return os.loadavg().map((value) => Math.round(value * 100) / 100);
}

export async function readResults(): Promise<Record<string, unknown>> {
  try {
    return JSON.parse(await readFile(RESULTS_FILE, "utf8")) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** Replaces one section of bench/results.json (temp file + rename: a crash never tears it). */
export async function recordResults(section: string, figures: unknown): Promise<void> {
  await mkdir(BENCH_DIR, { recursive: true });
  const results = await readResults();
  results[section] = { run: runInfo(), figures };
  const temporary = `${RESULTS_FILE}.tmp`;
  await writeFile(temporary, JSON.stringify(results, null, 2) + "\n");
  await rename(temporary, RESULTS_FILE);
}
