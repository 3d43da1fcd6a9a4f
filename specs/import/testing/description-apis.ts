// Test helper: local APIs on 127.0.0.1 that answer the way real descriptions of
// ../shared/openapi say their APIs do (paths, auth, paging parameters, response shapes, paging
// headers), so an imported connector can be run against them. Each holds its records, counts what
// it was sent, and can be told to refuse a path with 403.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { json, startLocalApi, type LocalApi, type SeenRequest } from "../../declarative/testing/local-api.ts";

type Row = Record<string, unknown>;

export const OPENAPI_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../shared/openapi");
export const openapiPresent = existsSync(OPENAPI_DIR);
export const readDescription = (file: string) => readFileSync(path.join(OPENAPI_DIR, file), "utf8");

export interface DescribedApi {
  /** The description file in ../shared/openapi. */
  file: string;
  api: LocalApi;
  /** The connector's config against this API (base URL and credentials). */
  config: Row;
  /** The secret of the config (a JSON pointer), for secret mode and leak checks. */
  secretPath?: string;
  /** A stream read over several pages, its API path, and every record the API holds for it. */
  paged: { stream: string; path: string; records: Row[] };
  /** Paths answering 403 from now on (exact after the base path, or a pattern). */
  forbid(path: string | RegExp): void;
  sent(path: string): SeenRequest[];
  close(): Promise<void>;
}

const rows = (prefix: string, count: number, extra: (index: number) => Row = () => ({})) =>
  Array.from({ length: count }, (_, index) => ({ id: `${prefix}-${index + 1}`, name: `${prefix} ${index + 1}`, ...extra(index) }));

interface Route {
  pattern: RegExp;
  answer(match: RegExpExecArray, request: SeenRequest, self: string): { body: unknown; headers?: Record<string, string> } | undefined;
}

async function describedApi(options: {
  file: string;
  basePath: string;
  authorized(request: SeenRequest): boolean;
  routes: Route[];
  config(url: string): Row;
  secretPath?: string;
  paged: { stream: string; path: string; records: Row[] };
}): Promise<DescribedApi> {
  const forbidden: Array<string | RegExp> = [];
  let self = "";
  const api = await startLocalApi((request, response) => {
    if (!request.path.startsWith(options.basePath)) return json(response, 404, { detail: "Not Found" });
    const rest = request.path.slice(options.basePath.length) || "/";
    if (!options.authorized(request)) return json(response, 401, { detail: "Not authenticated" });
    if (forbidden.some((rule) => (typeof rule === "string" ? rule === rest : rule.test(rest)))) return json(response, 403, { detail: "You do not have permission to read this" });
    for (const route of options.routes) {
      const match = route.pattern.exec(rest);
      if (!match) continue;
      const answer = route.answer(match, request, self);
      if (!answer) break;
      return json(response, 200, answer.body, answer.headers);
    }
    json(response, 404, { detail: "Not Found" });
  });
  self = api.url + options.basePath;
  return {
    file: options.file,
    api,
    config: options.config(self),
    secretPath: options.secretPath,
    paged: options.paged,
    forbid: (one) => void forbidden.push(one),
    sent: (one) => api.requests.filter((request) => request.path === options.basePath + one),
    close: () => api.close(),
  };
}

const int = (value: string | null, fallback: number) => (value && /^\d+$/.test(value) ? Number(value) : fallback);

/**
 * dlthub-platform.yaml (FastAPI): bearer; `/organizations`, `/organization/{id}/workspaces` are
 * bare arrays; `/workspace/{id}/pipelines` pages with `page` (from 1) and `size` into
 * `{items, total, page, size, pages}` (fastapi-pagination).
 */
export function startDlthubApi(options: { token: string }): Promise<DescribedApi> {
  const organizations = rows("org", 1);
  const workspaces = rows("ws", 1);
  const pipelines = rows("pipeline", 23);
  const users = rows("user", 3);
  const fastapiPage = (records: Row[], request: SeenRequest) => {
    const page = int(request.query.get("page"), 1);
    const size = int(request.query.get("size"), 50);
    return { items: records.slice((page - 1) * size, page * size), total: records.length, page, size, pages: Math.ceil(records.length / size) };
  };
  return describedApi({
    file: "dlthub-platform.yaml",
    basePath: "",
    authorized: (request) => request.headers.authorization === `Bearer ${options.token}`,
    routes: [
      { pattern: /^\/organizations$/, answer: () => ({ body: organizations }) },
      { pattern: /^\/organization\/([^/]+)\/workspaces$/, answer: (match) => (match[1] === organizations[0].id ? { body: workspaces } : undefined) },
      { pattern: /^\/organization\/([^/]+)\/users$/, answer: (match) => (match[1] === organizations[0].id ? { body: users } : undefined) },
      { pattern: /^\/workspace\/([^/]+)\/members$/, answer: () => ({ body: users }) },
      { pattern: /^\/workspace\/([^/]+)\/pipelines$/, answer: (match, request) => (match[1] === workspaces[0].id ? { body: fastapiPage(pipelines, request) } : undefined) },
      { pattern: /^\/workspace\/([^/]+)\/[a-z-]+$/, answer: (_match, request) => ({ body: fastapiPage([], request) }) },
    ],
    config: (url) => ({ base_url: url, api_key: options.token }),
    secretPath: "/api_key",
    paged: { stream: "pipelines", path: `/workspace/${workspaces[0].id}/pipelines`, records: pipelines },
  });
}

/**
 * openai-api-2024-04.yaml: bearer; `/assistants` pages with `after` (the last id seen) and `limit`
 * into `{object: "list", data, first_id, last_id, has_more}`.
 */
export function startOpenAiApi(options: { token: string }): Promise<DescribedApi> {
  const assistants = rows("asst", 45);
  const list = (records: Row[], request: SeenRequest) => {
    const after = request.query.get("after");
    const limit = int(request.query.get("limit"), 20);
    const start = after ? records.findIndex((record) => record.id === after) + 1 : 0;
    const data = records.slice(start, start + limit);
    return { object: "list", data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + limit < records.length };
  };
  return describedApi({
    file: "openai-api-2024-04.yaml",
    basePath: "/v1",
    authorized: (request) => request.headers.authorization === `Bearer ${options.token}`,
    routes: [
      { pattern: /^\/assistants$/, answer: (_match, request) => ({ body: list(assistants, request) }) },
      { pattern: /^\/(files|models|fine_tuning\/jobs)$/, answer: () => ({ body: { object: "list", data: rows("thing", 2) } }) },
    ],
    config: (url) => ({ base_url: url, api_key: options.token }),
    secretPath: "/api_key",
    paged: { stream: "assistants", path: "/assistants", records: assistants },
  });
}

/** harbor-v2.yaml: basic auth; `/projects` pages with `page`/`page_size` (default 10), a bare array and a `Link` header. */
export function startHarborApi(options: { username: string; password: string }): Promise<DescribedApi> {
  const projects = Array.from({ length: 23 }, (_, index) => ({ project_id: index + 1, name: `project-${index + 1}` }));
  const expected = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString("base64")}`;
  return describedApi({
    file: "harbor-v2.yaml",
    basePath: "/api/v2.0",
    authorized: (request) => request.headers.authorization === expected,
    routes: [
      {
        pattern: /^\/projects$/,
        answer: (_match, request, self) => {
          const page = int(request.query.get("page"), 1);
          const size = int(request.query.get("page_size"), 10);
          const links: string[] = [];
          if (page * size < projects.length) links.push(`<${self}/projects?page=${page + 1}&page_size=${size}>; rel="next"`);
          if (page > 1) links.push(`<${self}/projects?page=${page - 1}&page_size=${size}>; rel="prev"`);
          return { body: projects.slice((page - 1) * size, page * size), headers: { "x-total-count": String(projects.length), ...(links.length ? { link: links.join(", ") } : {}) } };
        },
      },
    ],
    config: (url) => ({ base_url: url, username: options.username, password: options.password }),
    secretPath: "/password",
    paged: { stream: "projects", path: "/projects", records: projects },
  });
}

/** oai-petstore.yaml: no auth; `/pets` takes `limit`, a bare array, and `x-next`, "a link to the next page". */
export function startPetstoreApi(): Promise<DescribedApi> {
  const pets = Array.from({ length: 27 }, (_, index) => ({ id: index + 1, name: `pet ${index + 1}` }));
  return describedApi({
    file: "oai-petstore.yaml",
    basePath: "/v1",
    authorized: () => true,
    routes: [
      {
        pattern: /^\/pets$/,
        answer: (_match, request, self) => {
          const start = int(request.query.get("from"), 0);
          const limit = Math.min(int(request.query.get("limit"), 10), 10);
          const next: Record<string, string> = start + limit < pets.length ? { "x-next": `${self}/pets?from=${start + limit}` } : {};
          return { body: pets.slice(start, start + limit), headers: next };
        },
      },
    ],
    config: (url) => ({ base_url: url }),
    paged: { stream: "pets", path: "/pets", records: pets },
  });
}

/**
 * twilio-studio-v2.yaml: basic auth (account SID : auth token); `/v2/Flows` pages with `PageSize`
 * (default 50) and answers `{flows, meta: {next_page_url, ...}}`, the next page a whole URL;
 * revisions and executions of a flow likewise.
 */
export function startTwilioStudioApi(options: { accountSid: string; authToken: string; pageSize?: number }): Promise<DescribedApi> {
  const hex = (index: number) => index.toString(16).padStart(32, "0");
  const flows = Array.from({ length: 23 }, (_, index) => ({ sid: `FW${hex(index + 1)}`, friendly_name: `Flow ${index + 1}`, status: "published", revision: 1 }));
  const expected = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString("base64")}`;
  const twilioPage = (key: string, records: Row[], request: SeenRequest, self: string, listPath: string) => {
    const size = int(request.query.get("PageSize"), options.pageSize ?? 10);
    const page = int(request.query.get("Page"), 0);
    const items = records.slice(page * size, (page + 1) * size);
    const next = (page + 1) * size < records.length ? `${self}${listPath}?PageSize=${size}&Page=${page + 1}&PageToken=PT${page + 1}` : null;
    return { [key]: items, meta: { page, page_size: size, first_page_url: `${self}${listPath}?PageSize=${size}&Page=0`, previous_page_url: null, url: `${self}${listPath}`, next_page_url: next, key } };
  };
  return describedApi({
    file: "twilio-studio-v2.yaml",
    basePath: "",
    authorized: (request) => request.headers.authorization === expected,
    routes: [
      { pattern: /^\/v2\/Flows$/, answer: (_match, request, self) => ({ body: twilioPage("flows", flows, request, self, "/v2/Flows") }) },
      { pattern: /^\/v2\/Flows\/([^/]+)\/Revisions$/, answer: (match, request, self) => ({ body: twilioPage("revisions", [], request, self, `/v2/Flows/${match[1]}/Revisions`) }) },
      { pattern: /^\/v2\/Flows\/([^/]+)\/Executions$/, answer: (match, request, self) => ({ body: twilioPage("executions", [], request, self, `/v2/Flows/${match[1]}/Executions`) }) },
    ],
    config: (url) => ({ base_url: url, username: options.accountSid, password: options.authToken }),
    secretPath: "/password",
    paged: { stream: "flows", path: "/v2/Flows", records: flows },
  });
}

/**
 * adyen-transfers-v4.postman_collection.json: `X-API-Key` header; `/transactions` needs
 * `createdSince` and `createdUntil`, answers `{data, _links: {next: {href}}}` with the cursor in the
 * next URL (as the collection's saved example shows).
 */
export function startAdyenTransfersApi(options: { key: string }): Promise<DescribedApi> {
  const transactions = rows("EVJN", 17, (index) => ({ amount: { value: -100 * (index + 1), currency: "EUR" } }));
  return describedApi({
    file: "adyen-transfers-v4.postman_collection.json",
    basePath: "/btl/v4",
    authorized: (request) => request.headers["x-api-key"] === options.key,
    routes: [
      {
        pattern: /^\/transactions$/,
        answer: (_match, request, self) => {
          if (!request.query.get("createdSince") || !request.query.get("createdUntil")) return undefined;
          const start = int(request.query.get("cursor"), 0);
          const data = transactions.slice(start, start + 5);
          const next = start + 5 < transactions.length ? { next: { href: `${self}/transactions?createdSince=${encodeURIComponent(request.query.get("createdSince")!)}&createdUntil=${encodeURIComponent(request.query.get("createdUntil")!)}&cursor=${start + 5}` } } : {};
          return { body: { data, _links: next } };
        },
      },
    ],
    config: (url) => ({ base_url: url, api_key: options.key }),
    secretPath: "/api_key",
    paged: { stream: "transactions", path: "/transactions", records: transactions },
  });
}
