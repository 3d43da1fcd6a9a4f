import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { checkFile, filesIn } from "./check-specs.ts";
import { corpusPresent, CORPUS_DIR } from "./testing/corpus.ts";

const run = promisify(execFile);

async function folder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "onramp-specs-check-"));
  await writeFile(
    path.join(dir, "source-good.json"),
    JSON.stringify({ connectionSpecification: { type: "object", required: ["host"], properties: { host: { type: "string" } } } }),
  );
  await writeFile(
    path.join(dir, "source-mended.json"),
    JSON.stringify({
      connectionSpecification: {
        type: "object",
        required: ["day", "day"],
        properties: { day: { type: "string", pattern: "^\\d{4}\\-\\d{2}$" }, kind: { type: "string", enum: ["a", "a", "b"] } },
      },
    }),
  );
  return dir;
}

describe("specs check", () => {
  it("passes sound and mended specs, reporting the repairs", async () => {
    const dir = await folder();
    const [good, mended] = await Promise.all(["source-good.json", "source-mended.json"].map((file) => checkFile(path.join(dir, file))));
    expect(good).toMatchObject({ ok: true, name: "source-good", questions: 1 });
    expect(good.repairs).toBeUndefined();
    expect(mended.ok).toBe(true);
    expect(mended.repairs?.join(" ")).toMatch(/duplicate required entry.*|duplicate enum item/);
    expect(mended.repairs).toHaveLength(3);
  });

  it("fails a file without a spec, never throws", async () => {
    const dir = await folder();
    await writeFile(path.join(dir, "source-bad.json"), "{\"name\": \"x\"}");
    const report = await checkFile(path.join(dir, "source-bad.json"));
    expect(report).toMatchObject({ ok: false, error: "no connectionSpecification object" });
    expect(await filesIn(dir)).toHaveLength(3);
  });

  it("the CLI prints a line per spec, the closing count, and exits 1 on a failure", async () => {
    const dir = await folder();
    const ok = await run("npx", ["tsx", "specs/cli.ts", "check", dir]);
    expect(ok.stdout.trim().split("\n").at(-1)).toBe("2 passed, 0 failed");
    await writeFile(path.join(dir, "source-bad.json"), "not json");
    const failure = await run("npx", ["tsx", "specs/cli.ts", "check", dir, "--json"]).catch((error) => error);
    expect(failure.code).toBe(1);
    const report = JSON.parse(failure.stdout);
    expect(report).toMatchObject({ passed: 2, failed: 1 });
    expect(failure.stderr).toContain("2 passed, 1 failed");
  });

  it.skipIf(!corpusPresent)("the shared corpus's broken specs load with their repairs", async () => {
    for (const name of ["source-hellobaton", "source-the-guardian-api", "source-shopify", "source-coingecko-coins"]) {
      const report = await checkFile(path.join(CORPUS_DIR, `${name}.json`));
      expect(report.ok, name).toBe(true);
      expect(report.repairs?.length, name).toBeGreaterThan(0);
    }
  });
});
