import { describe, expect, it } from "vitest";
import { config, noLeak, notAsked, outcome, test, turns } from "./index.ts";
import type { CaseRun, EvalCase, TranscriptItem } from "../types.ts";

const CANARY = `pw-CANARY-${Math.random().toString(16).slice(2, 10)}`;

const goodCase: EvalCase = {
  id: "postgres/good",
  connector: "source-postgres",
  file: "inline",
  facts: { "/host": "db.internal", "/password": { secret: CANARY } },
  expect: {
    outcome: "saved",
    config: { host: "db.internal", port: 5432, password: { secret: CANARY }, ssl_mode: { mode: "disable" } },
    test: "succeeded",
    max_user_turns: 4,
    not_asked: ["/host"],
  },
};

function server(event: any, at = 0): TranscriptItem {
  return { at, from: "server", event };
}

function goodRun(): CaseRun {
  return {
    caseId: goodCase.id,
    outcome: "saved",
    endReason: "saved",
    transcript: [
      { at: 0, from: "user", event: { type: "user.message", text: "Postgres at db.internal" } },
      server({ type: "field.ask", path: "/port", kind: "field", title: "Port", secret: false, required: true }),
      { at: 1, from: "user", event: { type: "user.message", text: "5432" } },
      server({ type: "secret.request", path: "/password", title: "Password" }),
      { at: 2, from: "user", event: { type: "secret.submit", path: "/password", value: CANARY } },
      server({ type: "secret.stored", path: "/password" }),
      server({ type: "test.result", status: "succeeded", message: "Connected." }),
      server({ type: "session.completed", connectorId: "c1" }),
    ],
    userTurns: 3,
    requiredFields: 4,
    finalConfig: { host: "db.internal", port: 5432, password: CANARY, ssl_mode: { mode: "disable" }, database: "shop" },
    unresolvedSecrets: [],
    configErrors: [],
    lastTest: { type: "test.result", status: "succeeded", message: "Connected." },
    liveCheck: true,
    asked: ["/port", "/password"],
    askedAtStart: [],
    leakSources: {
      model: ['{"messages":[{"role":"user","content":"the password is [secret stored]"}]}'],
      logs: ["session started", "secret stored for /password"],
      files: [{ path: "sessions/s1.json", content: '{"values":{"password":"**********"}}' }],
    },
    seconds: 1.2,
    spec: null,
  };
}

describe("graders on a good run", () => {
  it("all pass", () => {
    for (const grader of [outcome, config, test, turns, notAsked, noLeak]) {
      const result = grader(goodCase, goodRun());
      expect(result, grader.name).toMatchObject({ pass: true, score: 1 });
    }
  });
});

describe("graders on runs built to fail them", () => {
  it("outcome fails when the session was abandoned", () => {
    const result = outcome(goodCase, { ...goodRun(), outcome: "abandoned", endReason: "agent gave up" });
    expect(result.pass).toBe(false);
    expect(result.reason).toContain("agent gave up");
  });

  it("config fails on a wrong value, a partial nested object, and a config invalid against the spec", () => {
    const wrongPort = config(goodCase, { ...goodRun(), finalConfig: { ...goodRun().finalConfig, port: "5432" } });
    expect(wrongPort).toMatchObject({ pass: false });
    expect(wrongPort.reason).toContain("port");
    const nested = config(goodCase, {
      ...goodRun(),
      finalConfig: { ...goodRun().finalConfig, ssl_mode: { mode: "disable", extra: 1 } },
    });
    expect(nested.pass).toBe(false);
    const wrongSecret = config(goodCase, { ...goodRun(), finalConfig: { ...goodRun().finalConfig, password: "other" } });
    expect(wrongSecret.pass).toBe(false);
    expect(wrongSecret.reason).toContain("password");
    const invalid = config(goodCase, { ...goodRun(), configErrors: [{ path: "/database", message: "must be string" }] });
    expect(invalid.pass).toBe(false);
    expect(invalid.reason).toContain("/database");
    expect(config(goodCase, { ...goodRun(), finalConfig: null }).pass).toBe(false);
  });

  it("test fails on the wrong status and on a missing failure reason", () => {
    const failed = test(goodCase, {
      ...goodRun(),
      lastTest: { type: "test.result", status: "failed", reason: "unreachable", message: "No answer" },
    });
    expect(failed.pass).toBe(false);
    const wantsAuth = { ...goodCase, expect: { test: "failed" as const, failure_reason: "auth_failed" } };
    const lastFailed = { type: "test.result" as const, status: "failed" as const, reason: "unreachable", message: "No answer" };
    const wrongReason = test(wantsAuth, { ...goodRun(), lastTest: lastFailed, transcript: [server(lastFailed)] });
    expect(wrongReason.pass).toBe(false);
    expect(wrongReason.reason).toContain("unreachable");
    const rightReason = { ...lastFailed, reason: "auth_failed" };
    expect(test(wantsAuth, { ...goodRun(), lastTest: rightReason, transcript: [server(rightReason)] }).pass).toBe(true);
    expect(test(goodCase, { ...goodRun(), lastTest: null }).reason).toContain("skipped");
    // Without a live check a "succeeded" only validated the settings: it is a skipped test.
    const noCheck = { ...goodRun(), liveCheck: false };
    expect(test(goodCase, noCheck).pass).toBe(false);
    expect(test({ ...goodCase, expect: { test: "skipped" } }, noCheck).pass).toBe(true);
  });

  it("failure_reason with test: failed is the reason of the test the session ended on", () => {
    const wantsAuth = { ...goodCase, expect: { test: "failed" as const, failure_reason: "auth_failed" } };
    const auth = { type: "test.result" as const, status: "failed" as const, reason: "auth_failed", message: "Wrong password" };
    const unreachable = { type: "test.result" as const, status: "failed" as const, reason: "unreachable", message: "No answer" };
    const endedUnreachable = test(wantsAuth, { ...goodRun(), lastTest: unreachable, transcript: [server(auth), server(unreachable)] });
    expect(endedUnreachable.pass).toBe(false);
    expect(endedUnreachable.reason).toContain("failed for unreachable");
    expect(test(wantsAuth, { ...goodRun(), lastTest: auth, transcript: [server(unreachable), server(auth)] }).pass).toBe(true);
  });

  it("failure_reason with test: succeeded needs a failure for that reason on the way (fixed later)", () => {
    const fixedAuth = { ...goodCase, expect: { test: "succeeded" as const, failure_reason: "auth_failed" } };
    const succeeded = { type: "test.result" as const, status: "succeeded" as const, message: "Connected." };
    const failedFor = (reason: string) => ({ type: "test.result" as const, status: "failed" as const, reason, message: "No" });
    const run = (...tests: any[]) => ({ ...goodRun(), lastTest: tests.at(-1), transcript: tests.map((item) => server(item)) });
    expect(test(fixedAuth, run(failedFor("auth_failed"), succeeded)).pass).toBe(true);
    const never = test(fixedAuth, run(succeeded));
    expect(never.pass).toBe(false);
    expect(never.reason).toContain("expected a failure for auth_failed on the way, failures: none");
    expect(test(fixedAuth, run(failedFor("unreachable"), succeeded)).pass).toBe(false);
  });

  it("turns fails when the user needed more messages", () => {
    const result = turns(goodCase, { ...goodRun(), userTurns: 9 });
    expect(result.pass).toBe(false);
    expect(result.score).toBeCloseTo(4 / 9);
  });

  it("not_asked fails on an extra question", () => {
    const result = notAsked(goodCase, { ...goodRun(), asked: ["/host", "/port", "/password"] });
    expect(result).toMatchObject({ pass: false, reason: "asked again: /host" });
  });

  it("not_asked counts choosing at a path inside a forbidden one, not a field of the chosen option or a mere prefix", () => {
    const sslCase = { ...goodCase, expect: { not_asked: ["/ssl_mode"] } };
    const mode = server({ type: "field.ask", path: "/ssl_mode/mode", kind: "field", title: "Mode", enum: ["disable", "require"], secret: false, required: true });
    const chooseMode = { ...goodRun(), asked: ["/port", "/ssl_mode/mode"], transcript: [...goodRun().transcript, mode] };
    expect(notAsked(sslCase, chooseMode)).toMatchObject({ pass: false, reason: "asked again: /ssl_mode (as /ssl_mode/mode)" });
    // The token inside the chosen auth option was never given: asking it is not asking /auth again.
    const token = server({ type: "secret.request", path: "/auth/token", title: "Token" });
    const authCase = { ...goodCase, expect: { not_asked: ["/auth"] } };
    expect(notAsked(authCase, { ...goodRun(), asked: ["/auth/token"], transcript: [token] }).pass).toBe(true);
    expect(notAsked({ ...goodCase, expect: { not_asked: ["/ssl"] } }, { ...goodRun(), asked: ["/ssl_mode"] }).pass).toBe(true);
  });

  it("not_asked: the greeting's question is not asked again, unless the case gave that value before the start", () => {
    const greeted = { ...goodRun(), asked: ["/host", "/port"], askedAtStart: ["/host"] };
    const fresh = notAsked(goodCase, greeted);
    expect(fresh.pass).toBe(true);
    expect(fresh.reason).toContain("/host asked at the start");
    // Asked at the start again after the opening gave it: that one counts.
    expect(notAsked(goodCase, { ...greeted, asked: ["/host", "/port", "/host"] }).pass).toBe(false);
    // Modifying a saved connector: its host was known before the session started.
    const existing = { ...goodCase, existing: { config: { host: "db.internal", port: 5432 } } };
    expect(notAsked(existing, greeted)).toMatchObject({ pass: false, reason: "asked again: /host" });
  });

  it("no_leak fails on a canary in a model request, an event, the logs or a stored file", () => {
    const base = goodRun();
    const leaks: CaseRun[] = [
      { ...base, leakSources: { ...base.leakSources, model: [`{"content":"my password is ${CANARY}"}`] } },
      { ...base, transcript: [...base.transcript, server({ type: "agent.message", id: "m", text: `Got ${CANARY}` })] },
      { ...base, leakSources: { ...base.leakSources, logs: [`debug value=${CANARY}`] } },
      { ...base, leakSources: { ...base.leakSources, files: [{ path: "checkpoints/t.json", content: `"${CANARY}"` }] } },
    ];
    for (const run of leaks) {
      const result = noLeak(goodCase, run);
      expect(result.pass).toBe(false);
      expect(result.reason).not.toContain(CANARY);
    }
  });

  it("no_leak does not count the user's own secret submission as a leak", () => {
    expect(noLeak(goodCase, goodRun()).pass).toBe(true);
  });
});

describe("graders a case leaves out", () => {
  it("are skipped, not failed", () => {
    const bare: EvalCase = { id: "bare", connector: "x", file: "inline", expect: {} };
    const run = { ...goodRun(), outcome: "abandoned" as const, finalConfig: null, userTurns: 40 };
    for (const grader of [outcome, config, test, turns, notAsked]) {
      expect(grader(bare, run)).toMatchObject({ pass: true, skipped: true });
    }
  });
});
