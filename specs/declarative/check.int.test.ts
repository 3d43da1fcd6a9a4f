// The declarative check's reasons, against a local API: each failure has its typed reason, the
// fields to fix and no secret in its words.
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasLiveCheck, runCheck } from "../checks/run-check.ts";
import { declarativeDefinition } from "./load-manifest.ts";
import { checkDeclarative } from "./check.ts";
import { json, startLocalApi, type LocalApi } from "./testing/local-api.ts";

function manifest(overrides: { requester?: Record<string, unknown>; selector?: Record<string, unknown> } = {}) {
  return {
    version: "6.0.0",
    type: "DeclarativeSource",
    check: { type: "CheckStream", stream_names: ["items"] },
    streams: [
      {
        type: "DeclarativeStream",
        name: "items",
        retriever: {
          type: "SimpleRetriever",
          requester: {
            type: "HttpRequester",
            url_base: "{{ config['base_url'] }}/v1",
            path: "/{{ config['path'] }}",
            authenticator: { type: "ApiKeyAuthenticator", api_token: "{{ config['api_key'] }}", inject_into: { type: "RequestOption", inject_into: "header", field_name: "X-Api-Key" } },
            error_handler: { type: "DefaultErrorHandler", backoff_strategies: [{ type: "ConstantBackoffStrategy", backoff_time_in_seconds: 0.05 }] },
            ...overrides.requester,
          },
          record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: ["items"] }, ...overrides.selector },
        },
        schema_loader: { type: "InlineSchemaLoader", schema: { type: "object" } },
      },
    ],
    spec: {
      type: "Spec",
      connection_specification: {
        type: "object",
        required: ["base_url", "api_key", "path"],
        properties: { base_url: { type: "string", title: "API URL" }, api_key: { type: "string", title: "API key", airbyte_secret: true }, path: { type: "string" } },
      },
    },
  };
}

const KEY = "key-0123456789";
let api: LocalApi;
let failures = 0;
beforeAll(async () => {
  api = await startLocalApi(async (request, response) => {
    if (request.headers["x-api-key"] !== KEY) return json(response, 401, { message: `unknown key ${String(request.headers["x-api-key"])}` });
    switch (request.path) {
      case "/v1/items":
        return json(response, 200, { items: [{ id: 1 }] });
      case "/v1/empty":
        return json(response, 200, { items: [] });
      case "/v1/scopes":
        return json(response, 403, { message: "insufficient scope: items.read" });
      case "/v1/forbidden":
        return json(response, 403, { message: "Forbidden" });
      case "/v1/html":
        response.writeHead(200, { "content-type": "text/html" });
        response.end("<html>login</html>");
        return;
      case "/v1/throttled":
        return json(response, 429, { message: "slow down" }, { "retry-after": "1" });
      case "/v1/flaky":
        failures++;
        return failures % 3 === 0 ? json(response, 200, { items: [{ id: 2 }] }) : json(response, 503, { message: "busy" });
      case "/v1/silent":
        return; // never answers
      default:
        return json(response, 404, { message: "no such route" });
    }
  });
});
afterAll(() => api.close());

const definition = declarativeDefinition(manifest(), "source-items");
const config = (path: string, extra: Record<string, unknown> = {}) => ({ base_url: api.url, api_key: KEY, path, ...extra });

describe("declarative check reasons", () => {
  it("passes with records, and with an empty first page (noted)", async () => {
    expect(hasLiveCheck(definition)).toBe(true);
    expect(await runCheck(definition, config("items"))).toMatchObject({ status: "succeeded", message: expect.stringContaining("returned records") });
    expect(await runCheck(definition, config("empty"))).toMatchObject({ status: "succeeded", message: expect.stringContaining("no records yet") });
  });

  it("401 is auth_failed on the key, and the key never shows, even when the API echoes it", async () => {
    const result = await runCheck(definition, config("items", { api_key: "wrong-key-42" }));
    expect(result).toMatchObject({ status: "failed", reason: "auth_failed", fields: ["/api_key"] });
    expect(result.message).toContain('"API key"');
    expect(result.message).not.toContain("wrong-key-42");
  });

  it("403 about scopes is permission_denied; a bare 403 is auth_failed; both name the key", async () => {
    expect(await runCheck(definition, config("scopes"))).toMatchObject({ reason: "permission_denied", fields: ["/api_key"] });
    expect(await runCheck(definition, config("forbidden"))).toMatchObject({ reason: "auth_failed", fields: ["/api_key"] });
  });

  it("404 is not_found on the URL's fields; HTML is unable_to_process_response", async () => {
    expect(await runCheck(definition, config("missing"))).toMatchObject({ reason: "not_found", fields: ["/base_url"] });
    expect(await runCheck(definition, config("html"))).toMatchObject({ reason: "unable_to_process_response", fields: ["/base_url"] });
  });

  it("retries server errors with the manifest's backoff; a 429 that lasts fails as rate_limited within the deadline", async () => {
    expect(await runCheck(definition, config("flaky"))).toMatchObject({ status: "succeeded" });
    const started = Date.now();
    const throttled = await runCheck(definition, config("throttled"), { timeoutMs: 2_500 });
    expect(throttled).toMatchObject({ status: "failed", reason: "rate_limited" });
    expect(Date.now() - started).toBeLessThan(2_600);
    expect(api.requests.filter((request) => request.path === "/v1/throttled").length).toBeGreaterThanOrEqual(2);
  });

  it("a silent server is a timeout, a closed port unreachable, both on the URL's fields", async () => {
    expect(await runCheck(definition, config("silent"), { timeoutMs: 800 })).toMatchObject({ reason: "timeout", fields: ["/base_url"] });
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await runCheck(definition, { ...config("items"), base_url: `http://127.0.0.1:${port}` })).toMatchObject({ reason: "unreachable", fields: ["/base_url"] });
  });

  it("an ignored response is an empty page", async () => {
    const ignoring = declarativeDefinition(manifest({ requester: { error_handler: { type: "DefaultErrorHandler", response_filters: [{ type: "HttpResponseFilter", http_codes: [404], action: "IGNORE" }] } } }), "source-ignoring");
    expect(await runCheck(ignoring, config("missing"))).toMatchObject({ status: "succeeded" });
  });

  it("a component Onramp does not run, or a manifest off the schema, is named; the test only validated the settings and says so", async () => {
    const custom = declarativeDefinition(manifest({ selector: { extractor: { type: "CustomRecordExtractor", class_name: "source_items.components.Extractor" } } }), "source-custom");
    expect(hasLiveCheck(custom)).toBe(false);
    const sent = api.requests.length;
    const result = await runCheck(custom, config("items"));
    // As for any connector without a live test: valid settings, the connection not tried, and why.
    expect(result).toMatchObject({ status: "succeeded", message: expect.stringMatching(/not tried/) });
    expect(result.message).toMatch(/CustomRecordExtractor/);
    expect(api.requests.length).toBe(sent);
    expect(await runCheck(custom, { ...config("items"), api_key: undefined })).toMatchObject({ status: "failed", reason: "invalid_config", fields: ["/api_key"] });
    // The runtime's own verdict, for callers that run the check directly.
    expect(await checkDeclarative(custom, config("items"))).toMatchObject({ status: "failed", reason: "unsupported" });
    const offSchema = declarativeDefinition({ ...manifest(), check: { type: "CheckStream", stream_names: "items" } }, "source-off-schema");
    expect(hasLiveCheck(offSchema)).toBe(false);
    expect(await runCheck(offSchema, config("items"))).toMatchObject({ status: "succeeded", message: expect.stringMatching(/\/check\/stream_names/) });
    expect(await checkDeclarative(offSchema, config("items"))).toMatchObject({ reason: "unsupported", message: expect.stringMatching(/\/check\/stream_names/) });
  });
});
