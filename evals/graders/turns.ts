import type { Grader } from "../types.ts";

export const turns: Grader = (caseDef, run) => {
  const max = caseDef.expect.max_user_turns;
  if (max === undefined) return { pass: true, score: 1, reason: `${run.userTurns} turn(s), not graded`, skipped: true };
  const pass = run.userTurns <= max;
  return {
    pass,
    score: pass ? 1 : Math.max(0, max / run.userTurns),
    reason: `${run.userTurns} user turn(s), at most ${max}`,
  };
};
