// Subset match of expect.config against the final config, secrets resolved server-side. Nested
// objects are compared whole (a oneOf branch is right only with all its keys right).
import { isDeepStrictEqual } from "node:util";
import { unwrapSecrets } from "../case-facts.ts";
import type { Grader } from "../types.ts";

export const config: Grader = (caseDef, run) => {
  const expected = caseDef.expect.config;
  if (!expected) return { pass: true, score: 1, reason: "not graded", skipped: true };
  const actual = run.finalConfig;
  if (!actual) return { pass: false, score: 0, reason: "no final config" };
  const keys = Object.keys(expected);
  const wrong: string[] = [];
  for (const key of keys) {
    if (run.unresolvedSecrets.some((path) => path === `/${key}` || path.startsWith(`/${key}/`))) continue;
    const want = unwrapSecrets(expected[key]);
    if (!isDeepStrictEqual(actual[key], want)) {
      const got = key in actual ? JSON.stringify(actual[key]) : "nothing";
      wrong.push(`${key}: expected ${JSON.stringify(want)}, got ${got}`);
    }
  }
  const invalid = run.configErrors ?? [];
  const problems = [...wrong, ...invalid.map((error) => `invalid ${error.path || "(config)"}: ${error.message}`)];
  const right = keys.length - wrong.length;
  const score = (keys.length ? right / keys.length : 1) * (invalid.length ? 0.5 : 1);
  if (problems.length) return { pass: false, score, reason: problems.join("; ") };
  const skipped = run.unresolvedSecrets.length ? ` (secrets at ${run.unresolvedSecrets.join(", ")} not resolvable remotely)` : "";
  const validity = run.configErrors === null ? ", not validated (no definition)" : ", valid against the spec";
  return { pass: true, score: 1, reason: `${keys.length} key(s) match${validity}${skipped}` };
};
