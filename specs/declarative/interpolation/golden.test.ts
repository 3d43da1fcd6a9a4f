// The CDK's own renders of every template of the shared manifests (see golden.ts): at least 97%
// must come out identical. Needs ../shared; skipped with a reason when absent, a failure under
// ONRAMP_REQUIRE_SERVICES=1.
import { describe, expect, it } from "vitest";
import { probeFile, serviceGate } from "../../testing/service-gate.ts";
import { formatReport, GOLDEN_FILE, readGolden, runGolden } from "./golden.ts";

const present = await serviceGate(`the interpolation golden corpus at ${GOLDEN_FILE}`, probeFile(GOLDEN_FILE));

describe.skipIf(!present)("interpolation golden corpus", () => {
  it("renders at least 97% of the CDK's results identically", () => {
    const report = runGolden(readGolden(GOLDEN_FILE));
    console.log(formatReport(report).join("\n"));
    expect(report.total).toBeGreaterThan(3000);
    expect((report.identical + report.bothRaisedOtherClass) / report.total).toBeGreaterThanOrEqual(0.97);
  });
});
