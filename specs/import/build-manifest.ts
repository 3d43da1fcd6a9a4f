// A reviewed draft → an Airbyte declarative manifest: one DeclarativeStream per selected entity
// (SimpleRetriever, DpathExtractor at the record path, the paginator of its kind, a
// SubstreamPartitionRouter over its parent), the authenticator(s), the spec, and a CheckStream on
// the simplest selected entity. Plain components only, so it runs on Onramp's runtime and, as
// it is, on Airbyte's.
import type { JsonSchema } from "../types.ts";
import { authFieldPath, authOptionValue, AUTH_SELECTOR, buildAdvancedAuth, buildSpec } from "./build-spec.ts";
import { snakeCase } from "./names.ts";
import { plainSchema } from "./schema-shape.ts";
import type { AuthGuess, EntityGuess, ImportDraft, PaginationGuess } from "./types.ts";

export const MANIFEST_VERSION = "6.4.0";
const PARTITION_FIELD = "parent_id";

function configRef(path: string[]): string {
  return `config${path.map((key) => `['${key}']`).join("")}`;
}

/**
 * A setting with a default reads `config.get(key, default)`: Airbyte fills defaults into the
 * config, a hand-made or chat-made config may leave an optional field out, and the manifest must
 * run either way.
 */
function settingRef(key: string, draft: ImportDraft): string {
  const field = draft.fields.find((one) => one.key === key);
  return field && field.default !== undefined ? `config.get('${key}', ${JSON.stringify(field.default)})` : configRef([key]);
}

function template(path: string[]): string {
  return `{{ ${configRef(path)} }}`;
}

/** `response.get('a', {}).get('b')`: a missing wrapper reads as nothing, never an error. */
function responseAt(path: string[]): string {
  return path.reduce((expression, key, index) => `${expression}.get('${key}'${index < path.length - 1 ? ", {}" : ""})`, "response");
}

function option(field: string): Record<string, unknown> {
  return { type: "RequestOption", inject_into: "request_parameter", field_name: field };
}

/** The base URL template, each setting in it read with its default. */
function urlBase(draft: ImportDraft): string {
  return draft.baseUrl.template.replace(/config\['([^']+)'\]/g, (_all, key: string) => settingRef(key, draft));
}

/** A relative token URL is relative to the API's base URL. */
function absoluteUrl(url: string | undefined, draft: ImportDraft): string | undefined {
  if (!url) return undefined;
  if (/^https?:\/\//i.test(url)) return url;
  return `${urlBase(draft).replace(/\/+$/, "")}/${url.replace(/^\/+/, "")}`;
}

function authenticatorOf(guess: AuthGuess, draft: ImportDraft): Record<string, unknown> {
  const at = (key: string) => template(authFieldPath(draft, key));
  switch (guess.kind) {
    case "api_key": {
      const inject = guess.inject!;
      const field = guess.fields[0].key;
      if (inject.in === "cookie") {
        return { type: "ApiKeyAuthenticator", api_token: `${inject.name}=${at(field)}`, inject_into: { type: "RequestOption", inject_into: "header", field_name: "Cookie" } };
      }
      return {
        type: "ApiKeyAuthenticator",
        api_token: at(field),
        inject_into: { type: "RequestOption", inject_into: inject.in === "query" ? "request_parameter" : "header", field_name: inject.name },
      };
    }
    case "bearer":
      return { type: "BearerAuthenticator", api_token: at(guess.fields[0].key) };
    case "basic":
      return { type: "BasicHttpAuthenticator", username: at("username"), password: at("password") };
    case "oauth2": {
      const oauth = guess.oauth!;
      const scopes = oauth.scopes.length ? { scopes: oauth.scopes } : {};
      const endpoint = absoluteUrl(oauth.refreshUrl ?? oauth.tokenUrl, draft);
      if (oauth.flow === "clientCredentials") {
        return { type: "OAuthAuthenticator", token_refresh_endpoint: endpoint, client_id: at("client_id"), client_secret: at("client_secret"), grant_type: "client_credentials", ...scopes };
      }
      return { type: "OAuthAuthenticator", token_refresh_endpoint: endpoint, client_id: at("client_id"), client_secret: at("client_secret"), refresh_token: at("refresh_token"), ...scopes };
    }
    default:
      return { type: "NoAuth" };
  }
}

function authenticator(draft: ImportDraft): Record<string, unknown> | undefined {
  if (draft.auth.length === 0) return undefined;
  if (draft.auth.length === 1) return authenticatorOf(draft.auth[0], draft);
  return {
    type: "SelectiveAuthenticator",
    authenticator_selection_path: ["credentials", AUTH_SELECTOR],
    authenticators: Object.fromEntries(draft.auth.map((guess) => [authOptionValue(guess), authenticatorOf(guess, draft)])),
  };
}

export function paginatorOf(pagination: PaginationGuess): Record<string, unknown> {
  switch (pagination.kind) {
    case "page":
      return {
        type: "DefaultPaginator",
        pagination_strategy: { type: "PageIncrement", start_from_page: pagination.startFrom, inject_on_first_request: true, ...(pagination.sizeParam ? { page_size: pagination.pageSize } : {}) },
        page_token_option: option(pagination.pageParam),
        ...(pagination.sizeParam ? { page_size_option: option(pagination.sizeParam) } : {}),
      };
    case "offset":
      return {
        type: "DefaultPaginator",
        pagination_strategy: { type: "OffsetIncrement", ...(pagination.limitParam ? { page_size: pagination.pageSize } : {}) },
        page_token_option: option(pagination.offsetParam),
        ...(pagination.limitParam ? { page_size_option: option(pagination.limitParam) } : {}),
      };
    case "cursor": {
      const value = responseAt(pagination.cursorPath);
      return {
        type: "DefaultPaginator",
        pagination_strategy: { type: "CursorPagination", cursor_value: `{{ ${value} }}`, stop_condition: `{{ not ${pagination.hasMorePath ? responseAt(pagination.hasMorePath) : value} }}`, ...(pagination.sizeParam && pagination.pageSize ? { page_size: pagination.pageSize } : {}) },
        page_token_option: option(pagination.cursorParam),
        ...(pagination.sizeParam && pagination.pageSize ? { page_size_option: option(pagination.sizeParam) } : {}),
      };
    }
    case "next_url": {
      const value = responseAt(pagination.nextPath);
      return {
        type: "DefaultPaginator",
        pagination_strategy: { type: "CursorPagination", cursor_value: `{{ ${value} }}`, stop_condition: `{{ not ${value} }}` },
        page_token_option: { type: "RequestPath" },
      };
    }
    case "link_header":
      return {
        type: "DefaultPaginator",
        pagination_strategy: { type: "CursorPagination", cursor_value: "{{ headers['link']['next']['url'] }}", stop_condition: "{{ 'next' not in headers['link'] }}" },
        page_token_option: { type: "RequestPath" },
      };
    case "header_token": {
      const value = `headers.get('${pagination.header}')`;
      return {
        type: "DefaultPaginator",
        pagination_strategy: { type: "CursorPagination", cursor_value: `{{ ${value} }}`, stop_condition: `{{ not ${value} }}` },
        page_token_option: pagination.tokenParam ? option(pagination.tokenParam) : { type: "RequestPath" },
      };
    }
    default:
      return { type: "NoPagination" };
  }
}

/**
 * Where a path variable's value comes from: the parent record's field (`stream_partition.parent_id`),
 * an ancestor's (one `parent_slice` further up per level), or a config field.
 */
function variableSource(entity: EntityGuess, variable: string, byId: Map<string, EntityGuess>, draft: ImportDraft, partition = "stream_partition", depth = 0): string {
  const parent = entity.parent ? byId.get(entity.parent.entityId) : undefined;
  if (parent && variable === entity.parent!.pathVariable) return `${partition}.${PARTITION_FIELD}`;
  if (parent && depth < 4 && parent.path.includes(`{${variable}}`)) return variableSource(parent, variable, byId, draft, `${partition}.parent_slice`, depth + 1);
  return settingRef(entity.pathFields.find((one) => one.variable === variable)?.field ?? (snakeCase(variable) || variable), draft);
}

function streamOf(entity: EntityGuess, draft: ImportDraft, byId: Map<string, EntityGuess>, depth = 0): Record<string, unknown> {
  const parent = entity.parent ? byId.get(entity.parent.entityId) : undefined;
  const path = entity.path.replace(/^\/+/, "").replace(/\{([^}]+)\}/g, (_all, name: string) => `{{ ${variableSource(entity, name, byId, draft)} }}`);
  const requestParameters: Record<string, string> = {};
  for (const query of entity.queryFields) requestParameters[query.param] = query.field ? `{{ ${settingRef(query.field, draft)} }}` : String(query.value ?? "");
  const requestHeaders: Record<string, string> = {};
  for (const header of entity.headerFields) requestHeaders[header.header] = `{{ ${settingRef(header.field, draft)} }}`;
  // Keys sent alongside the first (one requirement holding key + secret) ride on every request.
  if (draft.auth.length === 1) {
    for (const extra of draft.auth[0].alongside ?? []) {
      const value = template(authFieldPath(draft, extra.fields[0].key));
      if (extra.inject?.in === "query") requestParameters[extra.inject.name] = value;
      else if (extra.inject) requestHeaders[extra.inject.name] = value;
    }
  }
  const auth = authenticator(draft);
  const requester: Record<string, unknown> = {
    type: "HttpRequester",
    url_base: urlBase(draft),
    path,
    http_method: "GET",
    ...(auth ? { authenticator: auth } : {}),
    ...(Object.keys(requestParameters).length ? { request_parameters: requestParameters } : {}),
    ...(Object.keys(requestHeaders).length ? { request_headers: requestHeaders } : {}),
  };
  const retriever: Record<string, unknown> = {
    type: "SimpleRetriever",
    requester,
    record_selector: { type: "RecordSelector", extractor: { type: "DpathExtractor", field_path: entity.recordPath } },
    paginator: paginatorOf(entity.pagination),
  };
  if (parent && depth < 4) {
    retriever.partition_router = {
      type: "SubstreamPartitionRouter",
      parent_stream_configs: [{ type: "ParentStreamConfig", parent_key: entity.parent!.parentField, partition_field: PARTITION_FIELD, stream: streamOf(parent, draft, byId, depth + 1) }],
    };
  }
  const schema: JsonSchema = { $schema: "http://json-schema.org/draft-07/schema#", ...plainSchema(entity.recordSchema), type: "object", additionalProperties: true };
  return {
    type: "DeclarativeStream",
    name: entity.name,
    primary_key: entity.primaryKey,
    retriever,
    schema_loader: { type: "InlineSchemaLoader", schema },
  };
}

/** The simplest selected entity: no parent, no setting of its own, fewest path variables, shortest path. */
export function simplestEntity(entities: EntityGuess[]): EntityGuess | undefined {
  const weight = (entity: EntityGuess) =>
    (entity.parent ? 1000 : 0) + (entity.queryFields.length + entity.headerFields.length) * 100 + (entity.path.match(/\{/g)?.length ?? 0) * 10 + entity.path.length / 1000;
  return [...entities].sort((a, b) => weight(a) - weight(b))[0];
}

export function buildManifest(draft: ImportDraft): Record<string, unknown> {
  const byId = new Map(draft.entities.map((entity) => [entity.id, entity]));
  const selected = draft.entities.filter((entity) => entity.selected);
  const check = simplestEntity(selected);
  const advancedAuth = buildAdvancedAuth(draft);
  return {
    version: MANIFEST_VERSION,
    type: "DeclarativeSource",
    description: `Generated by Onramp from the ${draft.format} description "${draft.title}".`,
    check: { type: "CheckStream", stream_names: check ? [check.name] : [] },
    streams: selected.map((entity) => streamOf(entity, draft, byId)),
    spec: { type: "Spec", connection_specification: buildSpec(draft), ...(advancedAuth ? { advanced_auth: advancedAuth } : {}) },
  };
}
