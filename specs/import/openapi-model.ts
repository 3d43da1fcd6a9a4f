// OpenAPI 3.x and Swagger 2.0 → the neutral ApiModel. @apidevtools/swagger-parser dereferences
// (local references only: an imported document never makes us fetch another URL); both versions
// are then read as they are rather than converted, since Swagger 2's few differences (host +
// basePath, `securityDefinitions`, parameter types inline, `schema` straight on a response) are
// cheaper to read than another conversion library.
import SwaggerParser from "@apidevtools/swagger-parser";
import type { JsonSchema } from "../types.ts";
import { ImportError } from "./import-error.ts";
import { isObject } from "./schema-shape.ts";
import type { ApiModel, ApiOAuthFlow, ApiOperation, ApiParameter, ApiSecurityScheme, ApiServer, DescriptionFormat } from "./types.ts";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

async function dereference(document: Record<string, any>): Promise<Record<string, any>> {
  try {
    return (await (SwaggerParser.dereference as (api: unknown, options: unknown) => Promise<unknown>)(structuredClone(document), {
      resolve: { external: false, file: false, http: false },
      dereference: { circular: true },
      validate: { schema: false, spec: false },
    })) as Record<string, any>;
  } catch (error) {
    throw new ImportError("unreadable_document", `The description's references could not be resolved: ${(error as Error).message}`);
  }
}

function jsonContent(content: unknown): { schema?: JsonSchema; example?: unknown } | undefined {
  if (!isObject(content)) return undefined;
  const types = Object.keys(content);
  const key = types.find((type) => /json/i.test(type)) ?? types.find((type) => type === "*/*") ?? types[0];
  if (!key) return undefined;
  const media = content[key];
  if (!isObject(media)) return undefined;
  const example = media.example ?? (isObject(media.examples) ? Object.values(media.examples).find(isObject)?.value : undefined);
  return { schema: isObject(media.schema) ? media.schema : undefined, example };
}

function successResponse(responses: unknown): Record<string, any> | undefined {
  if (!isObject(responses)) return undefined;
  const code = Object.keys(responses).sort().find((status) => /^2(\d\d|XX)$/i.test(status));
  const chosen = code ? responses[code] : responses.default;
  return isObject(chosen) ? chosen : undefined;
}

function parameterOf(raw: unknown, swagger2: boolean): ApiParameter | undefined {
  if (!isObject(raw) || typeof raw.name !== "string") return undefined;
  if (!["query", "header", "path", "cookie"].includes(raw.in)) return undefined;
  const schema: JsonSchema | undefined = swagger2
    ? Object.fromEntries(Object.entries(raw).filter(([key]) => ["type", "format", "enum", "default", "minimum", "maximum", "items"].includes(key)))
    : isObject(raw.schema)
      ? raw.schema
      : undefined;
  return {
    name: raw.name,
    in: raw.in,
    required: raw.required === true || raw.in === "path",
    schema,
    description: typeof raw.description === "string" ? raw.description : undefined,
    example: raw.example ?? raw["x-example"] ?? schema?.default ?? schema?.example,
  };
}

function mergeParameters(pathLevel: unknown, operationLevel: unknown, swagger2: boolean): ApiParameter[] {
  const byKey = new Map<string, ApiParameter>();
  for (const raw of [...(Array.isArray(pathLevel) ? pathLevel : []), ...(Array.isArray(operationLevel) ? operationLevel : [])]) {
    const parameter = parameterOf(raw, swagger2);
    if (parameter) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
  }
  return [...byKey.values()];
}

function securityOf(raw: unknown): string[][] | undefined {
  if (!Array.isArray(raw)) return undefined;
  return raw.filter(isObject).map((requirement) => Object.keys(requirement));
}

function requiredScopes(raw: unknown): Record<string, string[]> | undefined {
  if (!Array.isArray(raw)) return undefined;
  const scopes: Record<string, string[]> = {};
  for (const requirement of raw.filter(isObject)) {
    for (const [key, names] of Object.entries(requirement)) if (Array.isArray(names)) scopes[key] = [...(scopes[key] ?? []), ...names.map(String)];
  }
  return scopes;
}

function scopesOf(raw: unknown): string[] {
  return isObject(raw) ? Object.keys(raw) : [];
}

function flowOf(raw: Record<string, any>): ApiOAuthFlow {
  return {
    authorizationUrl: typeof raw.authorizationUrl === "string" ? raw.authorizationUrl : undefined,
    tokenUrl: typeof raw.tokenUrl === "string" ? raw.tokenUrl : undefined,
    refreshUrl: typeof raw.refreshUrl === "string" ? raw.refreshUrl : undefined,
    scopes: scopesOf(raw.scopes),
  };
}

const SWAGGER2_FLOWS: Record<string, "implicit" | "password" | "clientCredentials" | "authorizationCode"> = {
  implicit: "implicit",
  password: "password",
  application: "clientCredentials",
  accessCode: "authorizationCode",
};

function schemeOf(key: string, raw: unknown, swagger2: boolean): ApiSecurityScheme | undefined {
  if (!isObject(raw)) return undefined;
  const description = typeof raw.description === "string" ? raw.description : undefined;
  if (raw.type === "apiKey") {
    const location = ["header", "query", "cookie"].includes(raw.in) ? raw.in : "header";
    return { key, type: "apiKey", in: location, name: String(raw.name ?? key), description };
  }
  if (raw.type === "basic") return { key, type: "http", scheme: "basic", description };
  if (raw.type === "http") return { key, type: "http", scheme: String(raw.scheme ?? "bearer").toLowerCase(), bearerFormat: raw.bearerFormat, description };
  if (raw.type === "oauth2") {
    const flows: ApiSecurityScheme["flows"] = {};
    if (swagger2) {
      const flow = SWAGGER2_FLOWS[raw.flow];
      if (flow) flows[flow] = { ...flowOf(raw), scopes: scopesOf(raw.scopes) };
    } else if (isObject(raw.flows)) {
      for (const name of ["authorizationCode", "clientCredentials", "implicit", "password"] as const) {
        if (isObject(raw.flows[name])) flows[name] = flowOf(raw.flows[name]);
      }
    }
    return { key, type: "oauth2", flows, description };
  }
  if (raw.type === "openIdConnect") return { key, type: "openIdConnect", description };
  if (raw.type === "mutualTLS") return { key, type: "mutualTLS", description };
  return undefined;
}

function serversOf(document: Record<string, any>, swagger2: boolean, sourceUrl?: string): ApiServer[] {
  if (swagger2) {
    const scheme = Array.isArray(document.schemes) && document.schemes.length ? (document.schemes.includes("https") ? "https" : document.schemes[0]) : "https";
    const basePath = typeof document.basePath === "string" ? document.basePath : "";
    if (typeof document.host === "string" && document.host) return [{ url: `${scheme}://${document.host}${basePath}`, variables: {} }];
    return [{ url: resolveAgainst(basePath || "/", sourceUrl), variables: {} }];
  }
  const servers: ApiServer[] = [];
  for (const raw of Array.isArray(document.servers) ? document.servers : []) {
    if (!isObject(raw) || typeof raw.url !== "string") continue;
    const variables: ApiServer["variables"] = {};
    for (const [name, variable] of Object.entries(isObject(raw.variables) ? raw.variables : {})) {
      if (!isObject(variable)) continue;
      variables[name] = {
        default: variable.default === undefined ? undefined : String(variable.default),
        enum: Array.isArray(variable.enum) ? variable.enum.map(String) : undefined,
        description: typeof variable.description === "string" ? variable.description : undefined,
      };
    }
    servers.push({ url: resolveAgainst(raw.url, sourceUrl), variables });
  }
  return servers;
}

/** A relative server URL is relative to where the document came from, when that is known. */
function resolveAgainst(url: string, sourceUrl?: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || !sourceUrl) return url;
  try {
    return new URL(url, sourceUrl).toString().replace(/\/$/, "");
  } catch {
    return url;
  }
}

export async function openApiModel(document: Record<string, any>, format: DescriptionFormat, options: { sourceUrl?: string } = {}): Promise<ApiModel> {
  const swagger2 = format === "swagger-2.0";
  const resolved = await dereference(document);
  const definitions = swagger2 ? resolved.securityDefinitions : resolved.components?.securitySchemes;
  const schemes = Object.entries(isObject(definitions) ? definitions : {})
    .map(([key, raw]) => schemeOf(key, raw, swagger2))
    .filter((scheme): scheme is ApiSecurityScheme => scheme !== undefined);
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(isObject(resolved.paths) ? resolved.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isObject(operation)) continue;
      const response = successResponse(operation.responses);
      const content = swagger2
        ? { schema: isObject(response?.schema) ? response.schema : undefined, example: isObject(response?.examples) ? Object.values(response.examples)[0] : undefined }
        : jsonContent(response?.content);
      operations.push({
        method: method.toUpperCase(),
        path,
        summary: typeof operation.summary === "string" ? operation.summary : undefined,
        operationId: typeof operation.operationId === "string" ? operation.operationId : undefined,
        parameters: mergeParameters(item.parameters, operation.parameters, swagger2),
        response: content?.schema,
        example: content?.example,
        responseHeaders: Object.keys(isObject(response?.headers) ? response.headers : {}).map((name) => name.toLowerCase()),
        security: securityOf(operation.security),
        scopes: requiredScopes(operation.security ?? resolved.security),
      });
    }
  }
  return {
    format,
    title: String(resolved.info?.title ?? "Imported API"),
    description: typeof resolved.info?.description === "string" ? resolved.info.description : undefined,
    servers: serversOf(resolved, swagger2, options.sourceUrl),
    schemes,
    security: securityOf(resolved.security),
    operations,
    warnings: [],
  };
}
