import type { Grader } from "../types.ts";

export const notAsked: Grader = (caseDef, run) => {
  const forbidden = caseDef.expect.not_asked;
  if (!forbidden?.length) return { pass: true, score: 1, reason: "not graded", skipped: true };
  const asked = forbidden.filter((path) => run.asked.includes(path));
  return {
    pass: asked.length === 0,
    score: 1 - asked.length / forbidden.length,
    reason: asked.length ? `asked again: ${asked.join(", ")}` : `never asked ${forbidden.join(", ")}`,
  };
};
