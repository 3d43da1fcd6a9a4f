// POST/GET/PATCH /api/v1/integrations/definitions/imports and .../publish, .../manifest: the
// draft's life over the management API, URL imports limited to allowed hosts and a size, bad
// documents and edits answered in the error envelope with nothing changed, published imports
// back in the catalog after a restart.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { load } from "js-yaml";
import { startTestApp, type TestApp } from "../testing/test-app.ts";
import { createApplicationToken } from "../auth/index.ts";

const DOCUMENT = {
  openapi: "3.0.3",
  info: { title: "Tiny Shop", version: "1" },
  servers: [{ url: "https://shop.example.com/api" }],
  components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Shop-Key" } } },
  security: [{ key: [] }],
  paths: {
    "/orders": {
      get: {
        parameters: [{ name: "page", in: "query", schema: { type: "integer", minimum: 1 } }, { name: "per_page", in: "query", schema: { type: "integer", default: 25 } }],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { orders: { type: "array", items: { type: "object", properties: { id: { type: "integer" }, total: { type: "number" } } } } } } } } } },
      },
    },
    "/orders/{order_id}/lines": {
      get: { parameters: [{ name: "order_id", in: "path", required: true, schema: { type: "integer" } }], responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { type: "object", properties: { sku: { type: "string" } } } } } } } } },
    },
    "/customers": { get: { responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { data: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } } } } } } } } } },
  },
};

const base = "/api/v1/integrations/definitions/imports";

describe("definition imports", () => {
  let t: TestApp;
  let docs: Server;
  let docsUrl: string;
  let dataDir: string;

  beforeAll(async () => {
    docs = createServer((request, response) => {
      if (request.url === "/shop.json") return void response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(DOCUMENT));
      if (request.url === "/big.yaml") return void response.writeHead(200, { "content-type": "text/yaml" }).end("x".repeat(50_000));
      if (request.url === "/moved") return void response.writeHead(302, { location: "http://169.254.169.254/latest" }).end();
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => docs.listen(0, "127.0.0.1", resolve));
    docsUrl = `http://127.0.0.1:${(docs.address() as AddressInfo).port}`;
    dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-imports-"));
    t = await startTestApp({ dataDir, env: { ONRAMP_IMPORT_ALLOWED_HOSTS: "127.0.0.1", ONRAMP_IMPORT_MAX_BYTES: "20000" } });
  });
  afterAll(async () => {
    await t?.close();
    await new Promise((resolve) => docs.close(resolve));
    await rm(dataDir, { recursive: true, force: true });
  });

  it("imports a document into a draft, reviews it, publishes a definition the catalog serves", async () => {
    const created = await t.call("POST", base, { workspace_name: "default", document: DOCUMENT });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ status: "draft", source: "upload", definition_id: null });
    const entities = created.body.draft.entities;
    expect(entities.map((entity: { name: string }) => entity.name)).toEqual(["orders", "lines", "customers"]);
    expect(entities[0]).toMatchObject({ record_path: ["orders"], primary_key: ["id"], pagination: { kind: "page", page_param: "page", size_param: "per_page", page_size: 25, start_from: 1 } });
    expect(entities[1].parent).toEqual({ entity_id: "GET /orders", path_variable: "order_id", parent_field: "id" });
    expect(created.body.draft.auth[0]).toMatchObject({ kind: "api_key", inject: { in: "header", name: "X-Shop-Key" } });

    const reviewed = await t.call("PATCH", `${base}/${id}`, {
      name: "Shop",
      entities: [
        { id: "GET /customers", selected: false },
        { id: "GET /orders/{order_id}/lines", name: "order_lines", primary_key: ["sku"] },
        { id: "GET /orders", pagination: { kind: "offset", offset_param: "page", page_size: 10 } },
      ],
    });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    expect(reviewed.body.draft.name).toBe("source-shop");
    expect(reviewed.body.draft.entities[1]).toMatchObject({ name: "order_lines", primary_key: ["sku"], reasons: { name: "name: set at review" } });
    // Back to page/size.
    await t.call("PATCH", `${base}/${id}`, { entities: [{ id: "GET /orders", pagination: entities[0].pagination }] });

    const published = await t.call("POST", `${base}/${id}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    expect(published.body.import).toMatchObject({ status: "published", definition_name: "source-shop", check_stream: "orders" });
    const definitionId = published.body.import.definition_id;
    const detail = await t.call("GET", `/api/v1/integrations/definitions/sources/${definitionId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.connectionSpecification.properties.api_key).toMatchObject({ airbyte_secret: true });
    expect(detail.body).toMatchObject({ check: "declarative", streams: ["orders", "order_lines"] });

    const manifest = await t.app.request(`${base}/${id}/manifest`, { headers: { authorization: `Bearer ${t.token}` } });
    expect(manifest.headers.get("content-type")).toMatch(/yaml/);
    const parsed = load(await manifest.text()) as { streams: Array<{ name: string }>; check: { stream_names: string[] } };
    expect(parsed.streams.map((stream) => stream.name)).toEqual(["orders", "order_lines"]);
    expect(parsed.check.stream_names).toEqual(["orders"]);
  });

  it("fetches a URL only from an allowed host, within the size limit, without following redirects", async () => {
    const fetched = await t.call("POST", base, { workspace_name: "default", url: `${docsUrl}/shop.json` });
    expect(fetched.status, JSON.stringify(fetched.body)).toBe(201);
    expect(fetched.body.source).toBe(`${docsUrl}/shop.json`);
    const elsewhere = await t.call("POST", base, { workspace_name: "default", url: "http://localhost:9/shop.json" });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.errors[0]).toMatchObject({ field: "url", error_code: "host_not_allowed" });
    const big = await t.call("POST", base, { workspace_name: "default", url: `${docsUrl}/big.yaml` });
    expect(big.status).toBe(413);
    expect(big.body.errors[0].error_code).toBe("document_too_large");
    const moved = await t.call("POST", base, { workspace_name: "default", url: `${docsUrl}/moved` });
    expect(moved.status).toBe(422);
    expect(moved.body.errors[0]).toMatchObject({ field: "url", error_code: "fetch_failed" });
    const file = await t.call("POST", base, { workspace_name: "default", url: "file:///etc/passwd" });
    expect(file.body.errors[0].error_code).toBe("fetch_failed");
  });

  it("answers bad documents and edits in the error envelope and stores nothing for them", async () => {
    const before = (await t.call("GET", `${base}?workspace_name=default`)).body.imports.length;
    const notApi = await t.call("POST", base, { workspace_name: "default", document: "hello: world" });
    expect(notApi.status).toBe(422);
    expect(notApi.body.errors[0]).toMatchObject({ error_code: "unsupported_format" });
    const broken = await t.call("POST", base, { workspace_name: "default", document: "{ nope" });
    expect(broken.body.errors[0].error_code).toBe("unreadable_document");
    const both = await t.call("POST", base, { workspace_name: "default", document: DOCUMENT, url: `${docsUrl}/shop.json` });
    expect(both.status).toBe(422);
    const neither = await t.call("POST", base, { workspace_name: "default" });
    expect(neither.status).toBe(422);
    expect((await t.call("GET", `${base}?workspace_name=default`)).body.imports.length).toBe(before);

    const id = (await t.call("POST", base, { workspace_name: "default", document: DOCUMENT })).body.id;
    const badKind = await t.call("PATCH", `${base}/${id}`, { entities: [{ id: "GET /orders", pagination: { kind: "telepathy" } }] });
    expect(badKind.status).toBe(422);
    expect(badKind.body.errors[0]).toMatchObject({ field: "entities[0].pagination", error_code: "invalid_edit" });
    const clash = await t.call("PATCH", `${base}/${id}`, { entities: [{ id: "GET /customers", name: "orders" }] });
    expect(clash.body.errors[0].error_code).toBe("invalid_edit");
    const none = await t.call("PATCH", `${base}/${id}`, { entities: ["GET /orders", "GET /orders/{order_id}/lines", "GET /customers"].map((entity) => ({ id: entity, selected: false })) });
    expect(none.status).toBe(200);
    const publish = await t.call("POST", `${base}/${id}/publish`);
    expect(publish.status).toBe(422);
    expect(publish.body.errors[0]).toMatchObject({ field: "entities", error_code: "no_entities" });
    expect((await t.call("GET", `${base}/${id}`)).body.draft.entities.map((entity: { name: string }) => entity.name)).toEqual(["orders", "lines", "customers"]);
  });

  it("keeps imports to their workspace", async () => {
    const other = await t.call("POST", "/api/v1/workspaces", { name: "imports-other" });
    const token = (await createApplicationToken(t.deps.store, { workspaceId: other.body.id })).token;
    const mine = (await t.call("POST", base, { workspace_name: "default", document: DOCUMENT })).body.id;
    expect((await t.call("GET", `${base}/${mine}`, undefined, token)).status).toBeGreaterThanOrEqual(403);
    expect((await t.call("POST", `${base}/${mine}/publish`, undefined, token)).status).toBeGreaterThanOrEqual(403);
  });

  it("published imports are back in the catalog after a restart, under the same id", async () => {
    const id = (await t.call("POST", base, { workspace_name: "default", document: { ...DOCUMENT, info: { title: "Restart Shop", version: "1" } } })).body.id;
    const definitionId = (await t.call("POST", `${base}/${id}/publish`)).body.import.definition_id;
    const again = await startTestApp({ dataDir, token: t.token });
    try {
      expect(again.deps.catalog.get(definitionId)).toMatchObject({ name: "source-restart-shop", check: "declarative", entityTest: true });
    } finally {
      await again.close({ keepData: true });
    }
  });
});
