// `npm run specs -- check DIR... [--json]`: checks every definition file of the folders (see
// check-specs.ts). One progress line per spec, then `N passed, M failed`; exit code 1 when any
// failed.
// `npm run specs -- interpolation-check [FILE]`: renders an interpolation golden corpus (default
// ../shared/airbyte-manifests/interpolation-golden.jsonl) and prints `N identical, M differ` with
// the differing constructs grouped; exit code 1 when any differ.
// `npm run specs -- manifests-check DIR...`: every Airbyte declarative manifest of the folders
// resolved, validated and its check's first request built without network (see
// declarative/manifests-check.ts); exit code 1 when any cannot run.
// `npm run specs -- import-check DIR...`: every OpenAPI / Swagger / Postman description of the
// folders imported into a draft and a validated manifest (see import/import-check.ts).
import path from "node:path";
import { checkFile, filesIn, type SpecReport } from "./check-specs.ts";
import { formatReport, GOLDEN_FILE, readGolden, runGolden } from "./declarative/interpolation/golden.ts";
import { manifestsCheck } from "./declarative/manifests-check.ts";
import { importCheck } from "./import/import-check.ts";

async function check(args: string[]): Promise<number> {
  const json = args.includes("--json");
  const targets = args.filter((arg) => !arg.startsWith("--"));
  if (targets.length === 0) {
    process.stderr.write("usage: npm run specs -- check DIR... [--json]\n");
    return 2;
  }
  // With --json the report owns stdout; progress goes to stderr.
  const progress = json ? process.stderr : process.stdout;
  const reports: SpecReport[] = [];
  for (const target of targets) {
    for (const file of await filesIn(target)) {
      const report = await checkFile(file);
      reports.push(report);
      const label = report.name ?? path.basename(file);
      const detail = report.ok
        ? `${report.questions} questions${report.repairs ? `; repaired: ${report.repairs.join("; ")}` : ""}`
        : report.error;
      progress.write(`${report.ok ? "ok  " : "FAIL"} ${label} (${detail})\n`);
    }
  }
  const passed = reports.filter((report) => report.ok).length;
  const failedCount = reports.length - passed;
  if (json) process.stdout.write(JSON.stringify({ passed, failed: failedCount, specs: reports }, null, 2) + "\n");
  progress.write(`${passed} passed, ${failedCount} failed\n`);
  return failedCount > 0 ? 1 : 0;
}

async function interpolationCheck(args: string[]): Promise<number> {
  const file = path.resolve(args.find((arg) => !arg.startsWith("--")) ?? GOLDEN_FILE);
  const report = runGolden(readGolden(file));
  process.stdout.write(formatReport(report).join("\n") + "\n");
  return report.differing.length > 0 ? 1 : 0;
}

async function checkManifests(args: string[]): Promise<number> {
  const dirs = args.filter((arg) => !arg.startsWith("--"));
  if (dirs.length === 0) {
    process.stderr.write("usage: npm run specs -- manifests-check DIR...\n");
    return 2;
  }
  const { failed } = await manifestsCheck(dirs);
  return failed > 0 ? 1 : 0;
}

async function checkImports(args: string[]): Promise<number> {
  const dirs = args.filter((arg) => !arg.startsWith("--"));
  if (dirs.length === 0) {
    process.stderr.write("usage: npm run specs -- import-check DIR...\n");
    return 2;
  }
  const { failed } = await importCheck(dirs);
  return failed > 0 ? 1 : 0;
}

const COMMANDS: Record<string, { run: (args: string[]) => Promise<number>; usage: string }> = {
  check: { run: check, usage: "check DIR... [--json]" },
  "interpolation-check": { run: interpolationCheck, usage: "interpolation-check [FILE]" },
  "manifests-check": { run: checkManifests, usage: "manifests-check DIR..." },
  "import-check": { run: checkImports, usage: "import-check DIR..." },
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const entry = command === undefined ? undefined : COMMANDS[command];
  if (entry) return entry.run(rest);
  process.stderr.write(`usage: npm run specs -- ${Object.values(COMMANDS).map((item) => item.usage).join(" | ")}\n`);
  return 2;
}

process.exitCode = await main(process.argv.slice(2));
