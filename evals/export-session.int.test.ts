// Drives real in-process sessions (local PostgreSQL; sample data), exports them from the data
// dir on disk, and checks the case: valid, secrets replaced by canaries, replayable by the harness.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { main as cliMain } from "../server/cli.ts";
import { loadConfig } from "../server/config.ts";
import { services } from "../server/testing/service-gate.ts";
import { startInProcess } from "./drivers/in-process.ts";
import { exportSession } from "./export-session.ts";
import { toCase } from "./load-cases.ts";
import { runCase } from "./run-case.ts";
import { gradeRun } from "./run-suite.ts";
import type { EvalCase } from "./types.ts";

const ok = await services.postgres();
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe.skipIf(!ok)("onramp sessions export", () => {
  it("turns a driven session into a case that replays", async () => {
    const password = `real-pw-${Math.random().toString(36).slice(2, 12)}`;
    const driven: EvalCase = {
      id: "export/driven",
      connector: "source-postgres",
      file: "inline",
      opening: "Connect our Postgres: host 127.0.0.1, port 5432, database test",
      facts: { "/host": "127.0.0.1", "/port": 5432, "/database": "test", "/username": "postgres", "/password": { secret: password } },
      expect: {},
    };
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-export-"));
    dirs.push(dataDir);
    const base = loadConfig({});
    const run = await runCase(driven, (caseDef) => startInProcess(caseDef, { base, dataDir }));
    expect(run.error).toBeUndefined();
    expect(run.sessionId).toBeTruthy();
    expect(run.finalConfig?.password).toBe(password);

    const text = await exportSession({ sessionId: run.sessionId!, config: loadConfig({ ONRAMP_DATA_DIR: dataDir }) });
    expect(text).not.toContain(password);
    const exported = toCase(YAML.parse(text), path.join(dataDir, "exported.yaml"));
    expect(exported.connector).toBe("source-postgres");
    expect(exported.opening).toBe(driven.opening);
    const secretFact = exported.facts?.["/password"] as { secret: string } | undefined;
    expect(secretFact?.secret).toMatch(/^CANARY-/);
    expect(exported.expect.config).toMatchObject({ host: "127.0.0.1", database: "test" });

    // The same through the CLI: onramp sessions export <id> --data-dir D --out FILE
    const out = path.join(dataDir, "from-cli.yaml");
    const lines: string[] = [];
    const io = { out: (line: string) => lines.push(line), err: (line: string) => lines.push(line) };
    const code = await cliMain(["sessions", "export", run.sessionId!, "--data-dir", dataDir, "--out", out], { env: {}, io });
    expect(lines.join("\n")).toContain("wrote");
    expect(code).toBe(0);
    const fromCli = toCase(YAML.parse(await readFile(out, "utf8")), out);
    expect(fromCli.opening).toBe(driven.opening);

    // The exported case runs unchanged through the harness, with its canary in place of the secret.
    const replay = await runCase(exported, (caseDef) => startInProcess(caseDef, { base }));
    const report = gradeRun(exported, replay);
    expect(replay.error).toBeUndefined();
    expect(report.graders.no_leak.pass).toBe(true);
    expect(replay.finalConfig?.password).toBe(secretFact?.secret);
  });
});

describe("onramp sessions export, a form edit before the first message", () => {
  it("plays the form edit before the first message and scores a test without a live check as skipped", async () => {
    // The person types the seed in the form, then says the rest; the agent saves on that message.
    const message = "Sample data please: the users dataset, 50 records";
    const driven: EvalCase = {
      id: "export/form-first",
      connector: "source-sample-data",
      file: "inline",
      turns: [{ form: { set: { "/seed": 4242 } } }, { say: message }],
      facts: { "/dataset": "users", "/record_count": 50 },
      expect: {},
    };
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-export-"));
    dirs.push(dataDir);
    const base = loadConfig({});
    const run = await runCase(driven, (caseDef) => startInProcess(caseDef, { base, dataDir }));
    expect(run.error).toBeUndefined();
    expect(run.outcome).toBe("saved");
    expect(run.lastTest?.status).toBe("succeeded");
    expect(run.finalConfig).toMatchObject({ dataset: "users", record_count: 50, seed: 4242 });

    const text = await exportSession({ sessionId: run.sessionId!, config: loadConfig({ ONRAMP_DATA_DIR: dataDir }) });
    const exported = toCase(YAML.parse(text), path.join(dataDir, "exported.yaml"));
    expect(exported.opening).toBeUndefined();
    expect(exported.turns).toEqual([{ form: { set: { "/seed": 4242 } } }, { say: message }]);
    // sample data has no live check: its "succeeded" only validated the settings.
    expect(exported.expect.test).toBe("skipped");

    const replay = await runCase(exported, (caseDef) => startInProcess(caseDef, { base }));
    const report = gradeRun(exported, replay);
    expect(replay.error).toBeUndefined();
    expect(report.graders.config).toMatchObject({ pass: true });
    expect(report.graders.test).toMatchObject({ pass: true });
    expect(report.pass).toBe(true);
  });
});
