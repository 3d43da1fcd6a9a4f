import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Catalog } from "./catalog.ts";
import { builtinDefinitions } from "./builtins/index.ts";
import { uuidFromName } from "./definition-file.ts";
import { compileSpec } from "./ajv.ts";
import { CORPUS_DIR, corpusPresent } from "./testing/corpus.ts";

describe("catalog", () => {
  it("has the built-ins with stable ids, docs and checks", async () => {
    const catalog = await Catalog.load({});
    const names = catalog.list().map((definition) => definition.name);
    expect(names).toEqual(
      expect.arrayContaining(["source-sample-data", "destination-dev-null", "source-postgres", "destination-postgres", "source-mysql", "source-http-api", "source-taskboard"]),
    );
    for (const definition of catalog.list()) {
      expect(definition.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(definition.documentationUrl).toMatch(/^https:\/\//);
      expect(definition.check).toBeDefined();
      expect(() => compileSpec(definition.connectionSpecification)).not.toThrow();
    }
    expect(builtinDefinitions().map((definition) => definition.id)).toEqual(builtinDefinitions().map((definition) => definition.id));
    const postgres = catalog.get("source-postgres")!;
    expect(catalog.get(postgres.id)).toBe(postgres);
    expect(catalog.list("destination").every((definition) => definition.kind === "destination")).toBe(true);
    const saas = catalog.get("source-taskboard")!;
    expect(saas.advanced_auth?.predicate_key).toEqual(["credentials", "auth_type"]);
    expect(saas.oauth?.tokenUrl).toMatch(/^https:/);
  });

  it("loads a folder, derives name, kind and id, reports broken files", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "onramp-catalog-"));
    await writeFile(
      path.join(dir, "destination-widgets.json"),
      JSON.stringify({ documentationUrl: "https://x", connectionSpecification: { type: "object", properties: {} } }),
    );
    await writeFile(path.join(dir, "source-yaml.yaml"), "spec:\n  connection_specification:\n    type: object\n    properties: {}\n");
    await writeFile(path.join(dir, "broken.json"), "{ nope");
    const catalog = await Catalog.load({ builtins: false });
    const report = await catalog.loadDir(dir);
    expect(report.loaded.sort()).toEqual(["destination-widgets", "source-yaml"]);
    expect(report.failed.map((failure) => failure.file)).toEqual(["broken.json"]);
    const widgets = catalog.get("destination-widgets")!;
    expect(widgets).toMatchObject({ kind: "destination", displayName: "Widgets", id: uuidFromName("destination-widgets"), origin: dir });
    expect(uuidFromName("destination-widgets")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("keeps a replaced built-in's id as an alias of the folder definition that replaced it", async () => {
    const builtinId = builtinDefinitions().find((definition) => definition.name === "source-postgres")!.id;
    const folderId = "11111111-2222-4333-8444-555555555555";
    const dir = await mkdtemp(path.join(os.tmpdir(), "onramp-catalog-alias-"));
    const spec = { type: "object", properties: { host: { type: "string" } } };
    await writeFile(path.join(dir, "source-postgres.json"), JSON.stringify({ definitionId: folderId, connectionSpecification: spec }));
    const catalog = await Catalog.load({ dirs: [dir] });
    const replacing = catalog.get("source-postgres")!;
    expect(replacing).toMatchObject({ id: folderId, origin: dir });
    expect(catalog.get(builtinId)).toBe(replacing);
    expect(catalog.get(folderId)).toBe(replacing);
    // Replaced again (e.g. by an import): both earlier ids follow to the newest definition.
    const again = { ...replacing, id: "99999999-2222-4333-8444-555555555555", origin: "openapi:x" };
    catalog.add(again);
    expect(catalog.get(builtinId)).toBe(again);
    expect(catalog.get(folderId)).toBe(again);
    expect(catalog.list().filter((definition) => definition.name === "source-postgres")).toEqual([again]);
  });

  it("finds by fuzzy name", async () => {
    const catalog = await Catalog.load({});
    expect(catalog.search("postgres").map((hit) => hit.definition.name).slice(0, 2)).toEqual(["source-postgres", "destination-postgres"]);
    expect(catalog.search("postgres destination")[0].definition.name).toBe("destination-postgres");
    expect(catalog.search("sample")[0].definition.name).toBe("source-sample-data");
    expect(catalog.search("mysq")[0].definition.name).toBe("source-mysql");
    expect(catalog.search("zzzzqqq")).toEqual([]);
    expect(catalog.search("pg")[0].definition.name).toBe("source-postgres");
    expect(catalog.search("PostgreSQL destination")[0].definition.name).toBe("destination-postgres");
  });

  it.skipIf(!corpusPresent)("loads the shared corpus; the folder's definition replaces a built-in of the same name", async () => {
    const catalog = await Catalog.load({ dirs: [CORPUS_DIR] });
    expect(catalog.list().length).toBeGreaterThanOrEqual(500);
    expect(catalog.search("Google sheets")[0].definition.name).toBe("source-google-sheets");
    expect(catalog.search("gogle shets").map((hit) => hit.definition.name)).toContain("source-google-sheets");
    const postgres = catalog.get("source-postgres")!;
    expect(postgres.origin).toBe(CORPUS_DIR);
    expect(postgres.check).toBe("postgres");
    expect(catalog.get("decd338e-5647-4c0b-adf4-da0e75f5a750")).toBe(postgres);
  });
});
