// Onramp's TypeScript client (`import { Onramp } from "onramp/sdk"`).
//   const onramp = Onramp({ baseUrl: "http://127.0.0.1:8787", token });
//   const ws = onramp.workspace("default");
//   const postgres = await ws.connect("postgres");                // the one Postgres connector
//   const { data, next_cursor } = await postgres.execute("public.users", "list", { limit: 10 });
//   const { sessionToken } = await ws.openSetupSession("postgres"); // change it in the widget
// See README.md beside this file.
import { Transport, type TransportOptions } from "./http.ts";
import { Workspace } from "./workspace.ts";
import type { DefinitionSummary, WorkspaceInfo } from "./types.ts";

export { OnrampError, type ErrorEnvelope } from "./onramp-error.ts";
export { Workspace } from "./workspace.ts";
export type * from "./types.ts";

export type OnrampOptions = TransportOptions;

export class OnrampClient {
  readonly #http: Transport;

  constructor(options: OnrampOptions) {
    this.#http = new Transport(options);
  }

  workspace(name: string): Workspace {
    return new Workspace(this.#http, name);
  }

  async listWorkspaces(): Promise<WorkspaceInfo[]> {
    return (await this.#http.request<{ data: WorkspaceInfo[] }>("GET", "/api/v1/workspaces")).data;
  }

  createWorkspace(name: string): Promise<WorkspaceInfo> {
    return this.#http.request<WorkspaceInfo>("POST", "/api/v1/workspaces", { body: { name } });
  }

  async deleteWorkspace(name: string): Promise<void> {
    await this.#http.request<void>("DELETE", `/api/v1/workspaces/${encodeURIComponent(name)}`);
  }

  async definitions(kind: "source" | "destination", filter: { name?: string } = {}): Promise<DefinitionSummary[]> {
    const segment = kind === "source" ? "sources" : "destinations";
    return (await this.#http.request<{ definitions: DefinitionSummary[] }>("GET", `/api/v1/integrations/definitions/${segment}`, { query: { name: filter.name } })).definitions;
  }
}

/** `Onramp({ baseUrl, token })`, with or without `new`. */
export function Onramp(options: OnrampOptions): OnrampClient {
  return new OnrampClient(options);
}
