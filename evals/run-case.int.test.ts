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

  it("records the greeting and the first question, emitted inside sessions.create() before the driver could listen", async () => {
    const greeted: EvalCase = {
      id: "int/greeted",
      connector: "destination-dev-null",
      file: "inline",
      opening: "I need a dev null destination, silent",
      facts: { "/test_destination": { choose: "Silent" } },
      expect: { not_asked: ["/test_destination"] },
    };
    const run = await runCase(greeted, start);
    expect(run.error).toBeUndefined();
    expect(run.askedAtStart).toEqual(["/test_destination"]);
    expect(run.asked[0]).toBe("/test_destination");
    const [greeting, question] = run.transcript;
    expect(greeting).toMatchObject({ from: "server", recovered: "snapshot", event: { type: "agent.message" } });
    expect(question).toMatchObject({ from: "server", recovered: "snapshot", event: { type: "field.ask", path: "/test_destination", kind: "choice" } });
    expect(question.at).toBeLessThan(1);
    // The greeting's question came before the opening gave the choice: not asked *again*.
    expect(gradeRun(greeted, run).graders.not_asked).toMatchObject({ pass: true });
  });

  it("lets a turn held for the first question play at once", async () => {
    const held: EvalCase = {
      id: "int/held-for-first",
      connector: "destination-dev-null",
      file: "inline",
      turns: [{ say: "cancel", when: { asked: "/test_destination" } }],
      expect: { outcome: "abandoned" },
    };
    const run = await runCase(held, start);
    const said = run.transcript.filter((item) => item.from === "user").map((item) => (item.event as { text?: string }).text);
    expect(said[0]).toBe("cancel");
  });

  it("reports a case whose connector does not exist as a harness error", async () => {
    const unknown: EvalCase = { id: "int/unknown", connector: "source-does-not-exist-anywhere", file: "inline", expect: {} };
    const run = await runCase(unknown, start);
    expect(run.error).toMatch(/unknown connector/);
    expect(gradeRun(unknown, run).pass).toBe(false);
  });
});
