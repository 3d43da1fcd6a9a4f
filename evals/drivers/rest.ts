// Drives a running Onramp server through the REST twin, as curl would. Secrets cannot be
// resolved from outside (the API masks them), and only events are searched for leaks.
import type { ClientEvent, ServerEvent, SessionSnapshot } from "../../agent/protocol.ts";
import { SECRET_MASK } from "../../specs/types.ts";
import type { EvalCase } from "../types.ts";
import type { SessionDriver } from "./types.ts";

export interface RestOptions {
  baseUrl: string;
  apiToken: string | undefined;
  workspace?: string;
}

function maskedPaths(value: unknown, prefix = ""): string[] {
  if (value === SECRET_MASK) return [prefix];
  if (value && typeof value === "object" && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, inner]) => maskedPaths(inner, `${prefix}/${key}`));
  }
  return [];
}

export async function startRest(caseDef: EvalCase, opts: RestOptions): Promise<SessionDriver> {
  const base = opts.baseUrl.replace(/\/+$/, "");
  // A fresh server has a "default" workspace (server/defaults.ts).
  const workspace = opts.workspace ?? "default";
  async function call(method: string, path: string, body: unknown, token: string | undefined): Promise<any> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : {};
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${data.message ?? text}`);
    return data;
  }
  const app = (method: string, path: string, body?: unknown) => call(method, path, body, opts.apiToken);

  let definitionId: string | undefined;
  for (const kind of ["sources", "destinations"]) {
    const found = await app("GET", `/api/v1/integrations/definitions/${kind}?name=${encodeURIComponent(caseDef.connector)}`);
    const first = (found.definitions ?? [])[0];
    if (first) {
      definitionId = first.sourceDefinitionId ?? first.destinationDefinitionId ?? first.id;
      break;
    }
  }
  if (!definitionId) throw new Error(`the server knows no connector "${caseDef.connector}"`);

  let connectorId: string | undefined;
  if (caseDef.existing) {
    const { unwrapSecrets } = await import("../case-facts.ts");
    const created = await app("POST", "/api/v1/integrations/connectors", {
      workspace_name: workspace,
      definition_id: definitionId,
      name: caseDef.existing.name ?? `eval ${caseDef.id}`,
      configuration: unwrapSecrets(caseDef.existing.config),
    });
    connectorId = created.id;
  }
  const session = await app("POST", "/api/v1/setup-sessions", {
    workspace_name: workspace,
    ...(connectorId ? { connector_id: connectorId } : { definition_id: definitionId }),
  });
  const sessionId: string = session.session_id;
  const sessionCall = (method: string, path: string, body?: unknown) =>
    call(method, `/api/v1/setup-sessions/${sessionId}${path}`, body, session.session_token);

  return {
    sessionId,
    definition: null,
    async send(event: ClientEvent): Promise<ServerEvent[]> {
      let answer: { events?: ServerEvent[] } = {};
      if (event.type === "user.message") answer = await sessionCall("POST", "/messages", { text: event.text });
      else if (event.type === "secret.submit") answer = await sessionCall("POST", "/secrets", { path: event.path, value: event.value });
      else if (event.type === "secret.cancel") answer = await sessionCall("POST", "/secret-cancel", { path: event.path });
      else if (event.type === "form.patch") answer = await sessionCall("PATCH", "/form", { base_version: event.base_version, ops: event.ops });
      else if (event.type === "test.request") answer = await sessionCall("POST", "/test", {});
      return answer.events ?? [];
    },
    drain: () => [],
    snapshot: async () => {
      const data = await sessionCall("GET", "");
      return (data.session ?? data) as SessionSnapshot;
    },
    async finalConfig(snapshot) {
      const config = snapshot.connectorId
        ? (await app("GET", `/api/v1/integrations/connectors/${snapshot.connectorId}`)).configuration ?? null
        : snapshot.form.values;
      return { config, unresolvedSecrets: maskedPaths(config) };
    },
    isCallback: (url) => url.origin === new URL(base).origin && url.pathname.startsWith("/oauth/callback"),
    leakSources: async () => ({ model: [], logs: [], files: [] }),
    close: async () => {},
  };
}
