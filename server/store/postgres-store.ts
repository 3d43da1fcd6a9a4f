// The Store on PostgreSQL (DATABASE_URL): one row per record, the record as JSONB plus the
// columns queries filter on. No in-process cache, so any number of replicas share it.
import pg from "pg";
import type {
  ApiTokenRecord,
  ConnectionRecord,
  ConnectorRecord,
  ImportRecord,
  JobRecord,
  OAuthClientRecord,
  OAuthStateRecord,
  SessionRecord,
  SourceTemplateRecord,
  Store,
  Workspace,
} from "./types.ts";

export interface PostgresStoreOptions {
  connectionString: string;
  /** Schema holding the tables (created when missing); tests use a unique one per run. */
  schema?: string;
  pool?: pg.Pool;
}

export function quoteIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`Not a valid schema name: ${name}`);
  return `"${name}"`;
}

const TABLES = (s: string) => `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.workspaces (id text PRIMARY KEY, organization_id text NOT NULL, name text NOT NULL, data jsonb NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS workspaces_org_name ON ${s}.workspaces (organization_id, name);
CREATE TABLE IF NOT EXISTS ${s}.tokens (id text PRIMARY KEY, hash text NOT NULL UNIQUE, data jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.connectors (id text PRIMARY KEY, workspace_id text NOT NULL, definition_id text NOT NULL, created_at text NOT NULL, data jsonb NOT NULL);
CREATE INDEX IF NOT EXISTS connectors_workspace ON ${s}.connectors (workspace_id, definition_id);
CREATE TABLE IF NOT EXISTS ${s}.connections (id text PRIMARY KEY, workspace_id text NOT NULL, source_id text NOT NULL, destination_id text NOT NULL, created_at text NOT NULL, data jsonb NOT NULL);
CREATE INDEX IF NOT EXISTS connections_workspace ON ${s}.connections (workspace_id);
CREATE TABLE IF NOT EXISTS ${s}.templates (id text PRIMARY KEY, organization_id text NOT NULL, created_at text NOT NULL, data jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.imports (id text PRIMARY KEY, workspace_id text NOT NULL, created_at text NOT NULL, data jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.jobs (id text PRIMARY KEY, data jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.sessions (id text PRIMARY KEY, data jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.checkpoints (thread_id text PRIMARY KEY, data jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.oauth_states (state text PRIMARY KEY, data jsonb NOT NULL);
CREATE INDEX IF NOT EXISTS oauth_states_session ON ${s}.oauth_states ((data->>'sessionId'));
CREATE TABLE IF NOT EXISTS ${s}.oauth_clients (id text PRIMARY KEY, definition_id text NOT NULL, workspace_id text, data jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS ${s}.secrets (id text PRIMARY KEY, owner text NOT NULL, data jsonb NOT NULL);
CREATE INDEX IF NOT EXISTS secrets_owner ON ${s}.secrets (owner);
`;

export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  readonly schema: string;
  readonly #ownsPool: boolean;
  #initialised: Promise<void> | undefined;

  constructor(options: PostgresStoreOptions) {
    this.schema = quoteIdentifier(options.schema ?? "onramp");
    this.pool = options.pool ?? new pg.Pool({ connectionString: options.connectionString, max: 10 });
    this.#ownsPool = !options.pool;
  }

  #t(table: string): string {
    return `${this.schema}.${table}`;
  }

  async #rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    const result = await this.pool.query(sql, params);
    return result.rows.map((row) => row.data as T);
  }

  async #one<T>(sql: string, params: unknown[]): Promise<T | undefined> {
    return (await this.#rows<T>(sql, params))[0];
  }

  init(): Promise<void> {
    // Several stores starting at once would race CREATE ... IF NOT EXISTS; an advisory lock
    // serialises them.
    this.#initialised ??= (async () => {
      const client = await this.pool.connect();
      try {
        await client.query("SELECT pg_advisory_lock(hashtext($1))", [`onramp-schema:${this.schema}`]);
        try {
          await client.query(TABLES(this.schema));
        } finally {
          await client.query("SELECT pg_advisory_unlock(hashtext($1))", [`onramp-schema:${this.schema}`]);
        }
      } finally {
        client.release();
      }
    })();
    return this.#initialised;
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.pool.end();
  }

  async putWorkspace(workspace: Workspace): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.#t("workspaces")} (id, organization_id, name, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET organization_id = EXCLUDED.organization_id, name = EXCLUDED.name, data = EXCLUDED.data`,
      [workspace.id, workspace.organizationId, workspace.name, workspace],
    );
  }
  getWorkspace(id: string): Promise<Workspace | undefined> {
    return this.#one(`SELECT data FROM ${this.#t("workspaces")} WHERE id = $1`, [id]);
  }
  findWorkspaceByName(organizationId: string, name: string): Promise<Workspace | undefined> {
    return this.#one(`SELECT data FROM ${this.#t("workspaces")} WHERE organization_id = $1 AND name = $2`, [organizationId, name]);
  }
  listWorkspaces(organizationId: string): Promise<Workspace[]> {
    return this.#rows(`SELECT data FROM ${this.#t("workspaces")} WHERE organization_id = $1 ORDER BY data->>'created_at', id`, [organizationId]);
  }
  async deleteWorkspace(id: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.#t("workspaces")} WHERE id = $1`, [id]);
  }

  async putToken(token: ApiTokenRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.#t("tokens")} (id, hash, data) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET hash = EXCLUDED.hash, data = EXCLUDED.data`,
      [token.id, token.hash, token],
    );
  }
  findTokenByHash(hash: string): Promise<ApiTokenRecord | undefined> {
    return this.#one(`SELECT data FROM ${this.#t("tokens")} WHERE hash = $1`, [hash]);
  }
  listTokens(): Promise<ApiTokenRecord[]> {
    return this.#rows(`SELECT data FROM ${this.#t("tokens")} ORDER BY data->>'created_at', id`);
  }

  async putConnector(connector: ConnectorRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.#t("connectors")} (id, workspace_id, definition_id, created_at, data) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id, definition_id = EXCLUDED.definition_id, data = EXCLUDED.data`,
      [connector.id, connector.workspaceId, connector.definitionId, connector.created_at, connector],
    );
  }
  getConnector(id: string): Promise<ConnectorRecord | undefined> {
    return this.#one(`SELECT data FROM ${this.#t("connectors")} WHERE id = $1`, [id]);
  }
  listConnectors(filter: { workspaceId: string; definitionId?: string }): Promise<ConnectorRecord[]> {
    return filter.definitionId === undefined
      ? this.#rows(`SELECT data FROM ${this.#t("connectors")} WHERE workspace_id = $1 ORDER BY created_at, id`, [filter.workspaceId])
      : this.#rows(`SELECT data FROM ${this.#t("connectors")} WHERE workspace_id = $1 AND definition_id = $2 ORDER BY created_at, id`, [
          filter.workspaceId,
          filter.definitionId,
        ]);
  }
  async deleteConnector(id: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.#t("connectors")} WHERE id = $1`, [id]);
  }

  async putConnection(connection: ConnectionRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.#t("connections")} (id, workspace_id, source_id, destination_id, created_at, data) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET workspace_id = EXCLUDED.workspace_id, source_id = EXCLUDED.source_id, destination_id = EXCLUDED.destination_id, data = EXCLUDED.data`,
      [connection.id, connection.workspaceId, connection.sourceId, connection.destinationId, connection.created_at, connection],
    );
  }
  getConnection(id: string): Promise<ConnectionRecord | undefined> {
    return this.#one(`SELECT data FROM ${this.#t("connections")} WHERE id = $1`, [id]);
  }
  listConnections(filter: { workspaceId: string; connectorId?: string }): Promise<ConnectionRecord[]> {
    return filter.connectorId === undefined
      ? this.#rows(`SELECT data FROM ${this.#t("connections")} WHERE workspace_id = $1 ORDER BY created_at, id`, [filter.workspaceId])
      : this.#rows(
          `SELECT data FROM ${this.#t("connections")} WHERE workspace_id = $1 AND (source_id = $2 OR destination_id = $2) ORDER BY created_at, id`,
          [filter.workspaceId, filter.connectorId],
        );
  }
  async deleteConnection(id: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.#t("connections")} WHERE id = $1`, [id]);
  }

  async putTemplate(template: SourceTemplateRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.#t("templates")} (id, organization_id, created_at, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET organization_id = EXCLUDED.organization_id, data = EXCLUDED.data`,
      [template.id, template.organizationId, template.created_at, template],
    );
  }
  getTemplate(id: string): Promise<SourceTemplateRecord | undefined> {
    return this.#one(`SELECT data FROM ${this.#t("templates")} WHERE id = $1`, [id]);
  }
  listTemplates(organizationId: string): Promise<SourceTemplateRecord[]> {
    return this.#rows(`SELECT data FROM ${this.#t("templates")} WHERE organization_id = $1 ORDER BY created_at, id`, [organizationId]);
  }

  async putImport(record: ImportRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.#t("imports")} (id, workspace_id, created_at, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data`,
      [record.id, record.workspaceId, record.created_at, record],
    );
  }
  getImport(id: string): Promise<ImportRecord | undefined> {
    return this.#one(`SELECT data FROM ${this.#t("imports")} WHERE id = $1`, [id]);
  }
  listImports(filter: { workspaceId?: string } = {}): Promise<ImportRecord[]> {
    return filter.workspaceId
      ? this.#rows(`SELECT data FROM ${this.#t("imports")} WHERE workspace_id = $1 ORDER BY created_at, id`, [filter.workspaceId])
      : this.#rows(`SELECT data FROM ${this.#t("imports")} ORDER BY created_at, id`);
  }

  async #putKeyed(table: string, key: string, id: string, data: unknown): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.#t(table)} (${key}, data) VALUES ($1, $2) ON CONFLICT (${key}) DO UPDATE SET data = EXCLUDED.data`,
      [id, JSON.stringify(data)],
    );
  }

  putJob(job: JobRecord): Promise<void> {
    return this.#putKeyed("jobs", "id", job.id, job);
  }
  getJob(id: string): Promise<JobRecord | undefined> {
    return this.#one(`SELECT data FROM ${this.#t("jobs")} WHERE id = $1`, [id]);
  }
  listUnfinishedJobs(): Promise<JobRecord[]> {
    return this.#rows(`SELECT data FROM ${this.#t("jobs")} WHERE data->>'status' IN ('pending', 'running') ORDER BY data->>'created_at'`);
  }

  putSession(session: SessionRecord): Promise<void> {
    return this.#putKeyed("sessions", "id", session.id, session);
  }
  getSession(id: string): Promise<SessionRecord | undefined> {
    return this.#one(`SELECT data FROM ${this.#t("sessions")} WHERE id = $1`, [id]);
  }
  async deleteSession(id: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.#t("sessions")} WHERE id = $1`, [id]);
  }
  async listSessionsExpiredBefore(before: string): Promise<string[]> {
    const result = await this.pool.query(`SELECT id FROM ${this.#t("sessions")} WHERE (data->>'expiresAt')::timestamptz < $1::timestamptz`, [before]);
    return result.rows.map((row) => row.id as string);
  }

  async getCheckpoint(threadId: string): Promise<unknown | undefined> {
    const row = await this.#one<{ data: unknown }>(`SELECT data FROM ${this.#t("checkpoints")} WHERE thread_id = $1`, [threadId]);
    return row?.data;
  }
  putCheckpoint(threadId: string, data: unknown): Promise<void> {
    // Wrapped, so any JSON (a bare string or array too) round-trips unchanged through jsonb.
    return this.#putKeyed("checkpoints", "thread_id", threadId, { data });
  }
  async deleteCheckpoint(threadId: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.#t("checkpoints")} WHERE thread_id = $1`, [threadId]);
  }

  putOAuthState(record: OAuthStateRecord): Promise<void> {
    return this.#putKeyed("oauth_states", "state", record.state, record);
  }
  takeOAuthState(state: string): Promise<OAuthStateRecord | undefined> {
    // DELETE ... RETURNING: two callbacks racing on one state cannot both win.
    return this.#one(`DELETE FROM ${this.#t("oauth_states")} WHERE state = $1 RETURNING data`, [state]);
  }
  async dropOAuthStates(sessionId: string): Promise<void> {
    await this.pool.query(`DELETE FROM ${this.#t("oauth_states")} WHERE data->>'sessionId' = $1`, [sessionId]);
  }

  async putOAuthClient(record: OAuthClientRecord): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.#t("oauth_clients")} (id, definition_id, workspace_id, data) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET definition_id = EXCLUDED.definition_id, workspace_id = EXCLUDED.workspace_id, data = EXCLUDED.data`,
      [record.id, record.definitionId, record.workspaceId, record],
    );
  }
  findOAuthClient(definitionId: string, workspaceId: string | null, organizationId: string): Promise<OAuthClientRecord | undefined> {
    // The workspace's own client first, else its organization's organization-wide one; never
    // another organization's organization-wide client.
    return this.#one(
      `SELECT data FROM ${this.#t("oauth_clients")}
       WHERE definition_id = $1
         AND (workspace_id = $2 OR (workspace_id IS NULL AND data->>'organizationId' = $3))
       ORDER BY (workspace_id IS NULL), id LIMIT 1`,
      [definitionId, workspaceId, organizationId],
    );
  }
}

export function createPostgresStore(options: PostgresStoreOptions): PostgresStore {
  return new PostgresStore(options);
}
