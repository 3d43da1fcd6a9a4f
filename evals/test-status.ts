// What a connection test counts as, for the test grader and for `sessions export`: only checks
// that connect can succeed; a connector without one (Airbyte specs, sample data) only had its
// settings validated, which counts as `skipped`.
import type { TestResultEvent } from "../agent/protocol.ts";
import type { Definition } from "../specs/types.ts";

/** Check kinds that actually connect; the others only validate the settings. */
const LIVE_CHECKS = new Set(["postgres", "mysql", "http"]);

export function hasLiveCheck(definition: Pick<Definition, "check">): boolean {
  return LIVE_CHECKS.has(definition.check ?? "none");
}

/** The status as graded: none at all, or a "succeeded" without a live check (liveCheck false), is skipped. */
export function gradedTestStatus(last: TestResultEvent | null, liveCheck: boolean | null): "succeeded" | "failed" | "skipped" {
  if (!last) return "skipped";
  if (last.status === "succeeded" && liveCheck === false) return "skipped";
  return last.status;
}
