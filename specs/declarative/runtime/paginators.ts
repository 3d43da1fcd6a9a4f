// DefaultPaginator with its strategies (CursorPagination, PageIncrement, OffsetIncrement), and
// NoPagination. As dlt's paginators and the CDK's: a token comes from the last response
// (`nextToken`), and a request gets the token and page size injected (`parts`, or `path` for a
// RequestPath token, which is a whole URL or path to call next).
import { ManifestError, UnsupportedComponentError } from "./errors.ts";
import type { HttpResponse } from "./http-client.ts";
import { emptyParts, RequestOption, type RequestParts } from "./request-option.ts";
import type { Templates } from "./templates.ts";

export type PageToken = Record<string, unknown> | undefined;

export interface PageOutcome {
  response: HttpResponse;
  /** Records the extractor found on the page (before filters). */
  extracted: number;
  /** The last record the page gave (after filters and transformations), if any. */
  lastRecord?: Record<string, unknown>;
  /** The token the page was requested with. */
  token: PageToken;
}

export interface Paginator {
  initialToken(): PageToken;
  nextToken(page: PageOutcome): PageToken;
  parts(token: PageToken): RequestParts;
  path(token: PageToken): string | undefined;
}

export const noPagination = (): Paginator => ({ initialToken: () => undefined, nextToken: () => undefined, parts: () => emptyParts(), path: () => undefined });

/** `Link: <url>; rel="next"` as requests' response.links: { next: { url, rel } }. */
export function parseLinks(header: string | null): Record<string, Record<string, string>> {
  const links: Record<string, Record<string, string>> = {};
  if (!header) return links;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]*)>(.*)/.exec(part.trim());
    if (!match) continue;
    const link: Record<string, string> = { url: match[1] };
    for (const parameter of match[2].split(";")) {
      const [name, value] = parameter.split("=").map((text) => text?.trim());
      if (name && value !== undefined) link[name] = value.replace(/^"|"$/g, "");
    }
    links[link.rel ?? link.url] = link;
  }
  return links;
}

/** Response headers as the CDK's templates see them: case as sent (lowercase and Title-Case here), `link` parsed. */
export function templateHeaders(headers: Headers): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  headers.forEach((value, name) => {
    out[name] = value;
    out[name.replace(/(^|-)([a-z])/g, (_all, dash: string, letter: string) => dash + letter.toUpperCase())] = value;
  });
  out.link = parseLinks(headers.get("link"));
  return out;
}

function pageSizeOf(value: unknown, templates: Templates, at: string): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const rendered = typeof value === "number" ? value : templates.string(value);
  const size = typeof rendered === "string" && /^\d+$/.test(rendered) ? Number(rendered) : rendered;
  if (typeof size !== "number" || !Number.isInteger(size)) throw new ManifestError(`page_size ${JSON.stringify(value)} is not a whole number`, at);
  return size;
}

interface Strategy {
  initial(): unknown;
  next(page: PageOutcome, last: unknown): unknown;
  pageSize?: number;
}

function strategy(model: Record<string, any>, templates: Templates, at: string): Strategy {
  switch (model.type) {
    case "CursorPagination": {
      const pageSize = pageSizeOf(model.page_size, templates, at);
      return {
        pageSize,
        initial: () => undefined,
        next(page) {
          const variables = { response: page.response.body, headers: templateHeaders(page.response.headers), last_record: page.lastRecord ?? null, last_page_size: page.extracted, page_size: pageSize ?? null };
          if (model.stop_condition && templates.boolean(model.stop_condition, variables)) return undefined;
          const token = templates.string(model.cursor_value, variables);
          return token === "" || token === null || token === undefined || token === false || token === 0 ? undefined : token;
        },
      };
    }
    case "PageIncrement": {
      const pageSize = pageSizeOf(model.page_size, templates, at);
      const start = Number(model.start_from_page ?? 0);
      return {
        pageSize,
        initial: () => (model.inject_on_first_request ? start : undefined),
        next(page, last) {
          if ((pageSize && page.extracted < pageSize) || page.extracted === 0) return undefined;
          return last === undefined || last === null ? start + 1 : Number(last) + 1;
        },
      };
    }
    case "OffsetIncrement": {
      const pageSize = pageSizeOf(model.page_size, templates, at);
      return {
        pageSize,
        initial: () => (model.inject_on_first_request ? 0 : undefined),
        next(page, last) {
          if ((pageSize && page.extracted < pageSize) || page.extracted === 0) return undefined;
          return last === undefined || last === null ? page.extracted : Number(last) + page.extracted;
        },
      };
    }
    default:
      throw new UnsupportedComponentError(String(model.type ?? "untyped pagination strategy"), at);
  }
}

export function defaultPaginator(model: Record<string, any>, templates: Templates, at: string): Paginator {
  const plan = strategy(model.pagination_strategy ?? {}, templates.with(model.pagination_strategy?.$parameters ?? model.$parameters), `${at}/pagination_strategy`);
  const tokenModel = model.page_token_option;
  const tokenOption = tokenModel && tokenModel.type !== "RequestPath" ? new RequestOption(tokenModel, templates, `${at}/page_token_option`) : undefined;
  const tokenInPath = tokenModel?.type === "RequestPath";
  const sizeOption = model.page_size_option ? new RequestOption(model.page_size_option, templates, `${at}/page_size_option`) : undefined;
  if (sizeOption && !plan.pageSize) throw new ManifestError("page_size_option is set but the pagination strategy has no page_size", at);
  const wrap = (value: unknown): PageToken => (value === undefined || value === null ? undefined : { next_page_token: value });
  return {
    initialToken: () => wrap(plan.initial()),
    nextToken: (page) => wrap(plan.next(page, page.token?.next_page_token)),
    parts(token) {
      const parts = emptyParts();
      const value = token?.next_page_token;
      if (tokenOption && value !== undefined && value !== null) tokenOption.inject(parts, value);
      if (sizeOption && plan.pageSize) sizeOption.inject(parts, plan.pageSize);
      return parts;
    },
    path: (token) => (tokenInPath && token?.next_page_token ? String(token.next_page_token) : undefined),
  };
}

export function paginator(model: Record<string, any> | undefined, templates: Templates, at: string): Paginator {
  if (!model || model.type === "NoPagination") return noPagination();
  if (model.type === "DefaultPaginator") return defaultPaginator(model, templates.with(model.$parameters), at);
  throw new UnsupportedComponentError(String(model.type), at);
}
