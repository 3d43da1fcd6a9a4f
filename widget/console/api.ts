// The console's REST client. The console is an operator page: it holds the application token
// (in sessionStorage, never localStorage) and hands the widget only a session token.

const TOKEN_KEY = "onramp.console.token";
export const WORKSPACE = "default";

/** Takes `#token=...` from the URL (the server prints that link at start), then drops it from the address bar. */
export function initialToken(): string {
  const match = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (match) {
    const token = decodeURIComponent(match[1]);
    sessionStorage.setItem(TOKEN_KEY, token);
    history.replaceState(null, "", location.pathname + location.search);
    return token;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? "";
}

export function rememberToken(token: string) {
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export type Kind = "source" | "destination";

export interface DefinitionItem {
  id: string;
  name: string;
  displayName: string;
  kind: Kind;
  documentationUrl?: string;
  icon?: string;
  /** "builtin": Onramp's own; "marketplace": loaded from an Airbyte-format catalog. */
  catalog?: "builtin" | "marketplace";
  supportLevel?: string;
}

export interface ConnectorItem {
  id: string;
  name: string;
  definitionId: string;
  kind?: Kind;
  createdAt?: string;
}

export interface ConnectorDetail extends ConnectorItem {
  kind: Kind;
  /** The streams a connection from it can choose; null when its definition lists none. */
  availableStreams: string[] | null;
}

export interface ConnectionItem {
  id: string;
  name: string;
  sourceId: string;
  destinationId: string;
  streams: string[];
}

export interface OAuthClientEntry {
  definitionId: string;
  name: string;
  displayName: string;
  kind: Kind;
  icon?: string;
  documentationUrl?: string;
  client: { clientId: string; hasSecret: boolean } | null;
}

export function createApi(token: string) {
  async function call(method: string, path: string, body?: unknown): Promise<any> {
    const response = await fetch(path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const payload = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiFailure(payload?.message ?? `${method} ${path} failed (${response.status})`, response.status);
    return payload;
  }
  const workspace = `workspace_name=${encodeURIComponent(WORKSPACE)}`;
  const connectorOf = (item: any): ConnectorDetail => ({
    id: item.id,
    name: item.name,
    definitionId: item.definition_id ?? item.summarized_source_template?.actor_definition_id,
    kind: item.kind,
    createdAt: item.created_at,
    availableStreams: item.available_streams ?? null,
  });
  const connectionOf = (item: any): ConnectionItem => ({ id: item.id, name: item.name, sourceId: item.source_id, destinationId: item.destination_id, streams: item.streams ?? [] });

  return {
    async definitions(): Promise<DefinitionItem[]> {
      const [sources, destinations] = await Promise.all([
        call("GET", "/api/v1/integrations/definitions/sources"),
        call("GET", "/api/v1/integrations/definitions/destinations"),
      ]);
      const map = (list: any[], kind: Kind, idKey: string): DefinitionItem[] =>
        (list ?? []).map((item) => ({
          id: item[idKey] ?? item.id,
          name: item.name,
          displayName: item.displayName ?? item.display_name ?? item.name,
          kind,
          documentationUrl: item.documentationUrl ?? undefined,
          icon: item.icon ?? undefined,
          catalog: item.catalog ?? undefined,
          supportLevel: item.supportLevel ?? undefined,
        }));
      return [...map(sources.definitions, "source", "sourceDefinitionId"), ...map(destinations.definitions, "destination", "destinationDefinitionId")];
    },
    async connectors(): Promise<ConnectorItem[]> {
      const payload = await call("GET", `/api/v1/integrations/connectors?${workspace}`);
      return (payload.data ?? []).map((item: any) => ({
        id: item.id,
        name: item.name,
        definitionId: item.summarized_source_template?.actor_definition_id ?? item.definition_id,
        createdAt: item.created_at,
      }));
    },
    async connector(id: string): Promise<ConnectorDetail> {
      return connectorOf(await call("GET", `/api/v1/integrations/connectors/${encodeURIComponent(id)}`));
    },
    async rename(id: string, name: string): Promise<ConnectorDetail> {
      return connectorOf(await call("PATCH", `/api/v1/integrations/connectors/${encodeURIComponent(id)}`, { name }));
    },
    async connections(connectorId?: string): Promise<ConnectionItem[]> {
      const filter = connectorId ? `&connector_id=${encodeURIComponent(connectorId)}` : "";
      return ((await call("GET", `/api/v1/connections?${workspace}${filter}`)).data ?? []).map(connectionOf);
    },
    async createConnection(body: { source_id: string; destination_id: string; name: string; streams?: string[] }): Promise<ConnectionItem> {
      return connectionOf(await call("POST", "/api/v1/connections", { workspace_name: WORKSPACE, ...body }));
    },
    createSession(target: { definition_id: string } | { connector_id: string }): Promise<{ session_id: string; session_token: string }> {
      return call("POST", "/api/v1/setup-sessions", { workspace_name: WORKSPACE, ...target });
    },
    deleteConnector(id: string): Promise<unknown> {
      return call("DELETE", `/api/v1/integrations/connectors/${encodeURIComponent(id)}`);
    },
    async oauthClients(): Promise<{ entries: OAuthClientEntry[]; redirectUri: string }> {
      const payload = await call("GET", `/api/v1/oauth/clients?${workspace}`);
      return {
        redirectUri: payload.redirect_uri,
        entries: (payload.data ?? []).map((item: any) => ({
          definitionId: item.definition_id,
          name: item.name,
          displayName: item.display_name,
          kind: item.kind,
          icon: item.icon ?? undefined,
          documentationUrl: item.documentation_url ?? undefined,
          client: item.client ? { clientId: item.client.client_id, hasSecret: item.client.client_secret !== null } : null,
        })),
      };
    },
    /** POST .../definitions/imports: the draft as the API shows it (snake_case). */
    createImport(source: { document: string } | { url: string }): Promise<ImportView> {
      return call("POST", "/api/v1/integrations/definitions/imports", { workspace_name: WORKSPACE, ...source });
    },
    getImport(id: string): Promise<ImportView> {
      return call("GET", `/api/v1/integrations/definitions/imports/${encodeURIComponent(id)}`);
    },
    reviewImport(id: string, edit: { entities: Array<Record<string, unknown>> }): Promise<ImportView> {
      return call("PATCH", `/api/v1/integrations/definitions/imports/${encodeURIComponent(id)}`, edit);
    },
    async publishImport(id: string): Promise<{ import: ImportView; definitionId: string }> {
      const payload = await call("POST", `/api/v1/integrations/definitions/imports/${encodeURIComponent(id)}/publish`);
      return { import: payload.import, definitionId: payload.import.definition_id };
    },
    putOAuthClient(definitionId: string, body: { client_id: string; client_secret?: string }): Promise<unknown> {
      return call("PUT", `/api/v1/oauth/clients/${encodeURIComponent(definitionId)}`, { workspace_name: WORKSPACE, ...body });
    },
  };
}

export type ConsoleApi = ReturnType<typeof createApi>;

/** An import as the API answers it; the console reads the draft's fields as they come. */
export interface ImportView {
  id: string;
  status: "draft" | "published";
  definition_id: string | null;
  draft: {
    title: string;
    format: string;
    name: string;
    base_url: { template: string; reason: string };
    fields: Array<{ key: string; title: string; reason: string }>;
    auth: Array<{ key: string; kind: string; title: string; reason: string }>;
    entities: ImportEntity[];
    warnings: string[];
  };
}

export interface ImportEntity {
  id: string;
  name: string;
  path: string;
  selected: boolean;
  primary_key: string[];
  record_path: string[];
  pagination: { kind: string } & Record<string, unknown>;
  parent?: { entity_id: string };
  reasons: Record<string, string>;
}
