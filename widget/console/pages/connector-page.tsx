// One connector: its name (renamable), type, Modify and Delete, and the connections it serves
// (any number of them), with New connection.
import { useEffect, useState } from "preact/hooks";
import type { ConnectionItem, ConnectorDetail } from "../api.ts";
import type { ConsoleData } from "../console-data.ts";
import { ConnectorIcon } from "../connector-icon.tsx";
import { DeleteDialog } from "../delete-dialog.tsx";
import { rememberSession } from "../open-sessions.ts";
import { navigate, routeHash } from "../router.ts";

function RenameForm({ name, onRename, onClose }: { name: string; onRename(name: string): Promise<void>; onClose(): void }) {
  const [value, setValue] = useState(name);
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="rename"
      onSubmit={async (event) => {
        event.preventDefault();
        const next = value.trim();
        if (!next) return setError("Name is required");
        try {
          await onRename(next);
          onClose();
        } catch (failure: any) {
          setError(failure?.message ?? String(failure));
        }
      }}
    >
      <label for="rename-input" class="sr">
        New name
      </label>
      <input id="rename-input" autoFocus autocomplete="off" value={value} onInput={(event) => setValue((event.target as HTMLInputElement).value)} onKeyDown={(event) => event.key === "Escape" && onClose()} />
      <button type="submit" class="p">
        Save name
      </button>
      <button type="button" onClick={onClose}>
        Cancel
      </button>
      {error && (
        <p class="err" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

export function ConnectorPage({ data, connectorId, saved }: { data: ConsoleData; connectorId: string; saved?: boolean }) {
  const [connector, setConnector] = useState<ConnectorDetail | null>(null);
  const [connections, setConnections] = useState<ConnectionItem[] | null>(null);
  const [missing, setMissing] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  useEffect(() => {
    setConnector(null);
    data.api.connector(connectorId).then(setConnector, (failure) => ((failure as { status?: number }).status === 404 ? setMissing(true) : data.fail(failure)));
    data.api.connections(connectorId).then(setConnections, data.fail);
  }, [connectorId]);

  if (missing) {
    return (
      <div class="page narrow">
        <p class="empty">This connector no longer exists.</p>
        <a href={routeHash({ page: "home" })}>Back to connectors</a>
      </div>
    );
  }
  if (!connector) return <div class="page narrow muted">Loading…</div>;
  const definition = data.definition(connector.definitionId);
  const nameOf = (id: string) => (data.connectors ?? []).find((item) => item.id === id)?.name ?? id;
  const modify = async () => {
    try {
      const session = await data.api.createSession({ connector_id: connector.id });
      rememberSession(session.session_id, { token: session.session_token, title: `Modify ${connector.name}`, kind: connector.kind });
      navigate({ page: "modify", connectorId: connector.id, sessionId: session.session_id });
    } catch (failure) {
      data.fail(failure);
    }
  };

  return (
    <div class="page narrow">
      <div class="crumbs">
        <a href={routeHash({ page: "home" })}>← Connectors</a>
      </div>
      {saved && (
        <p class="note ok" role="status">
          “{connector.name}” is saved. Connect it to a source with New connection.
        </p>
      )}
      <div class="head">
        <ConnectorIcon icon={definition?.icon} name={definition?.displayName ?? connector.name} size={40} />
        <div class="head-text">
          {renaming ? (
            <RenameForm
              name={connector.name}
              onClose={() => setRenaming(false)}
              onRename={async (name) => {
                setConnector(await data.api.rename(connector.id, name));
                await data.reloadConnectors();
              }}
            />
          ) : (
            <h2 class="title">{connector.name}</h2>
          )}
          <p class="muted">
            {definition?.displayName ?? connector.definitionId} {connector.kind}
          </p>
        </div>
        {!renaming && (
          <div class="head-actions">
            <button type="button" onClick={() => setRenaming(true)}>
              Rename
            </button>
            <button type="button" onClick={modify}>
              Modify
            </button>
            <button type="button" class="danger" onClick={() => setDeleting(true)}>
              Delete
            </button>
          </div>
        )}
      </div>

      <section aria-labelledby="connections-title">
        <h2 id="connections-title">
          Connections
          <span class="sp" />
          <a class="button p" href={routeHash({ page: "new-connection", connectorId: connector.id })}>
            New connection
          </a>
        </h2>
        {connections === null ? (
          <p class="muted">Loading…</p>
        ) : connections.length === 0 ? (
          <p class="empty">
            No connections yet. A connection takes a source's data to a destination; {connector.name} can serve any number of them.
          </p>
        ) : (
          <ul class="list">
            {connections.map((connection) => (
              <li key={connection.id}>
                <span class="name">
                  {connection.name}
                  <small>
                    {nameOf(connection.sourceId)} → {nameOf(connection.destinationId)}
                    {connection.streams.length > 0 ? ` · ${connection.streams.join(", ")}` : " · all streams"}
                  </small>
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {deleting && (
        <DeleteDialog
          connector={connector}
          connections={connections}
          onClose={() => setDeleting(false)}
          onConfirm={async () => {
            await data.api.deleteConnector(connector.id);
            data.dropConnector(connector.id);
            navigate({ page: "home" });
          }}
        />
      )}
    </div>
  );
}
