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

export interface DefinitionItem {
  id: string;
  name: string;
  displayName: string;
  kind: "source" | "destination";
  documentationUrl?: string;
}

export interface ConnectorItem {
  id: string;
  name: string;
  definitionId: string;
  createdAt?: string;
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

  return {
    async definitions(): Promise<DefinitionItem[]> {
      const [sources, destinations] = await Promise.all([
        call("GET", "/api/v1/integrations/definitions/sources"),
        call("GET", "/api/v1/integrations/definitions/destinations"),
      ]);
      const map = (list: any[], kind: "source" | "destination", idKey: string): DefinitionItem[] =>
        (list ?? []).map((item) => ({
          id: item[idKey] ?? item.id,
          name: item.name,
          displayName: item.displayName ?? item.display_name ?? item.name,
          kind,
          documentationUrl: item.documentationUrl,
        }));
      return [
        ...map(sources.definitions, "source", "sourceDefinitionId"),
        ...map(destinations.definitions, "destination", "destinationDefinitionId"),
      ];
    },
    async connectors(): Promise<ConnectorItem[]> {
      const payload = await call("GET", `/api/v1/integrations/connectors?workspace_name=${encodeURIComponent(WORKSPACE)}`);
      return (payload.data ?? []).map((item: any) => ({
        id: item.id,
        name: item.name,
        definitionId: item.summarized_source_template?.actor_definition_id ?? item.definition_id,
        createdAt: item.created_at,
      }));
    },
    createSession(target: { definition_id: string } | { connector_id: string }): Promise<{ session_id: string; session_token: string }> {
      return call("POST", "/api/v1/setup-sessions", { workspace_name: WORKSPACE, ...target });
    },
    deleteConnector(id: string): Promise<unknown> {
      return call("DELETE", `/api/v1/integrations/connectors/${encodeURIComponent(id)}`);
    },
  };
}

export type ConsoleApi = ReturnType<typeof createApi>;
