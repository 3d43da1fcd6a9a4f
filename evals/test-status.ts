// What a connection test counts as, for the test grader and for `sessions export`: only checks
// that connect can succeed; a connector without one (Airbyte specs without a manifest, sample
// data) only had its settings validated, which counts as `skipped`. Which checks connect is the
// product's own answer (specs' hasLiveCheck): Postgres, MySQL, HTTP, and a declarative manifest
// whose check streams Onramp can run.
import type { TestResultEvent } from "../agent/protocol.ts";
import { hasLiveCheck as connectsForReal } from "../specs/index.ts";
import type { Definition } from "../specs/types.ts";

export function hasLiveCheck(definition: Definition): boolean {
  return connectsForReal(definition);
}

/** The status as graded: none at all, or a "succeeded" without a live check (liveCheck false), is skipped. */
export function gradedTestStatus(last: TestResultEvent | null, liveCheck: boolean | null): "succeeded" | "failed" | "skipped" {
  if (!last) return "skipped";
  if (last.status === "succeeded" && liveCheck === false) return "skipped";
  return last.status;
}
