// The operator console at `/`: sources and destinations of the default workspace, a catalog
// picker that opens a setup session in the widget, modify (form view) and delete (typed name).
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiFailure, createApi, initialToken, rememberToken, type ConnectorItem, type DefinitionItem } from "./api.ts";
import { CatalogPicker } from "./catalog-picker.tsx";
import { DeleteDialog } from "./delete-dialog.tsx";
import { SetupPanel, type SetupTarget } from "./setup-panel.tsx";

type Side = { kind: "picker"; connectorKind: "source" | "destination" } | { kind: "setup"; target: SetupTarget } | { kind: "delete"; connector: ConnectorItem } | null;

function TokenGate({ initial, error, onToken }: { initial: string; error: string | null; onToken(token: string): void }) {
  const [value, setValue] = useState(initial);
  return (
    <form
      class="gate panel"
      onSubmit={(event) => {
        event.preventDefault();
        onToken(value.trim());
      }}
    >
      <h3>
        <span>Onramp console</span>
      </h3>
      <p class="muted">The server printed a console link with the application token when it started. Paste the token here, or open that link.</p>
      <label for="app-token">Application token</label>
      <input id="app-token" type="password" autoFocus autocomplete="off" value={value} onInput={(event) => setValue((event.target as HTMLInputElement).value)} />
      {error && (
        <p class="err" role="alert">
          {error}
        </p>
      )}
      <button class="p" type="submit" disabled={!value.trim()}>
        Open console
      </button>
    </form>
  );
}

export function ConsoleApp() {
  const [token, setToken] = useState(initialToken);
  const [authError, setAuthError] = useState<string | null>(null);
  const [definitions, setDefinitions] = useState<DefinitionItem[]>([]);
  const [connectors, setConnectors] = useState<ConnectorItem[] | null>(null);
  const [side, setSide] = useState<Side>(null);
  const [error, setError] = useState<string | null>(null);
  const api = useMemo(() => createApi(token), [token]);
  // The button that opened the catalog: focus goes back to it when the catalog is dismissed.
  const pickerOpener = useRef<HTMLElement | null>(null);
  const closePicker = () => {
    setSide(null);
    pickerOpener.current?.focus();
  };

  const fail = (failure: unknown) => {
    if (failure instanceof ApiFailure && (failure.status === 401 || failure.status === 403)) {
      rememberToken("");
      setAuthError("That token was not accepted.");
      setToken("");
    } else setError(failure instanceof Error ? failure.message : String(failure));
  };
  const reload = () => api.connectors().then(setConnectors, fail);

  useEffect(() => {
    if (!token) return;
    setError(null);
    api.definitions().then(setDefinitions, fail);
    void reload();
  }, [token]);

  if (!token) {
    return (
      <TokenGate
        initial=""
        error={authError}
        onToken={(value) => {
          rememberToken(value);
          setAuthError(null);
          setToken(value);
        }}
      />
    );
  }

  const byId = new Map(definitions.map((definition) => [definition.id, definition]));
  const open = async (title: string, target: { definition_id: string } | { connector_id: string }, view: "agent" | "form") => {
    try {
      const session = await api.createSession(target);
      setSide({ kind: "setup", target: { title, sessionId: session.session_id, sessionToken: session.session_token, view } });
    } catch (failure) {
      fail(failure);
    }
  };
  const list = (kind: "source" | "destination") => {
    const items = (connectors ?? []).filter((connector) => (byId.get(connector.definitionId)?.kind ?? "source") === kind);
    return (
      <section aria-labelledby={`${kind}-title`}>
        <h2 id={`${kind}-title`}>
          {kind === "source" ? "Sources" : "Destinations"}
          <span class="sp" />
          <button
            type="button"
            class="p"
            onClick={(event) => {
              pickerOpener.current = event.currentTarget as HTMLElement;
              setSide({ kind: "picker", connectorKind: kind });
            }}
          >
            New {kind}
          </button>
        </h2>
        {connectors === null ? (
          <p class="muted">Loading…</p>
        ) : items.length === 0 ? (
          <p class="empty">No {kind}s yet.</p>
        ) : (
          <ul class="list">
            {items.map((connector) => (
              <li key={connector.id}>
                <button type="button" class="name" aria-label={`Modify ${connector.name}`} onClick={() => open(`Modify ${connector.name}`, { connector_id: connector.id }, "form")}>
                  {connector.name}
                  <small>{byId.get(connector.definitionId)?.displayName ?? connector.definitionId}</small>
                </button>
                <button type="button" class="danger" aria-label={`Delete ${connector.name}`} onClick={() => setSide({ kind: "delete", connector })}>
                  Delete
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    );
  };

  return (
    <>
      <div class="top">
        <h1>
          <span>Onramp</span> console · workspace “default”
        </h1>
        <button
          type="button"
          onClick={() => {
            rememberToken("");
            setToken("");
          }}
        >
          Sign out
        </button>
      </div>
      <div class="page">
        <div>
          {error && (
            <p class="err" role="alert">
              {error}
            </p>
          )}
          {list("source")}
          {list("destination")}
        </div>
        <div>
          {side?.kind === "picker" && (
            <CatalogPicker
              key={side.connectorKind}
              kind={side.connectorKind}
              definitions={definitions}
              onClose={closePicker}
              onPick={(definition) => open(`New ${definition.displayName}`, { definition_id: definition.id }, "agent")}
            />
          )}
          {side?.kind === "setup" && <SetupPanel target={side.target} onClose={() => setSide(null)} onCompleted={() => void reload()} />}
          {side?.kind === "delete" && (
            <DeleteDialog
              connector={side.connector}
              onClose={() => setSide(null)}
              onConfirm={async () => {
                await api.deleteConnector(side.connector.id);
                setSide(null);
                setConnectors((old) => (old ?? []).filter((item) => item.id !== side.connector.id));
              }}
            />
          )}
          {side === null && <p class="muted">Pick a connector to modify it, or start a new source or destination.</p>}
        </div>
      </div>
    </>
  );
}
