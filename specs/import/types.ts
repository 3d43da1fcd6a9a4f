// The shapes of an import: a description read into one neutral model (OpenAPI 3, Swagger 2 and
// Postman alike), the draft a person reviews, and the edits they may make.
import type { JsonSchema } from "../types.ts";

export type DescriptionFormat = "openapi-3.0" | "openapi-3.1" | "swagger-2.0" | "postman-2.0" | "postman-2.1";

export interface ApiParameter {
  name: string;
  in: "query" | "header" | "path" | "cookie";
  required: boolean;
  schema?: JsonSchema;
  description?: string;
  /** An example or default value the description gives. */
  example?: unknown;
}

export interface ApiOperation {
  method: string;
  /** Path with `{name}` variables, relative to the server URL. */
  path: string;
  summary?: string;
  operationId?: string;
  parameters: ApiParameter[];
  /** The JSON schema of the first 2xx response, when one is declared. */
  response?: JsonSchema;
  /** A saved or declared example of the 2xx body, when there is one. */
  example?: unknown;
  /** Header names of the 2xx response (lower case). */
  responseHeaders: string[];
  /** Security requirements (scheme keys; one inner list = schemes sent together); undefined = the document's. */
  security?: string[][];
  /** OAuth scopes the operation's requirements name, by scheme key. */
  scopes?: Record<string, string[]>;
}

export interface ApiServer {
  url: string;
  variables: Record<string, { default?: string; enum?: string[]; description?: string }>;
}

export interface ApiOAuthFlow {
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  scopes: string[];
}

export interface ApiSecurityScheme {
  key: string;
  type: "apiKey" | "http" | "oauth2" | "openIdConnect" | "mutualTLS";
  in?: "header" | "query" | "cookie";
  /** Header, query or cookie name of an apiKey. */
  name?: string;
  /** For http: "basic", "bearer", ... */
  scheme?: string;
  bearerFormat?: string;
  flows?: Partial<Record<"authorizationCode" | "clientCredentials" | "implicit" | "password", ApiOAuthFlow>>;
  description?: string;
  /** Why the scheme is believed when the document does not declare it (implied by parameters). */
  implied?: string;
}

export interface ApiModel {
  format: DescriptionFormat;
  title: string;
  description?: string;
  servers: ApiServer[];
  schemes: ApiSecurityScheme[];
  security?: string[][];
  operations: ApiOperation[];
  /** Faults met while reading, kept so a person can see them (lenient YAML, skipped items). */
  warnings: string[];
}

export type PaginationGuess =
  | { kind: "none" }
  | { kind: "page"; pageParam: string; sizeParam?: string; pageSize: number; startFrom: number }
  | { kind: "offset"; offsetParam: string; limitParam?: string; pageSize: number }
  | { kind: "cursor"; cursorParam: string; cursorPath: string[]; sizeParam?: string; pageSize?: number; hasMorePath?: string[] }
  | { kind: "next_url"; nextPath: string[] }
  | { kind: "link_header" }
  | { kind: "header_token"; header: string; tokenParam?: string };

export type PaginationKind = PaginationGuess["kind"];

export interface ConfigFieldGuess {
  /** Key in the connector's config. */
  key: string;
  title: string;
  description?: string;
  type: "string" | "integer" | "number" | "boolean";
  required: boolean;
  secret: boolean;
  default?: unknown;
  enum?: unknown[];
  /** Why the field exists. */
  reason: string;
}

export interface AuthGuess {
  /** Stable key (the scheme's key in the document). */
  key: string;
  kind: "api_key" | "bearer" | "basic" | "oauth2" | "none";
  title: string;
  /** For api_key: where it goes and under what name. */
  inject?: { in: "header" | "query" | "cookie"; name: string; prefix?: string };
  /** For oauth2: the flow chosen and every flow declared. */
  oauth?: { flow: string; authorizationUrl?: string; tokenUrl?: string; refreshUrl?: string; scopes: string[]; flows: string[] };
  /** Further schemes sent with this one (one requirement holding several apiKeys). */
  alongside?: AuthGuess[];
  fields: ConfigFieldGuess[];
  reason: string;
}

export interface EntityGuess {
  /** Stable id (method + path) the review edits refer to. */
  id: string;
  /** Table name (editable). */
  name: string;
  path: string;
  selected: boolean;
  primaryKey: string[];
  recordPath: string[];
  pagination: PaginationGuess;
  /** For a substream: the parent entity's id, and which path variable takes which parent field. */
  parent?: { entityId: string; pathVariable: string; parentField: string };
  /** Path variables filled from config fields (those no parent fills). */
  pathFields: Array<{ variable: string; field: string }>;
  /** Query parameters sent on every request: fixed values or config fields. */
  queryFields: Array<{ param: string; field?: string; value?: string }>;
  /** Header parameters sent on every request, from config fields. */
  headerFields: Array<{ header: string; field: string }>;
  /** The record schema, when the description declares one (kept in the manifest). */
  recordSchema?: JsonSchema;
  /** One reason per guess: entity, name, primaryKey, recordPath, pagination, parent. */
  reasons: Record<string, string>;
}

export interface ImportDraft {
  id: string;
  format: DescriptionFormat;
  title: string;
  /** Name of the connector definition to publish (`source-<slug>`). */
  name: string;
  baseUrl: { template: string; reason: string };
  /** Config fields besides auth (base URL, server variables, required parameters). */
  fields: ConfigFieldGuess[];
  auth: AuthGuess[];
  entities: EntityGuess[];
  warnings: string[];
}

/** What a person may change before publishing. */
export interface DraftEdit {
  name?: string;
  entities?: Array<{
    id: string;
    selected?: boolean;
    name?: string;
    recordPath?: string[];
    primaryKey?: string[];
    pagination?: PaginationGuess;
  }>;
}
