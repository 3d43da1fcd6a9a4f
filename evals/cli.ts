// npm run eval -- --cases DIR [--json FILE] [--model offline|openai:<model>] [--only GLOB]
//   [--concurrency N] [--server URL] [--markdown] [--markdown-into FILE [--markdown-block NAME]] [--record]
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../server/config.ts";
import { startCassetteProxy } from "./cassette-proxy.ts";
import { CaseFileError, loadCases } from "./load-cases.ts";
import { print, printError, startCapture, stopCapture } from "./output-capture.ts";
import { closingLine, markdown, progressLine, summarize, table, wrongWritesLine } from "./report.ts";
import { replaceBlock } from "./markdown-block.ts";
import { runSuite } from "./run-suite.ts";
import { graders } from "./graders/index.ts";

const USAGE = `usage: npm run eval -- --cases DIR [--json FILE] [--model offline|openai:<model>] [--only GLOB]
       [--concurrency N] [--server URL [--token T] [--workspace W]] [--markdown]
       [--markdown-into FILE ... [--markdown-block NAME]] [--record]`;

export async function main(argv: string[], env: Record<string, string | undefined>): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      cases: { type: "string" },
      json: { type: "string" },
      model: { type: "string" },
      only: { type: "string" },
      concurrency: { type: "string" },
      server: { type: "string" },
      token: { type: "string" },
      workspace: { type: "string" },
      markdown: { type: "boolean" },
      "markdown-into": { type: "string", multiple: true },
      "markdown-block": { type: "string" },
      record: { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help || !values.cases) {
    printError(USAGE);
    return values.help ? 0 : 2;
  }
  const config = loadConfig({ ...env, ...(values.model ? { ONRAMP_MODEL: values.model } : {}) });
  const concurrency = Number(values.concurrency ?? 2);
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`--concurrency must be a positive integer`);

  let cases;
  try {
    cases = await loadCases(values.cases, { only: values.only, onWarning: (message) => printError(`warning: ${message}`) });
  } catch (error) {
    if (error instanceof CaseFileError) {
      printError(error.message);
      return 2;
    }
    throw error;
  }
  if (!cases.length) {
    printError(`no cases under ${values.cases}${values.only ? ` matching ${values.only}` : ""}`);
    return 2;
  }

  // A README without the block is found before the suite runs, not after.
  const block = values["markdown-block"] ?? "summary";
  for (const file of values["markdown-into"] ?? []) {
    try {
      replaceBlock(await readFile(file, "utf8"), block, "", file);
    } catch (error) {
      printError((error as Error).message);
      return 2;
    }
  }

  const recorder = await startCassetteProxy({ config, record: Boolean(values.record) });
  const modelName = config.model.kind === "offline" ? "offline" : `openai:${config.model.model}`;
  print(`Running ${cases.length} case(s) from ${values.cases} with model ${modelName}${values.server ? ` against ${values.server}` : " in-process"}`);
  if (!values.server) startCapture();
  let reports;
  try {
    reports = await runSuite(cases, {
      base: config,
      configFor: recorder ? (caseDef) => recorder.configFor(caseDef) : undefined,
      concurrency,
      server: values.server ? { url: values.server, apiToken: values.token ?? config.apiToken, workspace: values.workspace } : undefined,
      modelLog: recorder ? (caseDef) => recorder.modelLog(caseDef) : undefined,
      onCase: (report, done, total) => print(progressLine(report, done, total)),
    });
  } finally {
    stopCapture();
    await recorder?.stop();
  }
  const names = Object.keys(graders);
  print("");
  print(table(reports, names));
  const summaryBlock = markdown(summarize(reports, names), {
    model: modelName,
    date: new Date().toISOString().slice(0, 10),
    command: `npm run eval -- --cases ${values.cases}${values.only ? ` --only '${values.only}'` : ""}${modelName === "offline" ? "" : ` --model ${modelName}`}`,
  });
  if (values.markdown) {
    print("");
    print(summaryBlock);
  }
  for (const file of values["markdown-into"] ?? []) {
    await writeFile(file, replaceBlock(await readFile(file, "utf8"), block, summaryBlock, file));
    print(`wrote the ${block} block of ${file}`);
  }
  if (values.json) {
    const summary = summarize(reports, names);
    await writeFile(values.json, JSON.stringify({ model: modelName, summary, cases: reports }, null, 2));
  }
  print("");
  print(wrongWritesLine(reports));
  print(closingLine(reports));
  return reports.every((report) => report.pass) ? 0 : 1;
}

const isEntry = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isEntry) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error) => {
      stopCapture();
      printError(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exit(2);
    },
  );
}
