// `npm run bench` (declarative part): manifests resolved and validated per second over the
// shared Airbyte manifests (YAML parse, references, types and $parameters, schema validation;
// the one-time schema compile is shown apart), and the time of a 10-page read of a real manifest
// (aha, PageIncrement) against a local server. Figures are printed, never asserted.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseManifestYaml } from "./load-manifest.ts";
import { prepareManifest } from "./manifest-cache.ts";
import { declarativeSchemaValidator } from "./validate-manifest.ts";
import { readDeclarativeRecords } from "./read.ts";
import { fixtureDefinition } from "./testing/fixture-definition.ts";
import { json, startLocalApi } from "./testing/local-api.ts";

export async function declarativeBench(manifestsDir: string): Promise<void> {
  const compileStart = performance.now();
  declarativeSchemaValidator();
  const compileMs = performance.now() - compileStart;
  let files: string[] = [];
  try {
    files = (await readdir(manifestsDir)).filter((file) => /^source-.*\.ya?ml$/.test(file)).sort();
  } catch {
    console.log(`declarative bench: ${manifestsDir} is absent, manifest figures skipped`);
  }
  if (files.length > 0) {
    const texts = await Promise.all(files.map((file) => readFile(path.join(manifestsDir, file), "utf8")));
    const started = performance.now();
    let valid = 0;
    for (const text of texts) if (prepareManifest(parseManifestYaml(text)).issues.length === 0) valid++;
    const seconds = (performance.now() - started) / 1000;
    console.log(`declarative bench: ${files.length} manifests parsed, resolved and validated in ${(seconds * 1000).toFixed(0)} ms = ${(files.length / seconds).toFixed(1)} manifests/s (${valid} valid; schema compiled once before, ${compileMs.toFixed(0)} ms)`);
  }
  const pageSize = 5;
  const api = await startLocalApi((request, response) => {
    const page = Number(request.query.get("page") ?? 0);
    json(response, 200, { products: Array.from({ length: page < 9 ? pageSize : pageSize - 1 }, (_, index) => ({ id: `p${page}-${index}`, name: "product" })) });
  });
  try {
    const definition = fixtureDefinition("source-aha");
    const config = { url: api.url, api_key: "bench-key" };
    await readDeclarativeRecords(definition, config, "products_stream", { limit: 1 }); // warm-up
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const before = api.requests.length;
      const started = performance.now();
      const { records } = await readDeclarativeRecords(definition, config, "products_stream", { limit: 1000 });
      times.push(performance.now() - started);
      if (api.requests.length - before !== 10 || records.length !== 49) throw new Error(`expected 10 pages and 49 records, got ${api.requests.length - before} and ${records.length}`);
    }
    times.sort((a, b) => a - b);
    console.log(`declarative bench: 10-page read against a local server: median ${times[2].toFixed(1)} ms, best ${times[0].toFixed(1)} ms (5 runs)`);
  } finally {
    await api.close();
  }
}
