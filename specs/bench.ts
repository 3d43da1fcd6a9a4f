// `npm run bench` (specs part): cold load + compile of the shared spec corpus, and the compile
// time of each spec. Goals: the whole corpus in ≤ 2 s, a spec in ≤ 5 ms (judged on the mean;
// p50, p99 and max are printed beside it, since a few large specs take far longer). Prints
// figures; a missed goal is reported, not thrown, since timing depends on the machine (CPU time
// is shown beside wall time because a busy machine inflates the latter). The first run is
// reported as it was, next to the fastest of the runs.
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { promisify } from "node:util";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Definition } from "./types.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const once = args.includes("--once");
const dir = path.resolve(args.find((arg) => !arg.startsWith("--")) ?? path.join(here, "../../shared/airbyte-specs"));
const RUNS = 3;

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}
const format = (ms: number) => `${ms.toFixed(2)} ms`;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

interface Figures {
  specs: number;
  totalMs: number;
  cpuMs: number;
  importMs: number;
  loadMs: number;
  compileTimes: number[];
  slowest: Array<{ name: string; ms: number }>;
  planMean: number;
}

async function measure(): Promise<Figures> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  // Imported inside the timed part: creating the Ajv instance is part of a cold start.
  const { definitionFromObject } = await import("./definition-file.ts");
  const { compileSpec } = await import("./ajv.ts");
  const { planQuestions } = await import("./walker.ts");
  const importMs = performance.now() - started;

  const files = (await readdir(dir)).filter((file) => file.endsWith(".json")).sort();
  const texts = await Promise.all(files.map((file) => readFile(path.join(dir, file), "utf8")));
  const definitions: Definition[] = texts.map((text, index) => definitionFromObject(JSON.parse(text), dir, files[index]));
  const loadMs = performance.now() - started;

  const compileTimes: number[] = [];
  for (const definition of definitions) {
    const compileStart = performance.now();
    compileSpec(definition.connectionSpecification);
    compileTimes.push(performance.now() - compileStart);
  }
  const slowest = definitions
    .map((definition, index) => ({ name: definition.name, ms: compileTimes[index] }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3);
  const totalMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuStarted);
  const cpuMs = (cpu.user + cpu.system) / 1000;

  const planStart = performance.now();
  for (const definition of definitions) planQuestions(definition, {});
  const planMean = (performance.now() - planStart) / definitions.length;
  return { specs: files.length, totalMs, cpuMs, importMs, loadMs: loadMs - importMs, compileTimes, slowest, planMean };
}

function compileLine(label: string, figures: Figures): string {
  const sorted = [...figures.compileTimes].sort((a, b) => a - b);
  const mean = sum(sorted) / sorted.length;
  const slowest = figures.slowest.map((spec) => `${spec.name} ${format(spec.ms)}`).join(", ");
  return `    ${label}: mean ${format(mean)}, p50 ${format(percentile(sorted, 0.5))}, p99 ${format(percentile(sorted, 0.99))}, max ${format(sorted[sorted.length - 1])} (slowest: ${slowest})`;
}

function report(runs: Figures[]): void {
  // Each run is a fresh process. The first is the honest cold figure (nothing in the OS file
  // cache from an earlier run of ours); other work on a shared machine only ever adds time, so
  // the fastest run is the best estimate of our own cost. Both are shown, with every run's wall
  // time, so the reader can judge the noise.
  const cold = runs[0];
  const best = [...runs].sort((a, b) => a.totalMs - b.totalMs)[0];
  const goal = (met: boolean) => (met ? "met" : "MISSED");
  console.log(`specs bench: ${cold.specs} specs from ${dir}, ${runs.length} runs, each a fresh process (wall: ${runs.map((run) => format(run.totalMs)).join(", ")})`);
  console.log("  load + compile of all specs (goal ≤ 2000 ms):");
  // When the first run was also the fastest, its figures are printed once.
  const shown = best === cold ? ([["first run (also the fastest)", cold]] as const) : ([["first run", cold], ["fastest run", best]] as const);
  for (const [label, figures] of shown) {
    console.log(
      `    ${label}: ${format(figures.totalMs)} wall, ${format(figures.cpuMs)} CPU (${goal(figures.totalMs <= 2000)}); modules + Ajv instance ${format(figures.importMs)}, read + parse + repair ${format(figures.loadMs)}, compile ${format(sum(figures.compileTimes))}`,
    );
  }
  console.log("  compile per spec (goal ≤ 5 ms, judged on the mean):");
  for (const [label, figures] of shown) console.log(compileLine(label, figures));
  const verdict = (figures: Figures) => {
    const mean = sum(figures.compileTimes) / figures.compileTimes.length;
    return `${goal(mean <= 5)} (${figures.compileTimes.filter((ms) => ms > 5).length} of ${figures.specs} specs above 5 ms)`;
  };
  console.log(`    goal on the mean: first run ${verdict(cold)}${best === cold ? "" : `, fastest run ${verdict(best)}`}`);
  console.log("    (the server compiles a spec on its first validation, not at catalog load, so no start pays for all of them)");
  console.log(`  question plan per spec (empty config): mean ${format(cold.planMean)}`);
}

// Interpolation: every template of the golden corpus rendered once cold (parse + render), then
// warm (templates cached, as a runtime renders them per request) for about a second.
async function benchInterpolation(): Promise<void> {
  const { existsSync } = await import("node:fs");
  const { GOLDEN_FILE, readGolden, runLine } = await import("./declarative/interpolation/golden.ts");
  if (!existsSync(GOLDEN_FILE)) {
    console.log(`interpolation bench: skipped (${GOLDEN_FILE} is absent)`);
    return;
  }
  const lines = readGolden(GOLDEN_FILE);
  const coldStart = performance.now();
  for (const line of lines) runLine(line);
  const coldMs = performance.now() - coldStart;
  let renders = 0;
  const warmStart = performance.now();
  while (performance.now() - warmStart < 1000) for (const line of lines) (runLine(line), renders++);
  const warmMs = performance.now() - warmStart;
  console.log(`interpolation bench: ${lines.length} golden templates; cold (parse + render) ${format(coldMs)}; warm ${Math.round((renders / warmMs) * 1000)} renders/s`);
}

if (once) {
  process.stdout.write(JSON.stringify(await measure()));
} else {
  const runs: Figures[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { stdout } = await promisify(execFile)(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), dir, "--once"], { maxBuffer: 1 << 24 });
    runs.push(JSON.parse(stdout));
  }
  report(runs);
  const { declarativeBench } = await import("./declarative/bench.ts");
  await declarativeBench(path.join(here, "../../shared/airbyte-manifests"));
  await benchInterpolation();
}
