// ONRAMP_CATALOG_REGISTRY against a local HTTP server on 127.0.0.1 serving a registry built from
// the shared corpus: loaded and cached; an offline restart uses the cache; a registry that cannot
// be read at all leaves the built-ins working and says why in the log and in /healthz.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startTestApp } from "../testing/test-app.ts";
import { unavailableSessions } from "../bootstrap.ts";
import { corpusPresent } from "../../specs/testing/corpus.ts";
import { registryFromCorpus } from "../../specs/testing/registry-fixture.ts";
import { registryCacheFile } from "./registry-source.ts";

const light = { sessions: () => unavailableSessions() };

describe.skipIf(!corpusPresent)("catalog registries", () => {
  let server: Server;
  let url = "";
  let answer: "registry" | "error" = "registry";
  let dataDir = "";
  const registry = registryFromCorpus({ names: ["source-stripe", "source-github", "source-postgres", "destination-bigquery"] });

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-registry-"));
    server = createServer((request, response) => {
      if (answer === "error") return response.writeHead(503).end("down");
      response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(registry));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/oss_registry.json`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  it("loads a registry URL into the catalog (built-ins keep their names) and caches it", async () => {
    const app = await startTestApp({ dataDir, env: { ONRAMP_CATALOG_REGISTRY: url }, overrides: light });
    try {
      const stripe = app.deps.catalog.get("source-stripe")!;
      expect(stripe).toMatchObject({ displayName: "Stripe", origin: `registry:${url}`, supportLevel: expect.any(String) });
      // Our Postgres stays the built-in; the registry's is counted as shadowed.
      expect(app.deps.catalog.get("source-postgres")!.origin).toBe("builtin");
      const health = await app.call("GET", "/healthz", undefined, null);
      expect(health.body.catalog.registries).toEqual([
        expect.objectContaining({ source: url, status: "loaded", definitions: 4, added: 3, shadowed: 1, skipped: 0 }),
      ]);
      expect(health.body.catalog.warnings).toBeUndefined();
      const listed = await app.call("GET", "/api/v1/integrations/definitions/sources?name=stripe");
      expect(listed.body.definitions[0]).toMatchObject({ name: "source-stripe", catalog: "marketplace", supportLevel: stripe.supportLevel });
    } finally {
      await app.close({ keepData: true });
    }
  });

  it("uses the cached copy when the registry cannot be read on a restart, and says so", async () => {
    answer = "error";
    const app = await startTestApp({ dataDir, env: { ONRAMP_CATALOG_REGISTRY: url }, overrides: light });
    try {
      expect(app.deps.catalog.get("source-github")).toBeDefined();
      const health = await app.call("GET", "/healthz", undefined, null);
      expect(health.body.status).toBe("ok");
      expect(health.body.catalog.registries[0]).toMatchObject({ status: "cached", added: 3, error: "the server answered HTTP 503" });
      expect(health.body.catalog.warnings).toEqual([`${url}: the server answered HTTP 503`]);
      expect(app.logLines.join("\n")).toMatch(/could not be read \(the server answered HTTP 503\); using the copy cached at/);
    } finally {
      await app.close({ keepData: true });
      answer = "registry";
    }
  });

  it("keeps the built-ins working when a registry can be read neither fresh nor from a cache", async () => {
    const emptyDir = await mkdtemp(path.join(os.tmpdir(), "onramp-registry-none-"));
    const notJson = path.join(emptyDir, "registry.json");
    await writeFile(notJson, "<html>not a registry</html>");
    const unreachable = "http://127.0.0.1:9/oss_registry.json";
    const app = await startTestApp({ env: { ONRAMP_CATALOG_REGISTRY: `${unreachable},${notJson},${path.join(emptyDir, "missing.json")}` }, overrides: light });
    try {
      expect(app.deps.catalog.get("source-sample-data")).toBeDefined();
      expect(app.deps.catalog.get("source-stripe")).toBeUndefined();
      const health = await app.call("GET", "/healthz", undefined, null);
      expect(health.body.catalog.registries.map((registry: any) => [registry.status, registry.error])).toEqual([
        ["failed", expect.stringMatching(/^cannot fetch it/)],
        ["failed", "it is not JSON"],
        ["failed", "no such file"],
      ]);
      expect(app.logLines.join("\n")).toMatch(/no cached copy exists; only the other connectors are available/);
      // The built-ins still set up.
      const created = await app.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", connector_type: "source-sample-data", configuration: { dataset: "users" } });
      expect(created.status).toBe(201);
    } finally {
      await app.close();
      await rm(emptyDir, { recursive: true, force: true });
    }
  });

  it("caches under the data dir, one file per source", () => {
    expect(registryCacheFile("/data", url)).toMatch(/^\/data\/catalog-cache\/registry-[0-9a-f]{16}\.json$/);
    expect(registryCacheFile("/data", url)).not.toBe(registryCacheFile("/data", url + "?v=2"));
  });
});
