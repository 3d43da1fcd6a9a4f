// How the connection test ended: the last test.result of the session, or none at all (skipped).
import type { Grader } from "../types.ts";

export const test: Grader = (caseDef, run) => {
  const expected = caseDef.expect.test;
  const reason = caseDef.expect.failure_reason;
  if (!expected && !reason) return { pass: true, score: 1, reason: "not graded", skipped: true };
  const last = run.lastTest;
  // A connector without a live check can only validate its settings: that test counts as skipped.
  const validatedOnly = last?.status === "succeeded" && run.liveCheck === false;
  const actual = last && !validatedOnly ? last.status : "skipped";
  const problems: string[] = [];
  if (expected && actual !== expected) problems.push(`expected ${expected}, test ${actual}${last ? `: ${last.message}` : ""}`);
  if (reason) {
    // The reason of interest is that of a failed test, even when a later test succeeded after the fix.
    const failures = run.transcript
      .map((item) => item.event)
      .filter((event): event is any => event.type === "test.result" && (event as any).status === "failed");
    const reasons = failures.map((event) => event.reason ?? "none");
    if (!reasons.includes(reason)) problems.push(`expected a failure for ${reason}, failures: ${reasons.join(", ") || "none"}`);
  }
  if (problems.length) return { pass: false, score: 0, reason: problems.join("; ") };
  const note = validatedOnly ? " (no live check for this connector; settings validated)" : "";
  return { pass: true, score: 1, reason: `test ${actual}${note}${reason ? ` (failed for ${reason} on the way)` : ""}` };
};
