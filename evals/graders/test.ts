// How the connection test ended: the last test.result of the session, or none at all (skipped).
// failure_reason names the failure the case is about: with `test: failed` the test the session
// ended on must have failed for it; otherwise (fixed later) a test on the way must have.
import { gradedTestStatus } from "../test-status.ts";
import type { Grader } from "../types.ts";

export const test: Grader = (caseDef, run) => {
  const expected = caseDef.expect.test;
  const reason = caseDef.expect.failure_reason;
  if (!expected && !reason) return { pass: true, score: 1, reason: "not graded", skipped: true };
  const last = run.lastTest;
  const actual = gradedTestStatus(last, run.liveCheck);
  const validatedOnly = last?.status === "succeeded" && actual === "skipped";
  const problems: string[] = [];
  if (expected && actual !== expected) problems.push(`expected ${expected}, test ${actual}${last ? `: ${last.message}` : ""}`);
  let reasonNote = "";
  if (reason && expected === "failed") {
    const lastReason = last?.status === "failed" ? (last.reason ?? "none") : null;
    if (lastReason !== null && lastReason !== reason) problems.push(`expected the last test to fail for ${reason}, it failed for ${lastReason}`);
    reasonNote = ` for ${reason}`;
  } else if (reason) {
    const reasons = run.transcript
      .map((item) => item.event)
      .filter((event) => event.type === "test.result" && (event as { status?: string }).status === "failed")
      .map((event) => (event as { reason?: string }).reason ?? "none");
    if (!reasons.includes(reason)) problems.push(`expected a failure for ${reason} on the way, failures: ${reasons.join(", ") || "none"}`);
    reasonNote = ` (failed for ${reason} on the way)`;
  }
  if (problems.length) return { pass: false, score: 0, reason: problems.join("; ") };
  const note = validatedOnly ? " (no live check for this connector; settings validated)" : "";
  return { pass: true, score: 1, reason: `test ${actual}${note}${reasonNote}` };
};
