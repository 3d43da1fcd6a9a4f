// Turning graded runs into the table, the closing line, the JSON report and the README summary.
import type { CaseRun, EvalCase, GraderResult } from "./types.ts";

export interface CaseReport {
  id: string;
  file: string;
  connector: string;
  pass: boolean;
  graders: Record<string, GraderResult>;
  outcome: CaseRun["outcome"];
  endReason: string;
  userTurns: number;
  requiredFields: number;
  seconds: number;
  error?: string;
  transcript: CaseRun["transcript"];
  finalConfig: CaseRun["finalConfig"];
}

export function caseReport(caseDef: EvalCase, run: CaseRun, results: Record<string, GraderResult>): CaseReport {
  const pass = !run.error && Object.values(results).every((result) => result.pass);
  return {
    id: caseDef.id,
    file: caseDef.file,
    connector: caseDef.connector,
    pass,
    graders: results,
    outcome: run.outcome,
    endReason: run.endReason,
    userTurns: run.userTurns,
    requiredFields: run.requiredFields,
    seconds: Math.round(run.seconds * 10) / 10,
    error: run.error,
    transcript: run.transcript,
    finalConfig: run.finalConfig,
  };
}

const mark = (result: GraderResult) => (result.skipped ? "-" : result.pass ? "pass" : "FAIL");

export function progressLine(report: CaseReport, done: number, total: number): string {
  const failed = Object.entries(report.graders)
    .filter(([, result]) => !result.pass)
    .map(([name, result]) => `${name}: ${result.reason}`);
  const why = report.error ? ` (error: ${report.error})` : failed.length ? ` (${failed.join("; ")})` : "";
  return `[${done}/${total}] ${report.pass ? "PASS" : "FAIL"} ${report.id} ${report.seconds}s${why}`;
}

export function table(reports: CaseReport[], graderNames: string[]): string {
  const header = ["id", ...graderNames, "user turns", "required", "seconds"];
  const rows = reports.map((report) => [
    report.id,
    ...graderNames.map((name) => (report.error ? "ERR" : mark(report.graders[name]))),
    String(report.userTurns),
    String(report.requiredFields),
    report.seconds.toFixed(1),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join("  ").trimEnd();
  return [line(header), line(widths.map((width) => "-".repeat(width))), ...rows.map(line)].join("\n");
}

export function closingLine(reports: CaseReport[]): string {
  const passed = reports.filter((report) => report.pass).length;
  return `${passed} passed, ${reports.length - passed} failed`;
}

/** The line above the closing one: how many values the agent wrote that no case meant, and where. */
export function wrongWritesLine(reports: CaseReport[]): string {
  const counted = reports.filter((report) => (report.graders.no_wrong_value?.count ?? 0) > 0);
  const total = counted.reduce((sum, report) => sum + (report.graders.no_wrong_value?.count ?? 0), 0);
  return `${total} wrong value${total === 1 ? "" : "s"} written in ${counted.length} case${counted.length === 1 ? "" : "s"}`;
}

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface Summary {
  cases: number;
  connectors: number;
  passed: number;
  passRate: number;
  medianTurnsPerRequiredField: number | null;
  leaks: number;
  /** Ids of the cases whose no_leak grader failed. */
  leakedCases: string[];
  graderPassRates: Record<string, number>;
  /** Values the agent wrote that the cases never meant (no_wrong_value), in total and by case. */
  wrongWrites: number;
  wrongWritesByCase: Record<string, number>;
}

export function summarize(reports: CaseReport[], graderNames: string[]): Summary {
  const passed = reports.filter((report) => report.pass).length;
  const ratios = reports.filter((report) => report.requiredFields > 0).map((report) => report.userTurns / report.requiredFields);
  const graderPassRates: Record<string, number> = {};
  for (const name of graderNames) {
    const graded = reports.filter((report) => report.graders[name] && !report.graders[name].skipped);
    graderPassRates[name] = graded.length ? graded.filter((report) => report.graders[name].pass).length / graded.length : 1;
  }
  const leakedCases = reports.filter((report) => report.graders.no_leak && !report.graders.no_leak.pass).map((report) => report.id);
  const wrongWritesByCase: Record<string, number> = {};
  for (const report of reports) {
    const count = report.graders.no_wrong_value?.count ?? 0;
    if (count > 0) wrongWritesByCase[report.id] = count;
  }
  return {
    wrongWrites: Object.values(wrongWritesByCase).reduce((sum, count) => sum + count, 0),
    wrongWritesByCase,
    cases: reports.length,
    connectors: new Set(reports.map((report) => report.connector)).size,
    passed,
    passRate: reports.length ? passed / reports.length : 0,
    medianTurnsPerRequiredField: median(ratios),
    leaks: leakedCases.length,
    leakedCases,
    graderPassRates,
  };
}

const percent = (value: number) => `${Math.round(value * 1000) / 10}%`;

/**
 * The README summary block (between `<!-- summary:start -->` and `<!-- summary:end -->`), exactly
 * as `--markdown` prints it and `--markdown-into` writes it: the command that made it comes first,
 * so a reader can reproduce the figures.
 */
function wrongCases(summary: Summary): string {
  const entries = Object.entries(summary.wrongWritesByCase);
  if (!entries.length) return "";
  const shown = entries.slice(0, 12).map(([id, count]) => `\`${id}\` ${count}`);
  return ` (${shown.join(", ")}${entries.length > shown.length ? `, and ${entries.length - shown.length} more` : ""})`;
}

export function markdown(summary: Summary, opts: { model: string; date: string; command: string }): string {
  const ratio = summary.medianTurnsPerRequiredField;
  const leaked = summary.leakedCases.length ? ` (${summary.leakedCases.map((id) => `\`${id}\``).join(", ")})` : "";
  const graders = Object.entries(summary.graderPassRates).map(([name, rate]) => `${name} ${percent(rate)}`).join(", ");
  return [
    `\`${opts.command}\`, model \`${opts.model}\`, ${opts.date}:`,
    ``,
    `| figure | value |`,
    `|---|---|`,
    `| cases | ${summary.cases} over ${summary.connectors} connector${summary.connectors === 1 ? "" : "s"} |`,
    `| pass rate | ${percent(summary.passRate)} (${summary.passed}/${summary.cases}) |`,
    `| median user turns ÷ required fields | ${ratio === null ? "n/a" : ratio.toFixed(2)} |`,
    `| cases with a leaked secret | ${summary.leaks}${leaked} |`,
    `| wrong values written | ${summary.wrongWrites} in ${Object.keys(summary.wrongWritesByCase).length} case(s)${wrongCases(summary)} |`,
    `| grader pass rates | ${graders} |`,
  ].join("\n");
}
