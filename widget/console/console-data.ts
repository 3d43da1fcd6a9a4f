// What every console page is handed: the API client, the catalog and the workspace's connectors
// (loaded once, reloaded after a change), and the console's own actions.
import type { ConnectorItem, ConsoleApi, DefinitionItem, Kind } from "./api.ts";

export interface ConsoleData {
  api: ConsoleApi;
  definitions: DefinitionItem[];
  /** null while loading. */
  connectors: ConnectorItem[] | null;
  definition(id: string): DefinitionItem | undefined;
  reloadConnectors(): Promise<void>;
  /** Reads the catalog again (a published import joined it). */
  reloadDefinitions(): Promise<void>;
  /** Drops a connector from the lists at once (its deletion finishes in the background). */
  dropConnector(id: string): void;
  /** Opens the catalog for a new connector of `kind`; `connectionFor` returns to that connector's New connection page. */
  openCatalog(kind: Kind, opener: HTMLElement | null, connectionFor?: string): void;
  /** Shows an API failure (a refused token signs out). */
  fail(failure: unknown): void;
}

/** The kind of a connector: its own when the API said, else its definition's. */
export function kindOf(data: ConsoleData, connector: ConnectorItem): Kind {
  return connector.kind ?? data.definition(connector.definitionId)?.kind ?? "source";
}
