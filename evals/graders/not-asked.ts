// "Already given, so never asked again" (EVALS.md).
// - A question that picks among options at a path inside a not_asked path (`/ssl_mode/mode`,
//   the discriminator of the `/ssl_mode` oneOf) is asking that path again: choosing the option is
//   what giving it meant. A plain field inside the chosen option (`/auth/token` under `/auth`) is
//   a question of its own, which a case forbids by naming it.
// - The question the agent greets with, before the user has said anything, is not asking
//   *again*, except for a value the case gave before the session started (`existing` config).
import type { ServerEvent } from "../../agent/protocol.ts";
import { isWithin, leafPointers } from "../json-pointer.ts";
import type { CaseRun, Grader } from "../types.ts";

/** Paths the agent asked as a choice among options (a oneOf, an enum, a discriminator const). */
function choicePaths(run: CaseRun): Set<string> {
  const paths = new Set<string>();
  for (const { event } of run.transcript) {
    if (event.type !== "field.ask") continue;
    const ask = event as Extract<ServerEvent, { type: "field.ask" }>;
    if (ask.kind === "choice" || ask.enum?.length || ask.options?.length) paths.add(ask.path);
  }
  return paths;
}

export const notAsked: Grader = (caseDef, run) => {
  const forbidden = caseDef.expect.not_asked;
  if (!forbidden?.length) return { pass: true, score: 1, reason: "not graded", skipped: true };
  const givenBeforeStart = leafPointers(caseDef.existing?.config ?? {}).map(([pointer]) => pointer);
  const counted = run.asked.filter(
    (path, index) =>
      index >= run.askedAtStart.length ||
      givenBeforeStart.some((given) => isWithin(given, path) || isWithin(path, given)),
  );
  const choices = choicePaths(run);
  const asks = (asked: string, path: string) => asked === path || (isWithin(asked, path) && choices.has(asked));
  const hits = forbidden
    .map((path) => ({ path, as: counted.find((asked) => asks(asked, path)) }))
    .filter((hit): hit is { path: string; as: string } => hit.as !== undefined);
  const greeting = run.askedAtStart.filter((path) => !counted.includes(path) && forbidden.some((item) => asks(path, item)));
  const note = greeting.length ? ` (${greeting.join(", ")} asked at the start, before anything was given)` : "";
  return {
    pass: hits.length === 0,
    score: 1 - hits.length / forbidden.length,
    reason: hits.length
      ? `asked again: ${hits.map((hit) => (hit.as === hit.path ? hit.path : `${hit.path} (as ${hit.as})`)).join(", ")}`
      : `never asked ${forbidden.join(", ")}${note}`,
  };
};
