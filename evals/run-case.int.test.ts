// A whole case in-process, built so that a "secret" travels as a plain form value: the leak
// must be found in the events and in the stored files, while a clean run passes every grader.
import { describe, expect, it } from "vitest";
import { loadConfig } from "../server/config.ts";
import { startInProcess } from "./drivers/in-process.ts";
import { runCase } from "./run-case.ts";
import { gradeRun } from "./run-suite.ts";
import type { EvalCase } from "./types.ts";

const base = loadConfig({});
const start = (caseDef: EvalCase) => startInProcess(caseDef, { base });

describe("runCase in-process", () => {
  it("finds a secret that was stored as a plain value", async () => {
    const canary = `leak-CANARY-${Math.random().toString(16).slice(2, 10)}`;
    const leaky: EvalCase = {
      id: "int/leaky",
      connector: "destination-dev-null",
      file: "inline",
      opening: "dev null destination please",
      turns: [{ form: { set: { "/test_destination": { test_destination_type: "SILENT", note: canary } } } }],
      facts: { "/test_destination": { choose: "Silent" } },
      expect: { config: { test_destination: { test_destination_type: "SILENT", note: { secret: canary } } } },
    };
    const report = gradeRun(leaky, await runCase(leaky, start));
    expect(report.graders.no_leak.pass).toBe(false);
    expect(report.graders.no_leak.reason).toMatch(/form\.patch event|file /);
    expect(report.graders.no_leak.reason).not.toContain(canary);
  });

  it("grades a clean run: events, final config resolved, turns counted", async () => {
    const clean: EvalCase = {
      id: "int/clean",
      connector: "destination-dev-null",
      file: "inline",
      opening: "I need a dev null destination",
      facts: { "/test_destination": { choose: "Silent" } },
      expect: { outcome: "saved", config: { test_destination: { test_destination_type: "SILENT" } }, max_user_turns: 3 },
    };
    const run = await runCase(clean, start);
    const report = gradeRun(clean, run);
    expect(run.error).toBeUndefined();
    expect(run.transcript.some((item) => item.event.type === "session.completed")).toBe(true);
    expect(report.pass).toBe(true);
    expect(run.userTurns).toBeGreaterThanOrEqual(1);
    expect(run.leakSources.files.length).toBeGreaterThan(0);
  });

  it("reports a case whose connector does not exist as a harness error", async () => {
    const unknown: EvalCase = { id: "int/unknown", connector: "source-does-not-exist-anywhere", file: "inline", expect: {} };
    const run = await runCase(unknown, start);
    expect(run.error).toMatch(/unknown connector/);
    expect(gradeRun(unknown, run).pass).toBe(false);
  });
});
