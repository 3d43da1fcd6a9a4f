// What `npm run specs -- check` does to one definition file: load (mending known upstream
// faults), compile, plan the questions, fill an example config and validate it, and make sure
// the walker agrees that a valid config leaves no required question open.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { definitionFromObject } from "./definition-file.ts";
import { compileSpec } from "./ajv.ts";
import { planQuestions } from "./walker.ts";
import { exampleConfigResult } from "./example-config.ts";

export interface SpecReport {
  file: string;
  name?: string;
  ok: boolean;
  questions?: number;
  repairs?: string[];
  error?: string;
  ms: number;
}

export async function checkFile(file: string): Promise<SpecReport> {
  const started = performance.now();
  const report: SpecReport = { file, ok: false, ms: 0 };
  try {
    const text = await readFile(file, "utf8");
    const raw = /\.json$/i.test(file) ? JSON.parse(text) : parseYaml(text);
    const definition = definitionFromObject(raw, path.dirname(file), file);
    report.name = definition.name;
    const compiled = compileSpec(definition.connectionSpecification);
    const repairs = [...new Set([...(definition.repairs ?? []), ...compiled.repairs])];
    if (repairs.length > 0) report.repairs = repairs;
    report.questions = planQuestions(definition, {}).length;
    const { config: example, valid, errors } = exampleConfigResult(definition);
    if (!valid) throw new Error(`example config is invalid: ${errors.map((error) => `${error.path || "/"} ${error.message}`).join("; ")}`);
    // The walker and the validator must agree: a valid config leaves no required question open.
    const open = planQuestions(definition, example).filter((question) => question.required);
    if (open.length > 0) throw new Error(`required questions still open on a valid config: ${open.map((question) => question.path).join(", ")}`);
    report.ok = true;
  } catch (error) {
    report.error = (error as Error).message;
  }
  report.ms = Math.round((performance.now() - started) * 10) / 10;
  return report;
}

export async function filesIn(target: string): Promise<string[]> {
  const entries = await readdir(target, { withFileTypes: true }).catch(() => undefined);
  if (!entries) return [target];
  return entries
    .filter((entry) => entry.isFile() && /\.(json|ya?ml)$/i.test(entry.name))
    .map((entry) => path.join(target, entry.name))
    .sort();
}
