// The console's import journey in Chromium against a real server and a local API the pasted
// description describes: paste → the draft opens for review → deselect one table, rename
// another → Publish and set up → the assistant asks the key in secret mode → the test reads every
// table (the child of the deselected table is left out) → saved with the renamed table.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { services } from "../../server/testing/service-gate.ts";
import { screenshotPath } from "../testing/chromium.ts";
import { sharedServerAndBrowser } from "../testing/real-server.ts";
import { openConsole } from "./testing/console-page.ts";
import { json, startLocalApi, type LocalApi } from "../../specs/declarative/testing/local-api.ts";

const ok = await services.chromium();
const KEY = "shop-key-7f3a9c21";

function shopDescription(url: string) {
  const list = (key: string, item: Record<string, unknown>) => ({ type: "object", properties: { [key]: { type: "array", items: { type: "object", properties: item } } } });
  const ok200 = (schema: unknown) => ({ "200": { description: "ok", content: { "application/json": { schema } } } });
  return JSON.stringify({
    openapi: "3.0.3",
    info: { title: "Corner Shop", version: "1" },
    servers: [{ url }],
    components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Shop-Key" } } },
    security: [{ key: [] }],
    paths: {
      "/orders": { get: { responses: ok200(list("orders", { id: { type: "integer" } })) } },
      "/orders/{order_id}/lines": { get: { parameters: [{ name: "order_id", in: "path", required: true, schema: { type: "integer" } }], responses: ok200({ type: "array", items: { type: "object", properties: { sku: { type: "string" } } } }) } },
      "/customers": { get: { responses: ok200(list("data", { id: { type: "string" }, name: { type: "string" } })) } },
    },
  });
}

describe.skipIf(!ok)("console import", () => {
  const live = sharedServerAndBrowser();
  let api: LocalApi;
  beforeAll(async () => {
    api = await startLocalApi((request, response) => {
      if (request.headers["x-shop-key"] !== KEY) return json(response, 401, { message: "bad key" });
      if (request.path === "/customers") return json(response, 200, { data: [{ id: "c1", name: "Ada" }, { id: "c2", name: "Grace" }] });
      if (request.path === "/orders") return json(response, 200, { orders: [{ id: 1 }] });
      json(response, 404, { message: "no" });
    });
  });
  afterAll(() => api?.close());

  it("paste → review (deselect, rename) → publish → setup by the assistant → saved with the tables that work", async () => {
    const page = await live.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await openConsole(page, live.server);
    await page.getByRole("link", { name: "Import API" }).click();
    await page.locator("#import-document").fill(shopDescription(api.url));
    await page.getByRole("button", { name: "Import" }).click();

    // The draft, as soon as it exists: every table with its reasons.
    await page.getByRole("heading", { name: "Review: Corner Shop" }).waitFor();
    expect(page.url()).toMatch(/#\/imports\/imp_/);
    await page.getByText("API key (header X-Shop-Key)").waitFor();
    expect(await page.getByLabel("Table name for GET /customers").inputValue()).toBe("customers");
    expect(await page.getByLabel("Record path for GET /customers").inputValue()).toBe("data");
    await page.getByText(/substream of GET \/orders/).waitFor();
    await page.getByLabel("Include GET /orders", { exact: true }).uncheck();
    await page.getByLabel("Table name for GET /customers").fill("clients");
    await page.screenshot({ path: screenshotPath("console-import-review.png") });
    await page.getByRole("button", { name: "Publish and set up" }).click();

    // The assistant sets it up like any connector: the key in secret mode.
    const secret = page.locator("#onramp-secret");
    await secret.waitFor({ timeout: 30_000 });
    expect(page.url()).toMatch(/#\/setup\//);
    await secret.fill(KEY);
    await secret.press("Enter");
    await page.getByRole("heading", { name: /New connection from/ }).waitFor({ timeout: 30_000 });
    const connectorId = /connectors\/([^/]+)\/connections\/new/.exec(page.url())![1];
    const connector = await live.server.api("GET", `/api/v1/integrations/connectors/${connectorId}`);
    expect(connector.streams).toEqual(["clients"]);
    expect(JSON.stringify(connector)).not.toContain(KEY);
    expect(api.requests.some((request) => request.path === "/customers")).toBe(true);
    // The deselected table was never called, nor its child.
    expect(api.requests.some((request) => request.path.startsWith("/orders"))).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});
