// The shapes every other part of Onramp uses to talk about connectors.
// A definition is Airbyte's connector-spec format plus a few fields of our own.

export type JsonSchema = Record<string, any>;
export type ConnectorKind = "source" | "destination";

/** How a definition's connection is tested. */
export type CheckKind = "postgres" | "mysql" | "http" | "sample" | "declarative" | "none";

/**
 * Where a declarative (Airbyte low-code) definition's manifest is. The manifest is read, resolved
 * and validated on first use (specs/declarative/manifest-cache.ts), not when the catalog loads.
 */
export interface DeclarativeManifestSource {
  /** Absolute path of the manifest file (read again lazily). */
  file?: string;
  /** The manifest as written, for one that never was a file (tests, generated connectors). */
  manifest?: Record<string, unknown>;
}

export interface HttpCheckSpec {
  /** URL template; `{{ config.base_url }}`-style placeholders are filled from the config. */
  url: string;
  method?: "GET" | "HEAD" | "POST";
}

export interface OAuthEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
  scopes?: string[];
}

/** Streams a definition lists: always the same, or chosen by the value at a config pointer. */
export type DefinitionStreams = string[] | { byValueAt: string; values: Record<string, string[]>; default?: string };

export interface Definition {
  id: string;
  name: string;
  kind: ConnectorKind;
  displayName: string;
  documentationUrl?: string;
  connectionSpecification: JsonSchema;
  advanced_auth?: Record<string, any>;
  oauth?: OAuthEndpoints;
  check?: CheckKind;
  /** For `check: "declarative"`: the Airbyte low-code manifest that runs the connector. */
  declarative?: DeclarativeManifestSource;
  /**
   * How `execute` reads this connector's records: a key of the reader registry
   * (specs/execute/readers.ts). Left out, the check kind is the key ("sample", "postgres",
   * "mysql"); a definition no reader serves cannot execute.
   */
  reader?: string;
  /** For `check: "http"`; when absent the HTTP check derives a URL from the config. */
  httpCheck?: HttpCheckSpec;
  /** An image URL (http/https or data:) for catalogs and lists. */
  icon?: string;
  /** Airbyte's support level from a registry ("certified", "community", "archived"); ours are "builtin". */
  supportLevel?: string;
  /** Airbyte's older release stage ("generally_available", "beta", "alpha"), when a registry gives one. */
  releaseStage?: string;
  /**
   * The streams a connector of this definition offers, where the definition lists them: a fixed
   * list, or one list per value of a config field (Sample Data's dataset). See streams.ts.
   */
  streams?: DefinitionStreams;
  /** Where the definition came from: "builtin", a folder path, "registry:<file or URL>" or "openapi:<file>". */
  origin: string;
  /** Faults found while loading and repaired (an upstream spec that needed mending). */
  repairs?: string[];
  /**
   * A generated connector (specs/import): its test calls every entity (one page each) after the
   * check, and the connector saves with the entities that passed.
   */
  entityTest?: boolean;
}

export interface QuestionOption {
  /** Index of the oneOf branch. */
  index: number;
  title: string;
  description?: string;
  /** The discriminator const of this branch (e.g. "OAuth Credentials"), when there is one. */
  value?: string | number | boolean;
}

/** One open question the walker asks about: a field, or a oneOf choice. */
export interface Question {
  /** JSON pointer into the config, e.g. "/credentials/access_token". */
  path: string;
  kind: "field" | "choice";
  title: string;
  description?: string;
  /** JSON type: "string" | "integer" | "number" | "boolean" | "array" | "object". */
  type: string;
  /** For arrays: the item type. */
  itemType?: string;
  /** For arrays: the pattern each item matches, where the spec gives one. */
  itemPattern?: string;
  enum?: Array<string | number | boolean>;
  options?: QuestionOption[];
  example?: unknown;
  /** Every example the spec gives (`example` is the first), for recognising values by their shape. */
  examples?: unknown[];
  default?: unknown;
  pattern?: string;
  pattern_descriptor?: string;
  format?: string;
  secret: boolean;
  required: boolean;
  multiline?: boolean;
  always_show?: boolean;
  group?: string;
  /** The title the spec's root `groups` gives `group` (e.g. "Advanced"), when it declares the group. */
  groupTitle?: string;
  order?: number;
  /** For a oneOf choice: the property that tells the options apart (e.g. "auth_type"). */
  discriminator?: string;
}

/** A validation error, Ajv's words kept raw until shown. */
export interface FieldError {
  /** JSON pointer of the field the error is about ("" for the whole config). */
  path: string;
  keyword: string;
  message: string;
  params?: Record<string, unknown>;
}

export type CheckReason =
  | "unreachable"
  | "dns"
  | "timeout"
  | "tls"
  | "auth_failed"
  | "permission_denied"
  | "not_found"
  | "invalid_config"
  | "rate_limited"
  /** The API answered, but with something the connector cannot read (not JSON, wrong shape). */
  | "unable_to_process_response"
  /** The connector needs a component Onramp cannot run (a Python class, an unknown type). */
  | "unsupported"
  | "unknown";

/** Why an entity of a generated connector was left out by its test (or, for `empty_response`, kept with a warning). */
export type EntityTestReason =
  | "insufficient_permission"
  | "api_call_failure"
  | "missing_setup_value"
  | "parent_endpoint_excluded"
  | "unable_to_process_response"
  | "empty_response";

export interface EntityTestResult {
  entity: string;
  /** passed and warning are kept; excluded ones are not saved with the connector. */
  status: "passed" | "warning" | "excluded";
  reason?: EntityTestReason;
  /** Plain words; never a secret. */
  message: string;
  /** Config fields (JSON pointers) to look at, for missing_setup_value. */
  fields?: string[];
}

export interface CheckResult {
  status: "succeeded" | "failed";
  reason?: CheckReason;
  /** Plain words, naming the likely cause. Never contains a secret. */
  message: string;
  /** JSON pointers of the fields most likely to fix a failure. */
  fields?: string[];
  /** For a definition with `entityTest`: every entity's own test, once the connection check passed. */
  entities?: EntityTestResult[];
}

export const SECRET_MASK = "**********";

/** Look-up over every known definition (built-in, folders, imports). Implemented by specs/catalog.ts. */
export interface CatalogLookup {
  list(kind?: ConnectorKind): Definition[];
  /** By definition id or by name ("source-postgres"). */
  get(idOrName: string): Definition | undefined;
  /** Fuzzy look-up by display name or name ("postgres", "Google sheets"), best first. */
  search(query: string, limit?: number): Array<{ definition: Definition; score: number }>;
  /** Adds (or replaces, by name) a definition, e.g. an OpenAPI import or a case's own folder. */
  add(definition: Definition): void;
}
