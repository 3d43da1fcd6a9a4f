// How a list pages, from what the document itself says: the `Link` header, a next-page URL or a
// cursor in the body, a token in another response header, page/size or offset/limit parameters.
// The order matters: a response field that names the next page beats parameters alone, since
// parameters exist on APIs that also hand out cursors.
import type { JsonSchema } from "../types.ts";
import { isArraySchema, propertiesOf } from "./schema-shape.ts";
import type { ApiOperation, ApiParameter, PaginationGuess } from "./types.ts";

const CURSOR_PARAM = /^(cursor|after|page_?token|next_?token|next_?page_?token|continuation_?token|starting_?after|marker|since_?id|from_?token|next_?cursor|page_?cursor|scroll_?id|offset_?token)$/i;
const PAGE_PARAM = /^(page|page_?number|page_?no|pageno|p|page_?index|index)$/i;
const OFFSET_PARAM = /^(offset|skip|start|from|\$skip|_offset|start_?index|first)$/i;
const SIZE_PARAM = /^(limit|size|count|\$top|top|max|max_?results|per_?page|page_?size|pagesize|take|rows|num|page_?limit|results_?per_?page|_limit)$/i;
const NEXT_URL_FIELD = /^(next|next_?page|next_?page_?url|next_?url|next_?link|next_?href|@odata\.nextlink|nextlink)$/i;
const CURSOR_FIELD = /^(next_?cursor|cursor|next_?page_?token|next_?token|after|continuation_?token|next_?marker|end_?cursor|last_?id|next)$/i;
const TOKEN_HEADER = /(next|continuation|cursor|page-?token)/i;

export interface PaginationResult {
  pagination: PaginationGuess;
  reason: string;
}

interface Field {
  path: string[];
  schema: JsonSchema;
}

/** Response fields two levels deep (`links.next`, `paging.next.after`, `_links.next.href`). */
function fieldsOf(schema: JsonSchema | undefined, prefix: string[] = [], depth = 0): Field[] {
  if (!schema || depth > 2) return [];
  const out: Field[] = [];
  for (const [key, inner] of Object.entries(propertiesOf(schema))) {
    if (isArraySchema(inner)) continue;
    out.push({ path: [...prefix, key], schema: inner });
    out.push(...fieldsOf(inner, [...prefix, key], depth + 1));
  }
  return out;
}

function isScalar(schema: JsonSchema): boolean {
  const type = schema?.type;
  return type === "string" || type === "integer" || type === "number" || (Array.isArray(type) && type.some((one) => one === "string")) || (!type && !schema?.properties);
}

function looksLikeUrl(field: Field): boolean {
  const name = field.path[field.path.length - 1];
  return field.schema?.format === "uri" || field.schema?.format === "url" || /url|link|href|uri/i.test(name) || /url|link|uri/i.test(String(field.schema?.description ?? ""));
}

function pageSizeOf(parameter: ApiParameter | undefined): number {
  const schema = parameter?.schema ?? {};
  const fallback = Number(parameter?.example);
  for (const candidate of [schema.default, Number.isFinite(fallback) ? fallback : undefined, schema.maximum]) {
    const value = Number(candidate);
    if (Number.isInteger(value) && value > 0 && value <= 1000) return value;
  }
  return 100;
}

function startOf(parameter: ApiParameter): number {
  const schema = parameter.schema ?? {};
  const minimum = Number(schema.minimum);
  if (minimum === 0 || minimum === 1) return minimum;
  const first = Number(schema.default ?? parameter.example);
  return first === 0 ? 0 : 1;
}

export function detectPagination(operation: ApiOperation, responseSchema: JsonSchema | undefined): PaginationResult {
  const query = operation.parameters.filter((parameter) => parameter.in === "query");
  const find = (pattern: RegExp) => query.find((parameter) => pattern.test(parameter.name));
  const cursorParam = find(CURSOR_PARAM);
  const pageParam = find(PAGE_PARAM);
  const offsetParam = find(OFFSET_PARAM);
  const sizeParam = find(SIZE_PARAM);
  const fields = fieldsOf(responseSchema);
  const headers = operation.responseHeaders;

  if (headers.includes("link")) {
    return { pagination: { kind: "link_header" }, reason: 'pagination: Link header, because the response declares a "Link" header' };
  }
  if (cursorParam) {
    const named = cursorParam.name.toLowerCase().replace(/[-_]/g, "");
    const field =
      fields.find((one) => isScalar(one.schema) && one.path[one.path.length - 1].toLowerCase().replace(/[-_]/g, "") === named) ??
      fields.find((one) => isScalar(one.schema) && CURSOR_FIELD.test(one.path[one.path.length - 1]) && !looksLikeUrl(one));
    if (field) {
      const hasMore = fields.find((one) => one.schema?.type === "boolean" && /^(has_?more|has_?next|more)$/i.test(one.path[one.path.length - 1]));
      return {
        pagination: {
          kind: "cursor",
          cursorParam: cursorParam.name,
          cursorPath: field.path,
          sizeParam: sizeParam?.name,
          pageSize: sizeParam ? pageSizeOf(sizeParam) : undefined,
          ...(hasMore ? { hasMorePath: hasMore.path } : {}),
        },
        reason: `pagination: cursor, because the response has "${field.path.join(".")}" and the operation takes "${cursorParam.name}"${hasMore ? `; it stops when "${hasMore.path.join(".")}" is false` : ""}`,
      };
    }
    const header = headers.find((name) => name !== "link" && TOKEN_HEADER.test(name));
    if (header) {
      return {
        pagination: { kind: "header_token", header, tokenParam: cursorParam.name },
        reason: `pagination: token in the "${header}" response header, sent back as "${cursorParam.name}"`,
      };
    }
  }
  const nextUrl = fields.find((one) => NEXT_URL_FIELD.test(one.path[one.path.length - 1]) || (one.path.length > 1 && /^next$/i.test(one.path[one.path.length - 2]) && /^(href|url|link)$/i.test(one.path[one.path.length - 1])));
  if (nextUrl) {
    const href = propertiesOf(nextUrl.schema).href ? [...nextUrl.path, "href"] : nextUrl.path;
    if (isScalar(nextUrl.schema) || href !== nextUrl.path) {
      return { pagination: { kind: "next_url", nextPath: href }, reason: `pagination: next URL, because the response has "${href.join(".")}"` };
    }
  }
  const header = headers.find((name) => name !== "link" && TOKEN_HEADER.test(name));
  if (header) {
    return { pagination: { kind: "header_token", header }, reason: `pagination: next page named by the "${header}" response header` };
  }
  if (offsetParam) {
    const pageSize = pageSizeOf(sizeParam);
    return {
      pagination: { kind: "offset", offsetParam: offsetParam.name, limitParam: sizeParam?.name, pageSize },
      reason: `pagination: offset/limit, because the operation takes "${offsetParam.name}"${sizeParam ? ` and "${sizeParam.name}"` : ""} (page size ${pageSize})`,
    };
  }
  if (pageParam) {
    const pageSize = pageSizeOf(sizeParam);
    const startFrom = startOf(pageParam);
    return {
      pagination: { kind: "page", pageParam: pageParam.name, sizeParam: sizeParam?.name, pageSize, startFrom },
      reason: `pagination: page/size, because the operation takes "${pageParam.name}"${sizeParam ? ` and "${sizeParam.name}"` : ""} (pages from ${startFrom}, size ${pageSize})`,
    };
  }
  return { pagination: { kind: "none" }, reason: "pagination: none, because the operation takes no paging parameter and the response names no next page" };
}
