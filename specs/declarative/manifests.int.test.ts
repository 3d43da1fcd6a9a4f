// Six real Airbyte manifests (testing/fixtures, unchanged) against local servers on 127.0.0.1
// that answer the way each manifest expects. Only the base URL is pointed at the local server,
// through the config field the manifest reads it from. For each: the check passes with the
// right key, a wrong key fails as auth_failed on the key's field, a stream reads every page,
// and a 429 with Retry-After is retried within bounds.
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheck } from "../checks/run-check.ts";
import { hasLiveCheck } from "../checks/run-check.ts";
import { readDeclarativeRecords, declarativeStreams } from "./read.ts";
import { fixtureDefinition } from "./testing/fixture-definition.ts";
import { json, startLocalApi, type LocalApi, type SeenRequest } from "./testing/local-api.ts";

/** Answers a 429 (Retry-After: 1) to the first request of a path when the test asks for it. */
class Throttle {
  private armed = new Set<string>();
  arm(path: string) {
    this.armed.add(path);
  }
  hit(request: SeenRequest, response: ServerResponse): boolean {
    if (!this.armed.delete(request.path)) return false;
    json(response, 429, { message: "slow down" }, { "retry-after": "1" });
    return true;
  }
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);

async function retriedWithin(api: LocalApi, throttle: Throttle, path: string, run: () => Promise<unknown>) {
  throttle.arm(path);
  const before = api.requests.length;
  const started = Date.now();
  await run();
  const elapsed = Date.now() - started;
  const sent = api.requests.slice(before).filter((request) => request.path === path);
  // The first try was refused, the second (after the second the API asked for) went through.
  expect(sent.length).toBeGreaterThanOrEqual(2);
  expect(elapsed).toBeGreaterThanOrEqual(900);
  expect(elapsed).toBeLessThan(8_000);
}

describe("getlago (CursorPagination, substream)", () => {
  const definition = fixtureDefinition("source-getlago");
  const throttle = new Throttle();
  let api: LocalApi;
  const customers = range(1, 3).map((n) => ({ lago_id: `c${n}`, external_id: `ext-${n}` }));
  beforeAll(async () => {
    api = await startLocalApi((request, response) => {
      if (request.headers.authorization !== "Bearer lago-key") return json(response, 401, { status: 401, error: "Unauthorized", code: "unauthorized" });
      if (throttle.hit(request, response)) return;
      const page = Number(request.query.get("page") ?? 1);
      if (request.path === "/api/v1/billable_metrics") {
        expect(request.query.get("per_page")).toBe("100");
        return json(response, 200, { billable_metrics: range((page - 1) * 2, 2).map((n) => ({ lago_id: `bm${n}` })), meta: { current_page: page, next_page: page < 3 ? page + 1 : null } });
      }
      if (request.path === "/api/v1/customers") return json(response, 200, { customers: page === 1 ? customers.slice(0, 2) : customers.slice(2), meta: { next_page: page === 1 ? 2 : null } });
      if (request.path === "/api/v1/subscriptions") {
        const customer = request.query.get("external_customer_id");
        return json(response, 200, { subscriptions: [{ lago_id: `s-${customer}`, external_customer_id: customer }], meta: { next_page: null } });
      }
      return json(response, 404, { error: "Not Found" });
    });
  });
  afterAll(() => api.close());
  const config = () => ({ api_url: `${api.url}/api/v1`, api_key: "lago-key" });

  it("checks, refuses a wrong key on its field, reads every page and every partition, retries a 429", async () => {
    expect(hasLiveCheck(definition)).toBe(true);
    expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" });
    const wrong = await runCheck(definition, { ...config(), api_key: "wrong-key" });
    expect(wrong).toMatchObject({ status: "failed", reason: "auth_failed", fields: ["/api_key"] });
    expect(wrong.message).not.toContain("wrong-key");

    const metrics = await readDeclarativeRecords(definition, config(), "billable_metrics", { limit: 100 });
    expect(metrics.records.map((record) => record.lago_id)).toEqual(["bm0", "bm1", "bm2", "bm3", "bm4", "bm5"]);
    expect(metrics.nextCursor).toBeNull();

    const subscriptions = await readDeclarativeRecords(definition, config(), "subscriptions", { limit: 100 });
    expect(subscriptions.records.map((record) => record.external_customer_id)).toEqual(["ext-1", "ext-2", "ext-3"]);

    await retriedWithin(api, throttle, "/api/v1/billable_metrics", async () => expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" }));
  });

  it("resumes a read from its cursor without losing or repeating records", async () => {
    const first = await readDeclarativeRecords(definition, config(), "billable_metrics", { limit: 3 });
    expect(first.records.map((record) => record.lago_id)).toEqual(["bm0", "bm1", "bm2"]);
    const second = await readDeclarativeRecords(definition, config(), "billable_metrics", { limit: 3, cursor: first.nextCursor! });
    expect(second.records.map((record) => record.lago_id)).toEqual(["bm3", "bm4", "bm5"]);
    // The last page was read to its end: nothing is left to resume.
    expect(second.nextCursor).toBeNull();
    await expect(readDeclarativeRecords(definition, config(), "plans", { cursor: first.nextCursor! })).rejects.toThrow(/billable_metrics/);
  });
});

describe("aha (PageIncrement)", () => {
  const definition = fixtureDefinition("source-aha");
  const throttle = new Throttle();
  let api: LocalApi;
  beforeAll(async () => {
    api = await startLocalApi((request, response) => {
      if (request.headers.authorization !== "Bearer aha-key") return json(response, 401, { error: "Unauthorized" });
      if (throttle.hit(request, response)) return;
      // The manifest starts at page 0 (start_from_page's default): no page parameter is page 0.
      const page = Number(request.query.get("page") ?? 0);
      const size = Number(request.query.get("per_page"));
      if (request.path === "/api/v1/products") return json(response, 200, { products: range(page * size, page < 2 ? size : 2).map((n) => ({ id: `p${n}` })) });
      return json(response, 404, { error: "Not Found" });
    });
  });
  afterAll(() => api.close());
  const config = () => ({ url: api.url, api_key: "aha-key" });

  it("checks, refuses a wrong key on its field, reads every page, retries a 429", async () => {
    expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" });
    expect(await runCheck(definition, { ...config(), api_key: "nope-key" })).toMatchObject({ status: "failed", reason: "auth_failed", fields: ["/api_key"] });
    const read = await readDeclarativeRecords(definition, config(), "products_stream", { limit: 100 });
    expect(read.records.map((record) => record.id)).toEqual(range(0, 12).map((n) => `p${n}`));
    expect(api.requests.filter((request) => request.path === "/api/v1/products").every((request) => request.query.get("per_page") === "5")).toBe(true);
    await retriedWithin(api, throttle, "/api/v1/products", () => readDeclarativeRecords(definition, config(), "products_stream", { limit: 5 }));
  });
});

describe("rocket-chat (OffsetIncrement)", () => {
  const definition = fixtureDefinition("source-rocket-chat");
  const throttle = new Throttle();
  let api: LocalApi;
  beforeAll(async () => {
    api = await startLocalApi((request, response) => {
      if (request.headers["x-auth-token"] !== "rc-token" || request.headers["x-user-id"] !== "user-1") return json(response, 401, { status: "error", message: "You must be logged in to do this." });
      if (throttle.hit(request, response)) return;
      const offset = Number(request.query.get("offset") ?? 0);
      const count = Number(request.query.get("count"));
      if (request.path === "/api/v1/teams.list") return json(response, 200, { teams: range(offset, Math.max(0, Math.min(count, 4 - offset))).map((n) => ({ _id: `t${n}` })), success: true });
      return json(response, 404, { success: false });
    });
  });
  afterAll(() => api.close());
  const config = () => ({ endpoint: api.url, token: "rc-token", user_id: "user-1" });

  it("checks, refuses a wrong key on its field, reads every page, retries a 429", async () => {
    expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" });
    expect(await runCheck(definition, { ...config(), token: "bad-token" })).toMatchObject({ status: "failed", reason: "auth_failed", fields: ["/token"] });
    const read = await readDeclarativeRecords(definition, config(), "teams", { limit: 100 });
    expect(read.records.map((record) => record._id)).toEqual(["t0", "t1", "t2", "t3"]);
    const offsets = api.requests.filter((request) => request.path === "/api/v1/teams.list").slice(-5).map((request) => request.query.get("offset"));
    expect(offsets).toEqual([null, "1", "2", "3", "4"]);
    await retriedWithin(api, throttle, "/api/v1/teams.list", async () => expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" }));
  });
});

describe("senseforce (DatetimeBasedCursor windows, POST body, AddFields)", () => {
  const definition = fixtureDefinition("source-senseforce");
  const throttle = new Throttle();
  const now = () => new Date("2024-06-01T12:00:00.250Z");
  let api: LocalApi;
  const windows: Array<[number, number]> = [];
  beforeAll(async () => {
    api = await startLocalApi((request, response) => {
      if (request.headers.authorization !== "Bearer sf-token") return json(response, 401, { message: "invalid token" });
      if (throttle.hit(request, response)) return;
      if (request.method !== "POST" || request.path !== "/api/dataset/execute/ds-1") return json(response, 404, { message: "no dataset" });
      const [from, to] = [...request.body.matchAll(/"value":\s*(\d+)/g)].map((match) => Number(match[1]));
      windows.push([from, to]);
      const offset = Number(request.query.get("offset") ?? 0);
      // The first window (2024-01-01 + 100 days) holds 10,003 rows: one full page of 10,000, then 3.
      const total = from === Date.UTC(2024, 0, 1) ? 10_003 : 2;
      const rows = range(offset, Math.max(0, Math.min(Number(request.query.get("limit")), total - offset))).map((n) => ({ id: `${from}-${n}`, timestamp: from + n }));
      return json(response, 200, rows);
    });
  });
  afterAll(() => api.close());
  const config = () => ({ backend_url: api.url, access_token: "sf-token", dataset_id: "ds-1", start_date: "2024-01-01" });

  it("checks the first window, refuses a wrong key, reads every page of every window, retries a 429", async () => {
    expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" });
    expect(windows[0]).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 3, 9, 23, 59, 59) + 86_400_000 - 1]);
    expect(await runCheck(definition, { ...config(), access_token: "bad" })).toMatchObject({ status: "failed", reason: "auth_failed", fields: ["/access_token"] });

    const first = await readDeclarativeRecords(definition, config(), "dataset", { limit: 10_000, now });
    expect(first.records).toHaveLength(10_000);
    expect(first.records[0]).toMatchObject({ id: `${Date.UTC(2024, 0, 1)}-0`, airbyte_cursor: Date.UTC(2024, 0, 1) / 1000 });
    const rest = await readDeclarativeRecords(definition, config(), "dataset", { limit: 10_000, cursor: first.nextCursor!, now });
    // 3 rows left in the first window's second page, then the second window (2024-04-10 .. now).
    expect(rest.records.map((record) => record.id)).toEqual([...range(10_000, 3).map((n) => `${Date.UTC(2024, 0, 1)}-${n}`), `${Date.UTC(2024, 3, 10)}-0`, `${Date.UTC(2024, 3, 10)}-1`]);
    expect(rest.nextCursor).toBeNull();
    await retriedWithin(api, throttle, "/api/dataset/execute/ds-1", async () => expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" }));
  });
});

describe("sigma-computing (OAuth refresh token, rotated)", () => {
  const definition = fixtureDefinition("source-sigma-computing");
  const throttle = new Throttle();
  let api: LocalApi;
  let issued = 0;
  beforeAll(async () => {
    api = await startLocalApi((request, response) => {
      if (request.path === "/v2/auth/token") {
        const form = new URLSearchParams(request.body);
        if (form.get("grant_type") !== "refresh_token" || form.get("client_id") !== "cid" || form.get("client_secret") !== "csecret" || !form.get("refresh_token")?.startsWith("rt-")) {
          return json(response, 401, { error: "invalid_client" });
        }
        issued++;
        return json(response, 200, { access_token: `at-${issued}`, refresh_token: `rt-${issued + 1}`, expires_in: 3600, token_type: "bearer" });
      }
      if (!/^Bearer at-\d+$/.test(String(request.headers.authorization))) return json(response, 401, { message: "token expired" });
      if (throttle.hit(request, response)) return;
      const page = Number(request.query.get("page") ?? 1);
      if (request.path === "/v2/files") return json(response, 200, { entries: range((page - 1) * 100, page < 3 ? 100 : 7).map((n) => ({ id: `f${n}` })), hasMore: page < 3 });
      return json(response, 404, { message: "not found" });
    });
  });
  afterAll(() => api.close());
  const config = () => ({ base_url: api.url, client_id: "cid", client_secret: "csecret", client_refresh_token: "rt-1" });

  it("refreshes the token, reports the new tokens as secrets, refuses a wrong secret, reads every page, retries a 429", async () => {
    const refreshed: Array<[string, string]> = [];
    const check = await runCheck(definition, config(), { onSecretRefreshed: (path, value) => void refreshed.push([path, value]) });
    expect(check).toMatchObject({ status: "succeeded" });
    expect(refreshed).toEqual([
      ["/oauth_access_token", "at-1"],
      ["/client_refresh_token", "rt-2"],
    ]);
    const wrong = await runCheck(definition, { ...config(), client_secret: "not-the-secret" });
    expect(wrong).toMatchObject({ status: "failed", reason: "auth_failed" });
    expect(wrong.fields).toContain("/client_secret");
    expect(wrong.message).not.toContain("not-the-secret");

    const read = await readDeclarativeRecords(definition, config(), "files", { limit: 1000 });
    expect(read.records).toHaveLength(207);
    expect(read.records[206]).toEqual({ id: "f206" });
    await retriedWithin(api, throttle, "/v2/files", async () => expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" }));
  });

  it("uses a stored access token while it is valid, and refreshes it once when the API refuses it", async () => {
    const before = issued;
    const stored = { ...config(), oauth_access_token: "at-0-stale", oauth_token_expiry_date: "2999-01-01T00:00:00Z" };
    const refreshed: string[] = [];
    expect(await runCheck(definition, stored, { onSecretRefreshed: (path) => void refreshed.push(path) })).toMatchObject({ status: "succeeded" });
    // "at-0-stale" does not match the API's pattern: one 401, one refresh, one retry.
    expect(issued).toBe(before + 1);
    expect(refreshed).toEqual(["/oauth_access_token", "/client_refresh_token"]);
  });
});

describe("auth0 (SelectiveAuthenticator, SubstreamPartitionRouter)", () => {
  const definition = fixtureDefinition("source-auth0");
  const throttle = new Throttle();
  const now = () => new Date("2024-03-01T00:00:00Z");
  let api: LocalApi;
  beforeAll(async () => {
    api = await startLocalApi((request, response) => {
      if (request.headers.authorization !== "Bearer a0-token") return json(response, 401, { statusCode: 401, error: "Unauthorized", message: "Invalid token" });
      if (throttle.hit(request, response)) return;
      const page = Number(request.query.get("page") ?? 0);
      if (/^\/api\/v2\/organizations\/org\d+\/members\/[^/]+\/roles$/.test(request.path)) return json(response, 200, [{ id: "rol_1", name: "admin" }]);
      const members = /^\/api\/v2\/organizations\/(org\d+)\/members$/.exec(request.path);
      if (members) return json(response, 200, [{ user_id: `${members[1]}-u1` }, { user_id: `${members[1]}-u2` }]);
      if (request.path === "/api/v2/organizations") return json(response, 200, page === 0 ? range(0, 50).map((n) => ({ id: `org${n}` })) : page === 1 ? [{ id: "org50" }] : []);
      if (request.path === "/api/v2/clients" || request.path === "/api/v2/users") return json(response, 200, page === 0 ? [{ client_id: "c1", user_id: "u1", updated_at: "2024-01-02T00:00:00.000Z" }] : []);
      return json(response, 404, { message: "Not Found" });
    });
  });
  afterAll(() => api.close());
  const config = () => ({ base_url: api.url, credentials: { auth_type: "oauth2_access_token", access_token: "a0-token" }, start_date: "2024-01-01T00:00:00.000Z" });

  it("checks its three streams, refuses a wrong token on its field, reads every parent page and partition, retries a 429", async () => {
    expect(declarativeStreams(definition)).toContain("organization_members");
    expect(await runCheck(definition, config(), {})).toMatchObject({ status: "succeeded" });
    const wrong = await runCheck(definition, { ...config(), credentials: { auth_type: "oauth2_access_token", access_token: "bad-token" } });
    expect(wrong).toMatchObject({ status: "failed", reason: "auth_failed", fields: ["/credentials/access_token"] });
    // One page per organization; a read stops after 50 pages (maxPages) and resumes from its cursor.
    const read = await readDeclarativeRecords(definition, config(), "organization_members", { limit: 1000, now });
    expect(read.records).toHaveLength(50 * 2);
    const rest = await readDeclarativeRecords(definition, config(), "organization_members", { limit: 1000, now, cursor: read.nextCursor! });
    expect(rest.records).toEqual([{ user_id: "org50-u1" }, { user_id: "org50-u2" }]);
    expect(rest.nextCursor).toBeNull();
    await retriedWithin(api, throttle, "/api/v2/clients", async () => expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" }));
  });
});
