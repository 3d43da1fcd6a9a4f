import { mkdir, mkdtemp, readFile, readdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Catalog } from "../catalog.ts";
import { uuidFromName } from "../definition-file.ts";
import { compileSpec } from "../ajv.ts";
import { declarativeDefinition, manifestSpec, parseManifestYaml } from "./load-manifest.ts";
import { loadedManifest } from "./manifest-cache.ts";
import { resolveReferences } from "./resolve-references.ts";
import { DECLARATIVE_SCHEMA_FILE } from "./validate-manifest.ts";
import { SHARED_MANIFESTS_DIR, sharedManifests } from "./testing/shared-manifests.ts";

const MANIFEST = `version: 6.0.0
type: DeclarativeSource
check:
  type: CheckStream
  stream_names: [items]
definitions:
  requester:
    type: HttpRequester
    url_base: "https://{{ config['subdomain'] }}.example.com/api"
    authenticator:
      type: ApiKeyAuthenticator
      api_token: "{{ config['api_key'] }}"
      inject_into: { type: RequestOption, inject_into: header, field_name: X-Key }
streams:
  - type: DeclarativeStream
    name: items
    retriever:
      type: SimpleRetriever
      requester:
        $ref: "#/definitions/requester"
        path: /items
      record_selector: { type: RecordSelector, extractor: { type: DpathExtractor, field_path: [items] } }
    schema_loader: { type: InlineSchemaLoader, schema: { type: object } }
spec:
  type: Spec
  documentation_url: https://docs.example.com/items
  connection_specification:
    type: object
    required: [api_key, subdomain]
    properties:
      api_key: { type: string, airbyte_secret: true, order: 0 }
      subdomain: { type: string, order: 1 }
      kind: { type: string, enum: [a, b, a] }
  advanced_auth:
    auth_flow_type: oauth2.0
    predicate_key: [credentials, auth_type]
`;

describe("declarative manifests in the catalog", () => {
  it("loads source-<name>.yaml and source-<name>/manifest.yaml as declarative definitions", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "onramp-manifests-"));
    await writeFile(path.join(dir, "source-items.yaml"), MANIFEST);
    await mkdir(path.join(dir, "source-folder"));
    await writeFile(path.join(dir, "source-folder", "manifest.yaml"), MANIFEST.replace("documentation_url: https://docs.example.com/items", "documentation_url: https://docs.example.com/folder"));
    await writeFile(path.join(dir, "source-plain.yaml"), "spec:\n  connection_specification:\n    type: object\n    properties: {}\n");
    const catalog = await Catalog.load({ dirs: [dir], builtins: false });
    expect(catalog.reports[0].failed).toEqual([]);
    const items = catalog.get("source-items")!;
    expect(items.id).toBe(uuidFromName("source-items"));
    expect(items.check).toBe("declarative");
    expect(items.documentationUrl).toBe("https://docs.example.com/items");
    expect(items.advanced_auth?.predicate_key).toEqual(["credentials", "auth_type"]);
    expect(Object.keys(items.connectionSpecification.properties)).toEqual(["api_key", "subdomain", "kind"]);
    // Repaired like any spec: the duplicate enum item is gone and the repair is listed.
    expect(items.connectionSpecification.properties.kind.enum).toEqual(["a", "b"]);
    expect(items.repairs?.length).toBeGreaterThan(0);
    expect(() => compileSpec(items.connectionSpecification)).not.toThrow();
    expect(items.declarative?.file).toBe(path.join(dir, "source-items.yaml"));
    const folder = catalog.get("source-folder")!;
    expect(folder.check).toBe("declarative");
    expect(folder.documentationUrl).toBe("https://docs.example.com/folder");
    expect(catalog.get("source-plain")!.check).toBe("none");
    // The manifest itself is read on first use, resolved and validated.
    const loaded = loadedManifest(items)!;
    expect(loaded.error).toBeUndefined();
    expect(loaded.issues).toEqual([]);
    expect(loaded.resolved!.streams[0].retriever.requester.url_base).toBe("https://{{ config['subdomain'] }}.example.com/api");
    expect(loaded.resolved!.streams[0].retriever.requester.path).toBe("/items");
    expect(loadedManifest(items)).toBe(loaded);
  });

  it("keeps a manifest that does not validate loadable, with the schema's complaint", () => {
    const raw = parseManifestYaml(MANIFEST.replace("type: CheckStream", "type: CheckStreams"));
    const definition = declarativeDefinition(raw, "source-broken");
    expect(definition.check).toBe("declarative");
    const loaded = loadedManifest(definition)!;
    expect(loaded.resolved).toBeDefined();
    expect(loaded.issues.length).toBeGreaterThan(0);
    expect(loaded.issues.map((issue) => issue.path).join(" ")).toMatch(/\/check/);
  });

  it("says which reference is missing when a manifest cannot be resolved", () => {
    const raw = parseManifestYaml(MANIFEST.replace('$ref: "#/definitions/requester"', '$ref: "#/definitions/nowhere"'));
    expect(loadedManifest(declarativeDefinition(raw, "source-dangling"))!.error).toMatch(/#\/definitions\/nowhere/);
  });

  it("reads the spec the same way from the spec block alone and from the whole manifest (shared manifests)", async () => {
    if (!(await sharedManifests())) return;
    const files = (await readdir(SHARED_MANIFESTS_DIR)).filter((file) => /^source-.*\.yaml$/.test(file));
    expect(files.length).toBeGreaterThan(300);
    for (const file of files) {
      const text = await readFile(path.join(SHARED_MANIFESTS_DIR, file), "utf8");
      expect(manifestSpec(text), file).toEqual(resolveReferences(parseManifestYaml(text)).spec);
    }
  });

  it("vendors an unchanged copy of the shared declarative schema", async () => {
    if (!(await sharedManifests())) return;
    const shared = await readFile(path.join(SHARED_MANIFESTS_DIR, "declarative_component_schema.yaml"));
    expect((await readFile(DECLARATIVE_SCHEMA_FILE)).equals(shared)).toBe(true);
  });
});
