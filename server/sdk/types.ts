// The shapes the management API answers with (see docs of the REST API in shared DESIGN.md).

export interface DefinitionSummary {
  id: string;
  name: string;
  displayName: string;
  kind: "source" | "destination";
  documentationUrl: string | null;
  icon: string | null;
  sourceDefinitionId?: string;
  destinationDefinitionId?: string;
}

export interface WorkspaceInfo {
  id: string;
  name: string;
  organization_id: string;
  created_at: string;
}

export interface SummarizedSourceTemplate {
  id: string;
  name: string;
  actor_definition_id: string;
  icon: string | null;
  mode: "template" | "definition";
}

export interface ConnectorSummary {
  id: string;
  name: string;
  summarized_source_template: SummarizedSourceTemplate;
  created_at: string;
  updated_at: string;
}

export interface Connector extends ConnectorSummary {
  workspace_id: string;
  definition_id: string;
  connector_type: string | null;
  kind: "source" | "destination";
  source_template_id: string | null;
  /** Secrets come back as the mask "**********"; sending the mask back keeps them. */
  configuration: Record<string, unknown>;
  credentials?: Record<string, unknown>;
  replication_config?: Record<string, unknown>;
  /** Whether execute can read records from this connector. */
  executable?: boolean;
  /** Its entities where they are known without a live call; null for a database (listEntities()). */
  entities?: Entity[] | null;
}

/** Something a connector can list records of: a stream, a table, a view. */
export interface Entity {
  /** What execute takes as `entity`: "users", "public.orders" (Postgres), "orders" (MySQL). */
  name: string;
  kind?: string;
  primary_key?: string[];
  /** The actions execute accepts on it ("list"). */
  actions: string[];
}

export interface ExecuteParams {
  /** How many records at most; capped at 1000 by the server (next_cursor then continues). */
  limit?: number;
  /** The next_cursor of the previous page; leave out to start from the beginning. */
  cursor?: string | null;
}

/** One page of records; next_cursor is null when there is nothing more. */
export interface ExecuteResult<T = Record<string, unknown>> {
  data: T[];
  next_cursor: string | null;
}

/** Runs operations on one saved connector (what connect() and getConnector() return). */
export interface ConnectorExecutor {
  /** One operation on an entity: `execute("users", "list", { limit: 10 })`. */
  execute<T = Record<string, unknown>>(entity: string, action: "list" | (string & {}), params?: ExecuteParams): Promise<ExecuteResult<T>>;
  /** Every entity, listed live (a database's tables the user may read). */
  listEntities(): Promise<Entity[]>;
}

/** A saved connector's fields, plus execute() and listEntities() (not enumerable: JSON shows the data only). */
export type ExecutableConnector = Connector & ConnectorExecutor;

/** Exactly one of definitionId, connectorType or sourceTemplateId. */
export interface CreateConnectorInput {
  name?: string;
  definitionId?: string;
  connectorType?: string;
  sourceTemplateId?: string;
  configuration?: Record<string, unknown>;
  credentials?: Record<string, unknown>;
  replicationConfig?: Record<string, unknown>;
}

export interface UpdateConnectorInput {
  name?: string;
  configuration?: Record<string, unknown>;
  credentials?: Record<string, unknown>;
  replicationConfig?: Record<string, unknown>;
}

export interface CheckOutcome {
  status: "succeeded" | "failed";
  reason?: string;
  message: string;
  fields?: string[];
  saved: boolean;
  connector?: Connector;
}

export interface Job {
  id: string;
  kind: string;
  status: "pending" | "running" | "succeeded" | "failed";
  target_id: string;
  workspace_id: string;
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface SetupSession {
  sessionId: string;
  sessionToken: string;
  expiresAt: string;
}

/** One of definitionId / connectorType (a new connector) or connectorId (modify one). */
export interface CreateSetupSessionInput {
  definitionId?: string;
  connectorType?: string;
  connectorId?: string;
  allowedOrigin?: string;
}
