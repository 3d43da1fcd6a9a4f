// The workspace at a glance: its sources and destinations, each with its icon, type and how many
// connections use it, and the buttons that open the catalog.
import { useEffect, useState } from "preact/hooks";
import type { ConnectionItem, Kind } from "../api.ts";
import { kindOf, type ConsoleData } from "../console-data.ts";
import { ConnectorIcon } from "../connector-icon.tsx";
import { routeHash } from "../router.ts";

export function HomePage({ data }: { data: ConsoleData }) {
  const [connections, setConnections] = useState<ConnectionItem[] | null>(null);
  useEffect(() => {
    data.api.connections().then(setConnections, data.fail);
  }, [data.connectors]);
  const usage = (id: string) => (connections ?? []).filter((connection) => connection.sourceId === id || connection.destinationId === id).length;

  const list = (kind: Kind) => {
    const items = (data.connectors ?? []).filter((connector) => kindOf(data, connector) === kind);
    return (
      <section aria-labelledby={`${kind}-title`}>
        <h2 id={`${kind}-title`}>
          {kind === "source" ? "Sources" : "Destinations"}
          <span class="sp" />
          <button type="button" class="p" onClick={(event) => data.openCatalog(kind, event.currentTarget as HTMLElement)}>
            New {kind}
          </button>
        </h2>
        {data.connectors === null ? (
          <p class="muted">Loading…</p>
        ) : items.length === 0 ? (
          <p class="empty">No {kind}s yet.</p>
        ) : (
          <ul class="list">
            {items.map((connector) => {
              const definition = data.definition(connector.definitionId);
              const count = usage(connector.id);
              return (
                <li key={connector.id}>
                  <ConnectorIcon icon={definition?.icon} name={definition?.displayName ?? connector.name} />
                  <a class="name" href={routeHash({ page: "connector", connectorId: connector.id })}>
                    {connector.name}
                    <small>{definition?.displayName ?? connector.definitionId}</small>
                  </a>
                  <span class="muted">{connections === null ? "" : count === 1 ? "1 connection" : `${count} connections`}</span>
                </li>
              );
            })}
          </ul>
        )}
      </section>
    );
  };

  return (
    <div class="page narrow">
      {list("source")}
      {list("destination")}
    </div>
  );
}
