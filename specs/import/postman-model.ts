// Postman collections (2.0 and 2.1) → the neutral ApiModel, read through Postman's own
// `postman-collection` library: it walks folders, resolves the auth a request inherits from its
// folder or collection (`item.getAuth()`), and reads both auth layouts (2.0's object, 2.1's
// key/value list) and URL forms into one shape. A collection has no schemas, so a list is
// recognised from a saved example response when there is one.
import postman, { type Item } from "postman-collection";
import { ImportError } from "./import-error.ts";
import { schemaFromExample } from "./schema-shape.ts";
import type { ApiModel, ApiOperation, ApiParameter, ApiSecurityScheme, DescriptionFormat } from "./types.ts";

const VARIABLE = /^\{\{\s*([^}]+?)\s*\}\}$/;
const SKIPPED_HEADERS = new Set(["accept", "content-type", "user-agent", "cache-control", "idempotency-key", ""]);

/** `:id`, `{{id}}`, `<id>` → `{id}`. */
function pathSegment(segment: string): string {
  const colon = /^:(.+)$/.exec(segment);
  if (colon) return `{${colon[1]}}`;
  const braces = VARIABLE.exec(segment);
  if (braces) return `{${braces[1]}}`;
  const angle = /^<(.+)>$/.exec(segment);
  if (angle) return `{${angle[1]}}`;
  return segment;
}

function variableName(value: string | undefined): string | undefined {
  return value ? VARIABLE.exec(value.trim())?.[1] : undefined;
}

function schemeFor(auth: ReturnType<Item["getAuth"]>): ApiSecurityScheme | undefined {
  if (!auth || !auth.type || auth.type === "noauth") return undefined;
  const parameters = (auth.parameters()?.toObject() ?? {}) as Record<string, any>;
  switch (auth.type) {
    case "apikey": {
      const name = String(parameters.key || "X-API-Key");
      const location = parameters.in === "query" ? "query" : "header";
      return { key: `apikey:${location}:${name}`, type: "apiKey", in: location, name };
    }
    case "bearer":
      return { key: "bearer", type: "http", scheme: "bearer" };
    case "basic":
      return { key: "basic", type: "http", scheme: "basic" };
    case "oauth2": {
      const grant = String(parameters.grant_type ?? "");
      const flow = grant === "client_credentials" ? "clientCredentials" : grant === "password_credentials" ? "password" : grant === "implicit" ? "implicit" : grant ? "authorizationCode" : undefined;
      const scopes = typeof parameters.scope === "string" ? parameters.scope.split(/[\s,]+/).filter(Boolean) : [];
      const urls = { authorizationUrl: parameters.authUrl || undefined, tokenUrl: parameters.accessTokenUrl || undefined, scopes };
      return { key: "oauth2", type: "oauth2", flows: flow ? { [flow]: urls } : {} };
    }
    default:
      return undefined;
  }
}

function exampleBody(item: Item): unknown {
  let found: unknown;
  item.responses.each((response) => {
    if (found !== undefined || !response.code || response.code < 200 || response.code >= 300) return;
    try {
      found = JSON.parse(response.text() ?? "");
    } catch {
      // A saved response that is not JSON says nothing about records.
    }
  });
  return found;
}

function responseHeaders(item: Item): string[] {
  const names = new Set<string>();
  item.responses.each((response) => response.headers.each((header) => void names.add(String(header.key).toLowerCase())));
  return [...names];
}

export function postmanModel(document: Record<string, any>, format: DescriptionFormat): ApiModel {
  let collection: postman.Collection;
  try {
    collection = new postman.Collection(document as any);
  } catch (error) {
    throw new ImportError("unreadable_document", `The Postman collection could not be read: ${(error as Error).message}`);
  }
  const variables = collection.variables.toObject() as Record<string, unknown>;
  const schemes = new Map<string, ApiSecurityScheme>();
  const hosts = new Map<string, number>();
  const drafts: Array<{ host: string; operation: ApiOperation }> = [];
  const warnings: string[] = [];
  collection.forEachItem((item) => {
    const request = item.request;
    if (!request?.url) return;
    const url = request.url;
    const rawHost = url.getHost() ?? "";
    const hostVariable = variableName(rawHost);
    const hostValue = hostVariable ? String(variables[hostVariable] ?? `{{${hostVariable}}}`) : `${url.protocol ?? "https"}://${rawHost}${url.port ? `:${url.port}` : ""}`;
    const path = "/" + (url.path ?? []).map((segment) => pathSegment(String(segment))).join("/");
    const parameters: ApiParameter[] = [];
    for (const variable of path.matchAll(/\{([^}]+)\}/g)) parameters.push({ name: variable[1], in: "path", required: true });
    url.query.each((query) => {
      if (!query.key) return;
      const value = query.value ?? undefined;
      parameters.push({ name: query.key, in: "query", required: !query.disabled, example: variableName(value ?? undefined) ? undefined : value });
    });
    const security: string[][] = [];
    const scheme = schemeFor(item.getAuth());
    if (scheme) {
      schemes.set(scheme.key, scheme);
      security.push([scheme.key]);
    }
    request.headers.each((header) => {
      const name = String(header.key ?? "");
      if (header.disabled || SKIPPED_HEADERS.has(name.toLowerCase())) return;
      const value = String(header.value ?? "");
      if (/^authorization$/i.test(name) && /^bearer\s/i.test(value)) {
        const implied: ApiSecurityScheme = { key: "bearer", type: "http", scheme: "bearer", implied: `requests send an "Authorization: Bearer …" header` };
        if (!schemes.has("bearer")) schemes.set("bearer", implied);
        if (!security.some((requirement) => requirement.includes("bearer"))) security.push(["bearer"]);
        return;
      }
      parameters.push({ name, in: "header", required: true, example: variableName(value) ? undefined : value || undefined });
    });
    const example = request.method === "GET" ? exampleBody(item) : undefined;
    hosts.set(hostValue, (hosts.get(hostValue) ?? 0) + (request.method === "GET" ? 2 : 1));
    drafts.push({
      host: hostValue,
      operation: {
        method: String(request.method ?? "GET").toUpperCase(),
        path,
        summary: item.name,
        parameters,
        response: example === undefined ? undefined : schemaFromExample(example),
        example,
        responseHeaders: responseHeaders(item),
        security,
      },
    });
  });
  // A collection may call several hosts (an identity server beside the API): the API is the one
  // most requests (GETs counting double) go to.
  const main = [...hosts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const operations = drafts.filter((draft) => draft.host === main).map((draft) => draft.operation);
  const skipped = drafts.length - operations.length;
  if (skipped) warnings.push(`${skipped} request(s) to other hosts than ${main} were left out`);
  const info = document.info ?? {};
  return {
    format,
    title: String(info.name ?? "Imported collection"),
    description: typeof info.description === "string" ? info.description : undefined,
    servers: main && !main.includes("{{") ? [{ url: main.replace(/\/+$/, ""), variables: {} }] : [],
    schemes: [...schemes.values()],
    operations,
    warnings,
  };
}
