import { config } from "./config.ts";
import { noLeak } from "./no-leak.ts";
import { noWrongValue } from "./no-wrong-value.ts";
import { notAsked } from "./not-asked.ts";
import { outcome } from "./outcome.ts";
import { test } from "./test.ts";
import { turns } from "./turns.ts";
import type { Grader } from "../types.ts";

export { config, noLeak, noWrongValue, notAsked, outcome, test, turns };

/** In report order; the keys are the column names. */
export const graders: Record<string, Grader> = {
  outcome,
  config,
  test,
  turns,
  not_asked: notAsked,
  no_leak: noLeak,
  no_wrong_value: noWrongValue,
};
