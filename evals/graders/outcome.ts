import type { Grader } from "../types.ts";

export const outcome: Grader = (caseDef, run) => {
  const expected = caseDef.expect.outcome;
  if (!expected) return { pass: true, score: 1, reason: "not graded", skipped: true };
  const pass = run.outcome === expected;
  return {
    pass,
    score: pass ? 1 : 0,
    reason: pass ? `ended ${run.outcome}` : `expected ${expected}, ended ${run.outcome} (${run.endReason})`,
  };
};
