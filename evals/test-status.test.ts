// Which connection tests count as live for the test grader: the product's own answer, so a
// declarative manifest whose check runs counts, and one blocked by a component does not.
import { describe, expect, it } from "vitest";
import { builtinDefinitions } from "../specs/index.ts";
import { declarativeDefinition } from "../specs/declarative/load-manifest.ts";
import { loadedManifest } from "../specs/declarative/manifest-cache.ts";
import { fixtureDefinition } from "../specs/declarative/testing/fixture-definition.ts";
import { gradedTestStatus, hasLiveCheck } from "./test-status.ts";

const byName = (name: string) => builtinDefinitions().find((definition) => definition.name === name)!;
const succeeded = { type: "test.result" as const, status: "succeeded" as const, message: "ok" };

describe("live checks for the test grader", () => {
  it("counts database, HTTP and runnable declarative checks, not settings-only ones", () => {
    expect(hasLiveCheck(byName("source-postgres"))).toBe(true);
    expect(hasLiveCheck(byName("source-mysql"))).toBe(true);
    expect(hasLiveCheck(byName("source-http-api"))).toBe(true);
    expect(hasLiveCheck(byName("source-sample-data"))).toBe(false);
    for (const name of ["source-getlago", "source-aha", "source-rocket-chat", "source-senseforce", "source-sigma-computing", "source-auth0"]) {
      expect(hasLiveCheck(fixtureDefinition(name)), name).toBe(true);
    }
  });

  it("a declarative connector whose check needs a Python component only validated its settings", () => {
    const manifest = structuredClone(loadedManifest(fixtureDefinition("source-aha"))!.resolved!);
    manifest.check = { type: "CustomCheck", class_name: "source_aha.components.Check" };
    const blocked = declarativeDefinition(manifest, "source-aha-custom");
    expect(hasLiveCheck(blocked)).toBe(false);
    expect(gradedTestStatus(succeeded, hasLiveCheck(blocked))).toBe("skipped");
    expect(gradedTestStatus(succeeded, hasLiveCheck(fixtureDefinition("source-aha")))).toBe("succeeded");
  });
});
