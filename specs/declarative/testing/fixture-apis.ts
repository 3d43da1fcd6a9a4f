// Test helper: local APIs on 127.0.0.1 that answer the way the six real manifests in ./fixtures
// expect (paths, auth headers, pagination parameters, response shapes). Each holds its records,
// so a test compares what a read returned with what the API has; each refuses a wrong key the
// way the real API does, and can be told to answer 429 with a Retry-After.
import type { ServerResponse } from "node:http";
import { json, startLocalApi, type Handler, type LocalApi, type SeenRequest } from "./local-api.ts";

type Row = Record<string, unknown>;

/** Answers 429 with Retry-After to the next requests of a path, when a test asks for it. */
export class Throttle {
  private armed = new Map<string, { retryAfter: number; left: number }>();

  /** The next `times` requests to `path` get a 429 asking to wait `retryAfter` seconds. */
  arm(path: string, { retryAfter = 1, times = 1 }: { retryAfter?: number; times?: number } = {}): void {
    this.armed.set(path, { retryAfter, left: times });
  }

  disarm(path: string): void {
    this.armed.delete(path);
  }

  hit(request: SeenRequest, response: ServerResponse): boolean {
    const armed = this.armed.get(request.path);
    if (!armed) return false;
    if (--armed.left <= 0) this.armed.delete(request.path);
    json(response, 429, { message: "slow down" }, { "retry-after": String(armed.retryAfter) });
    return true;
  }
}

export interface FixtureApi {
  /** The manifest this API serves: `source-<name>` (./fixtures/source-<name>.yaml). */
  manifest: string;
  api: LocalApi;
  throttle: Throttle;
  /** A config that works against this API. */
  config(): Row;
  /** The secret field a wrong-key test spoils (JSON pointer), and a wrong value for it. */
  key: { path: string; wrong: string };
  /** A stream read over several pages or slices: its name, its API path, and every record the API holds for it, in order. */
  paged: { stream: string; path: string; records: Row[] };
  /** Requests the API answered for `path` (throttled ones included). */
  sent(path: string): SeenRequest[];
  close(): Promise<void>;
}

export const range = (from: number, count: number) => Array.from({ length: count }, (_, index) => from + index);

type Own<E> = Omit<FixtureApi, "manifest" | "api" | "throttle" | "sent" | "close"> & E;

async function fixtureApi<E extends object = object>(manifest: string, handler: (throttle: Throttle) => Handler, rest: (api: LocalApi) => Own<E>): Promise<FixtureApi & E> {
  const throttle = new Throttle();
  const api = await startLocalApi(handler(throttle));
  return { manifest, api, throttle, ...rest(api), sent: (path) => api.requests.filter((request) => request.path === path), close: () => api.close() };
}

/** getlago: Bearer key, CursorPagination on `meta.next_page` (100 a page), customers → subscriptions. */
export function startGetlagoApi(options: { key?: string } = {}): Promise<FixtureApi> {
  const key = options.key ?? "lago-key";
  const metrics = range(0, 6).map((n) => ({ lago_id: `bm${n}`, code: `metric_${n}` }));
  const customers = range(1, 3).map((n) => ({ lago_id: `c${n}`, external_id: `ext-${n}` }));
  return fixtureApi(
    "source-getlago",
    (throttle) => (request, response) => {
      if (request.headers.authorization !== `Bearer ${key}`) return json(response, 401, { status: 401, error: "Unauthorized", code: "unauthorized" });
      if (throttle.hit(request, response)) return;
      const page = Number(request.query.get("page") ?? 1);
      if (request.path === "/api/v1/billable_metrics") {
        // The API's own page size is 100; this one serves two a page so three pages hold six.
        if (request.query.get("per_page") !== "100") return json(response, 422, { error: "per_page must be 100 here" });
        return json(response, 200, { billable_metrics: metrics.slice((page - 1) * 2, page * 2), meta: { current_page: page, next_page: page < 3 ? page + 1 : null } });
      }
      if (request.path === "/api/v1/customers") return json(response, 200, { customers: page === 1 ? customers.slice(0, 2) : customers.slice(2), meta: { next_page: page === 1 ? 2 : null } });
      if (request.path === "/api/v1/subscriptions") {
        const customer = request.query.get("external_customer_id");
        return json(response, 200, { subscriptions: [{ lago_id: `s-${customer}`, external_customer_id: customer }], meta: { next_page: null } });
      }
      return json(response, 404, { error: "Not Found" });
    },
    (api) => ({
      config: () => ({ api_url: `${api.url}/api/v1`, api_key: key }),
      key: { path: "/api_key", wrong: "wrong-lago-key" },
      paged: { stream: "billable_metrics", path: "/api/v1/billable_metrics", records: metrics },
    }),
  );
}

/** aha: Bearer key, PageIncrement from page 0, `per_page` 5. */
export function startAhaApi(options: { key?: string } = {}): Promise<FixtureApi> {
  const key = options.key ?? "aha-key";
  const products = range(0, 12).map((n) => ({ id: `p${n}`, name: `Product ${n}` }));
  return fixtureApi(
    "source-aha",
    (throttle) => (request, response) => {
      if (request.headers.authorization !== `Bearer ${key}`) return json(response, 401, { error: "Unauthorized" });
      if (throttle.hit(request, response)) return;
      // No page parameter is page 0 (start_from_page's default).
      const page = Number(request.query.get("page") ?? 0);
      const size = Number(request.query.get("per_page"));
      if (request.path === "/api/v1/products") return json(response, 200, { products: products.slice(page * size, (page + 1) * size) });
      return json(response, 404, { error: "Not Found" });
    },
    (api) => ({
      config: () => ({ url: api.url, api_key: key }),
      key: { path: "/api_key", wrong: "wrong-aha-key" },
      paged: { stream: "products_stream", path: "/api/v1/products", records: products },
    }),
  );
}

/** rocket-chat: token and user id headers, OffsetIncrement (`offset`, `count` 1). */
export function startRocketChatApi(options: { token?: string; userId?: string } = {}): Promise<FixtureApi> {
  const token = options.token ?? "rc-token";
  const userId = options.userId ?? "user-1";
  const teams = range(0, 4).map((n) => ({ _id: `t${n}`, name: `team ${n}` }));
  return fixtureApi(
    "source-rocket-chat",
    (throttle) => (request, response) => {
      if (request.headers["x-auth-token"] !== token || request.headers["x-user-id"] !== userId) return json(response, 401, { status: "error", message: "You must be logged in to do this." });
      if (throttle.hit(request, response)) return;
      const offset = Number(request.query.get("offset") ?? 0);
      const count = Number(request.query.get("count"));
      if (request.path === "/api/v1/teams.list") return json(response, 200, { teams: teams.slice(offset, offset + count), success: true });
      return json(response, 404, { success: false });
    },
    (api) => ({
      config: () => ({ endpoint: api.url, token, user_id: userId }),
      key: { path: "/token", wrong: "wrong-rc-token" },
      paged: { stream: "teams", path: "/api/v1/teams.list", records: teams },
    }),
  );
}

/**
 * senseforce: Bearer token, POST /api/dataset/execute/<id> with the window's bounds (epoch ms) in
 * a filter body, `offset`/`limit` pages of 10,000. `records` ({ id, timestamp } in epoch ms) are
 * what the dataset holds; a request gets those inside its window.
 */
export function startSenseforceApi(options: { records: Array<{ id: string; timestamp: number }>; startDate: string; token?: string }): Promise<FixtureApi & { windows: Array<[number, number]> }> {
  const token = options.token ?? "sf-token";
  const windows: Array<[number, number]> = [];
  return fixtureApi<{ windows: Array<[number, number]> }>(
    "source-senseforce",
    (throttle) => (request, response) => {
      if (request.headers.authorization !== `Bearer ${token}`) return json(response, 401, { message: "invalid token" });
      if (throttle.hit(request, response)) return;
      if (request.method !== "POST" || request.path !== "/api/dataset/execute/ds-1") return json(response, 404, { message: "no dataset" });
      const [from, to] = [...request.body.matchAll(/"value":\s*(\d+)/g)].map((match) => Number(match[1]));
      if (from === undefined || to === undefined) return json(response, 400, { message: "no time filter" });
      windows.push([from, to]);
      const offset = Number(request.query.get("offset") ?? 0);
      const limit = Number(request.query.get("limit"));
      const inWindow = options.records.filter((record) => record.timestamp >= from && record.timestamp <= to);
      return json(response, 200, inWindow.slice(offset, offset + limit));
    },
    (api) => ({
      config: () => ({ backend_url: api.url, access_token: token, dataset_id: "ds-1", start_date: options.startDate }),
      key: { path: "/access_token", wrong: "wrong-sf-token" },
      paged: { stream: "dataset", path: "/api/dataset/execute/ds-1", records: options.records },
      windows,
    }),
  );
}

/**
 * sigma-computing: OAuth refresh-token grant at /v2/auth/token (client id and secret in the form),
 * a new refresh token with every access token; /v2/files in pages of 100 (`hasMore`). With
 * `rotation: "strict"` only the refresh token issued last is accepted and only access tokens it
 * issued are, as a provider that rotates refresh tokens behaves. Tokens are `<prefix>at-N` and
 * `<prefix>rt-N` (a test hunting for leaked tokens gives a distinctive prefix).
 */
export function startSigmaApi(options: { rotation?: "strict" | "lenient"; files?: number; tokenPrefix?: string; clientSecret?: string } = {}): Promise<FixtureApi & { issued(): number; refreshTokens(): string[]; currentRefreshToken(): string }> {
  const files = range(0, options.files ?? 207).map((n) => ({ id: `f${n}` }));
  const prefix = options.tokenPrefix ?? "";
  const clientSecret = options.clientSecret ?? "csecret";
  let issued = 0;
  let current = `${prefix}rt-1`;
  const accessTokens = new Set<string>();
  const refreshTokens: string[] = [];
  const strict = options.rotation === "strict";
  return fixtureApi<{ issued(): number; refreshTokens(): string[]; currentRefreshToken(): string }>(
    "source-sigma-computing",
    (throttle) => (request, response) => {
      if (request.path === "/v2/auth/token") {
        const form = new URLSearchParams(request.body);
        const refresh = form.get("refresh_token") ?? "";
        refreshTokens.push(refresh);
        const known = strict ? refresh === current : refresh.startsWith(`${prefix}rt-`);
        if (form.get("grant_type") !== "refresh_token" || form.get("client_id") !== "cid" || form.get("client_secret") !== clientSecret || !known) {
          return json(response, 401, { error: "invalid_client" });
        }
        issued++;
        current = `${prefix}rt-${issued + 1}`;
        accessTokens.add(`${prefix}at-${issued}`);
        return json(response, 200, { access_token: `${prefix}at-${issued}`, refresh_token: current, expires_in: 3600, token_type: "bearer" });
      }
      const bearer = /^Bearer (\S+)$/.exec(String(request.headers.authorization))?.[1] ?? "";
      const valid = strict ? accessTokens.has(bearer) : bearer.startsWith(`${prefix}at-`) && /^\d+$/.test(bearer.slice(prefix.length + 3));
      if (!valid) return json(response, 401, { message: "token expired" });
      if (throttle.hit(request, response)) return;
      const page = Number(request.query.get("page") ?? 1);
      if (request.path === "/v2/files") return json(response, 200, { entries: files.slice((page - 1) * 100, page * 100), hasMore: page * 100 < files.length });
      return json(response, 404, { message: "not found" });
    },
    (api) => ({
      config: () => ({ base_url: api.url, client_id: "cid", client_secret: clientSecret, client_refresh_token: `${prefix}rt-1` }),
      key: { path: "/client_secret", wrong: "not-the-secret" },
      paged: { stream: "files", path: "/v2/files", records: files },
      issued: () => issued,
      refreshTokens: () => [...refreshTokens],
      currentRefreshToken: () => current,
    }),
  );
}

/**
 * auth0: Bearer access token (the "OAuth2 Access Token" option), `page` from 0; 51 organizations
 * (a full page of 50, then 1), two members each (organization_members is a substream of them).
 */
export function startAuth0Api(options: { token?: string } = {}): Promise<FixtureApi> {
  const token = options.token ?? "a0-token";
  const organizations = range(0, 51).map((n) => ({ id: `org${n}` }));
  const members = organizations.flatMap((organization) => [{ user_id: `${organization.id}-u1` }, { user_id: `${organization.id}-u2` }]);
  return fixtureApi(
    "source-auth0",
    (throttle) => (request, response) => {
      if (request.headers.authorization !== `Bearer ${token}`) return json(response, 401, { statusCode: 401, error: "Unauthorized", message: "Invalid token" });
      if (throttle.hit(request, response)) return;
      const page = Number(request.query.get("page") ?? 0);
      if (/^\/api\/v2\/organizations\/org\d+\/members\/[^/]+\/roles$/.test(request.path)) return json(response, 200, [{ id: "rol_1", name: "admin" }]);
      const memberPath = /^\/api\/v2\/organizations\/(org\d+)\/members$/.exec(request.path);
      if (memberPath) return json(response, 200, members.filter((member) => member.user_id.startsWith(`${memberPath[1]}-`)));
      if (request.path === "/api/v2/organizations") return json(response, 200, organizations.slice(page * 50, (page + 1) * 50));
      if (request.path === "/api/v2/clients" || request.path === "/api/v2/users") return json(response, 200, page === 0 ? [{ client_id: "c1", user_id: "u1", updated_at: "2024-01-02T00:00:00.000Z" }] : []);
      return json(response, 404, { message: "Not Found" });
    },
    (api) => ({
      config: () => ({ base_url: api.url, credentials: { auth_type: "oauth2_access_token", access_token: token }, start_date: "2024-01-01T00:00:00.000Z" }),
      key: { path: "/credentials/access_token", wrong: "wrong-a0-token" },
      paged: { stream: "organization_members", path: "/api/v2/organizations", records: members },
    }),
  );
}
