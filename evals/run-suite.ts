// Runs a list of cases with a concurrency limit, grades each as it finishes and reports progress.
import type { Config } from "../server/config.ts";
import type { Definition } from "../specs/types.ts";
import type { AppDeps } from "../server/deps.ts";
import { startInProcess } from "./drivers/in-process.ts";
import { startRest } from "./drivers/rest.ts";
import type { SessionDriver } from "./drivers/types.ts";
import { Fixtures } from "./fixtures/index.ts";
import { graders } from "./graders/index.ts";
import { caseReport, type CaseReport } from "./report.ts";
import { runCase } from "./run-case.ts";
import type { EvalCase, GraderResult } from "./types.ts";

export interface SuiteOptions {
  base: Config;
  /** Per-case config changes (the recording proxy's base URL). */
  configFor?: (caseDef: EvalCase) => Promise<Partial<Config>>;
  concurrency: number;
  server?: { url: string; apiToken: string | undefined; workspace?: string };
  /** Per case: what went to the model (set up by the recorder). */
  modelLog?: (caseDef: EvalCase) => (() => string[]) | undefined;
  prepare?: (deps: AppDeps, definition: Definition, caseDef: EvalCase) => Promise<void>;
  onCase?: (report: CaseReport, done: number, total: number) => void;
}

export function gradeRun(caseDef: EvalCase, run: Parameters<typeof caseReport>[1]): CaseReport {
  const results: Record<string, GraderResult> = {};
  for (const [name, grader] of Object.entries(graders)) results[name] = grader(caseDef, run);
  return caseReport(caseDef, run, results);
}

export async function runSuite(cases: EvalCase[], opts: SuiteOptions): Promise<CaseReport[]> {
  const fixtures = new Fixtures();
  const reports: CaseReport[] = new Array(cases.length);
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    while (next < cases.length) {
      const index = next++;
      const original = cases[index];
      let caseDef = original;
      const start = async (concrete: EvalCase): Promise<SessionDriver> => {
        if (opts.server) return startRest(concrete, { baseUrl: opts.server.url, apiToken: opts.server.apiToken, workspace: opts.server.workspace });
        const overrides = (await opts.configFor?.(original)) ?? {};
        return startInProcess(concrete, {
          base: { ...opts.base, ...overrides },
          modelLog: opts.modelLog?.(original),
          prepare: opts.prepare ? (deps, definition) => opts.prepare!(deps, definition, concrete) : undefined,
        });
      };
      let report: CaseReport;
      try {
        caseDef = await fixtures.apply(original);
        report = gradeRun(caseDef, await runCase(caseDef, start));
      } catch (error) {
        const run = await runCase(caseDef, async () => {
          throw error;
        });
        report = gradeRun(caseDef, run);
      }
      reports[index] = report;
      opts.onCase?.(report, ++done, cases.length);
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, cases.length)) }, worker));
  } finally {
    await fixtures.stopAll();
  }
  return reports;
}
