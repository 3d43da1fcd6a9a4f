// `onramp import FILE|URL [--out manifest.yaml]`: no questions, its steps printed, the manifest
// written (or printed) as Airbyte takes it; a bad file or a host not allowed is an error line
// and exit code 1.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { load } from "js-yaml";
import { main } from "../cli.ts";
import { prepareManifest } from "../../specs/declarative/manifest-cache.ts";
import { OPENAPI_DIR, openapiPresent } from "../../specs/import/testing/description-apis.ts";
import { servicesRequired } from "../../specs/testing/service-gate.ts";

if (!openapiPresent) {
  if (servicesRequired()) throw new Error("../shared/openapi is absent, and ONRAMP_REQUIRE_SERVICES=1 forbids skipping");
  console.warn("[skip] ../shared/openapi is absent: onramp import over real descriptions is skipped");
}

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (line: string) => void out.push(line), err: (line: string) => void err.push(line) }, out, err };
}

describe("onramp import", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "onramp-import-cli-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));
  const env = () => ({ ONRAMP_DATA_DIR: dir, ONRAMP_IMPORT_ALLOWED_HOSTS: "docs.example.com" });

  it.skipIf(!openapiPresent)("writes the manifest with --out, printing each step", async () => {
    const out = path.join(dir, "manifest.yaml");
    const run = capture();
    const code = await main(["import", path.join(OPENAPI_DIR, "openai-api-2024-04.yaml"), "--out", out], { env: env(), io: run.io });
    expect(code, run.err.join("\n")).toBe(0);
    const text = run.out.join("\n");
    expect(text).toMatch(/^Reading .*openai-api-2024-04\.yaml \(\d+ bytes\)/);
    expect(text).toMatch(/Auth: Bearer token \(security scheme "ApiKeyAuth" is HTTP bearer\)/);
    expect(text).toMatch(/assistants\s+GET \/assistants\s+records at data\s+key id\s+pagination cursor/);
    expect(text).toMatch(/Manifest validates against the declarative schema; its check reads "\w+"/);
    expect(run.out.at(-1)).toBe(`Wrote ${out}`);
    const manifest = load(await readFile(out, "utf8")) as Record<string, unknown>;
    expect(prepareManifest(manifest).issues).toEqual([]);
    expect((manifest.streams as unknown[]).length).toBe(10);
  });

  it.skipIf(!openapiPresent)("without --out the manifest is stdout and the steps stderr", async () => {
    const run = capture();
    const code = await main(["import", path.join(OPENAPI_DIR, "oai-petstore.yaml")], { env: env(), io: run.io });
    expect(code).toBe(0);
    expect(run.err.join("\n")).toMatch(/pets\s+GET \/pets/);
    expect(load(run.out.join("\n"))).toMatchObject({ type: "DeclarativeSource", check: { stream_names: ["pets"] } });
  });

  it("a file that is no description, a missing file and a host not allowed fail with one line", async () => {
    const bad = path.join(dir, "notes.yaml");
    await writeFile(bad, "shopping: [milk, eggs]\n");
    for (const target of [bad, path.join(dir, "missing.json"), "http://127.0.0.1:9/openapi.json"]) {
      const run = capture();
      expect(await main(["import", target], { env: env(), io: run.io })).toBe(1);
      expect(run.err.at(-1)).toMatch(/^onramp: (The document is not an OpenAPI|No file|127\.0\.0\.1 is not among the hosts)/);
    }
  });
});
