// A workspace's connectors and setup sessions.
import type { Transport } from "./http.ts";
import { OnrampError } from "./onramp-error.ts";
import type {
  CheckOutcome,
  Connector,
  ConnectorSummary,
  Entity,
  ExecutableConnector,
  ExecuteResult,
  CreateConnectorInput,
  CreateSetupSessionInput,
  DefinitionSummary,
  Job,
  SetupSession,
  UpdateConnectorInput,
} from "./types.ts";

const CONNECTORS = "/api/v1/integrations/connectors";

function configBody(input: UpdateConnectorInput): Record<string, unknown> {
  return {
    name: input.name,
    configuration: input.configuration,
    credentials: input.credentials,
    replication_config: input.replicationConfig,
  };
}

/** The connector's data with execute() and listEntities() on it, as methods JSON leaves out. */
function withExecutor(http: Transport, connector: Connector): ExecutableConnector {
  const path = `${CONNECTORS}/${encodeURIComponent(connector.id)}`;
  return Object.defineProperties(connector as ExecutableConnector, {
    execute: {
      value: <T>(entity: string, action: string, params: { limit?: number; cursor?: string | null } = {}) =>
        http.request<ExecuteResult<T>>("POST", `${path}/execute`, { body: { entity, action, params } }),
    },
    listEntities: {
      value: async (): Promise<Entity[]> => (await http.request<{ data: Entity[] }>("GET", `${path}/entities`)).data,
    },
  });
}

/** "postgres", "source-postgres" or a definition id all name source-postgres. */
function definitionMatches(definition: DefinitionSummary, slug: string): boolean {
  const wanted = slug.trim().toLowerCase();
  return [definition.id, definition.name, definition.name.replace(/^(source|destination)-/, "")].some((name) => name.toLowerCase() === wanted);
}

export class Workspace {
  readonly name: string;
  readonly #http: Transport;

  constructor(http: Transport, name: string) {
    this.#http = http;
    this.name = name;
  }

  async createConnector(input: CreateConnectorInput): Promise<Connector> {
    return this.#http.request<Connector>("POST", CONNECTORS, {
      body: {
        workspace_name: this.name,
        definition_id: input.definitionId,
        connector_type: input.connectorType,
        source_template_id: input.sourceTemplateId,
        ...configBody(input),
      },
    });
  }

  async listConnectors(filter: { definitionId?: string } = {}): Promise<ConnectorSummary[]> {
    const page = await this.#http.request<{ data: ConnectorSummary[] }>("GET", CONNECTORS, {
      query: { workspace_name: this.name, definition_id: filter.definitionId },
    });
    return page.data;
  }

  /** The connector, ready to execute: `(await ws.getConnector(id)).execute("users", "list")`. */
  async getConnector(id: string): Promise<ExecutableConnector> {
    return withExecutor(this.#http, await this.#http.request<Connector>("GET", `${CONNECTORS}/${encodeURIComponent(id)}`));
  }

  updateConnector(id: string, input: UpdateConnectorInput): Promise<Connector> {
    return this.#http.request<Connector>("PATCH", `${CONNECTORS}/${encodeURIComponent(id)}`, { body: configBody(input) });
  }

  /** Test and save: the connector is stored with `input` applied only when the check succeeds. */
  checkConnector(id: string, input: UpdateConnectorInput = {}): Promise<CheckOutcome> {
    return this.#http.request<CheckOutcome>("POST", `${CONNECTORS}/${encodeURIComponent(id)}/check`, { body: configBody(input) });
  }

  /** Starts the removal (connections and secrets too); with `wait`, resolves once it is done. */
  async deleteConnector(id: string, options: { wait?: boolean; timeoutMs?: number } = {}): Promise<Job> {
    const { job_id } = await this.#http.request<{ job_id: string }>("DELETE", `${CONNECTORS}/${encodeURIComponent(id)}`);
    let job = await this.#http.request<Job>("GET", `/api/v1/jobs/${encodeURIComponent(job_id)}`);
    const deadline = Date.now() + (options.timeoutMs ?? 30_000);
    while (options.wait && (job.status === "pending" || job.status === "running")) {
      if (Date.now() > deadline) throw OnrampError.client(`Deleting ${id} did not finish in time (job ${job_id})`, "timeout");
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = await this.#http.request<Job>("GET", `/api/v1/jobs/${encodeURIComponent(job_id)}`);
    }
    if (job.status === "failed") throw OnrampError.client(`Deleting ${id} failed: ${job.error ?? "unknown error"}`, "job_failed");
    return job;
  }

  async createSetupSession(input: CreateSetupSessionInput): Promise<SetupSession> {
    const created = await this.#http.request<{ session_id: string; session_token: string; expires_at: string }>("POST", "/api/v1/setup-sessions", {
      body: {
        workspace_name: this.name,
        definition_id: input.definitionId,
        connector_type: input.connectorType,
        connector_id: input.connectorId,
        allowed_origin: input.allowedOrigin,
      },
    });
    return { sessionId: created.session_id, sessionToken: created.session_token, expiresAt: created.expires_at };
  }

  /** The workspace's connector of a type: the one there is, or `connectorId` when there are several. */
  async resolveConnector(slug: string, options: { connectorId?: string } = {}): Promise<ExecutableConnector> {
    if (options.connectorId) {
      const connector = await this.getConnector(options.connectorId);
      const definitions = await this.#definitions();
      const definition = definitions.find((candidate) => candidate.id === connector.definition_id);
      if (!definition || !definitionMatches(definition, slug)) {
        throw OnrampError.client(`Connector ${options.connectorId} is not a "${slug}" connector`, "connector_type_mismatch", "connectorId");
      }
      return connector;
    }
    const definitionIds = new Set((await this.#definitions()).filter((definition) => definitionMatches(definition, slug)).map((definition) => definition.id));
    if (definitionIds.size === 0) throw OnrampError.client(`No connector definition is called "${slug}"`, "unknown_connector_type", "slug");
    const matches = (await this.listConnectors()).filter((connector) => definitionIds.has(connector.summarized_source_template.actor_definition_id));
    if (matches.length === 0) {
      throw OnrampError.client(
        `Workspace "${this.name}" has no "${slug}" connector yet; create one (createSetupSession({ connectorType: "${slug}" }) or createConnector)`,
        "connector_not_found",
        "slug",
      );
    }
    if (matches.length > 1) {
      throw OnrampError.client(
        `Workspace "${this.name}" has ${matches.length} "${slug}" connectors (${matches.map((connector) => connector.id).join(", ")}); pass { connectorId }`,
        "connector_ambiguous",
        "connectorId",
      );
    }
    return this.getConnector(matches[0]!.id);
  }

  /**
   * The workspace's connector of that type, ready to execute (as Airbyte's agent SDK's
   * connect(slug)): `await ws.connect("postgres")` when there is one, `{ connectorId }` when
   * there are several. Opening a setup session on it (what connect() did before execute
   * existed) is openSetupSession().
   */
  connect(slug: string, options: { connectorId?: string } = {}): Promise<ExecutableConnector> {
    return this.resolveConnector(slug, options);
  }

  /** Opens a setup session to change the workspace's connector of that type (see resolveConnector). */
  async openSetupSession(slug: string, options: { connectorId?: string; allowedOrigin?: string } = {}): Promise<SetupSession & { connector: ExecutableConnector }> {
    const connector = await this.resolveConnector(slug, options);
    const session = await this.createSetupSession({ connectorId: connector.id, allowedOrigin: options.allowedOrigin });
    return { ...session, connector };
  }

  async #definitions(): Promise<DefinitionSummary[]> {
    const [sources, destinations] = await Promise.all([
      this.#http.request<{ definitions: DefinitionSummary[] }>("GET", "/api/v1/integrations/definitions/sources"),
      this.#http.request<{ definitions: DefinitionSummary[] }>("GET", "/api/v1/integrations/definitions/destinations"),
    ]);
    return [...sources.definitions, ...destinations.definitions];
  }
}
