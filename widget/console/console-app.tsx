// The operator console at `/`: the default workspace's sources and destinations, the catalog
// (built-in and Marketplace), the setup assistant for a new connector, each connector's page with
// its connections, New connection, Modify with a documentation panel, Delete, and the OAuth
// clients page. Pages live in the URL fragment (router.ts), so a reload keeps the page, an open
// setup included.
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { ApiFailure, createApi, initialToken, rememberToken, type ConnectorItem, type DefinitionItem, type Kind } from "./api.ts";
import { CatalogPicker } from "./catalog-picker.tsx";
import type { ConsoleData } from "./console-data.ts";
import { forgetSessions, rememberSession } from "./open-sessions.ts";
import { navigate, routeHash, useRoute } from "./router.ts";
import { HomePage } from "./pages/home-page.tsx";
import { SetupPage } from "./pages/setup-page.tsx";
import { ConnectorPage } from "./pages/connector-page.tsx";
import { NewConnectionPage } from "./pages/new-connection-page.tsx";
import { ModifyPage } from "./pages/modify-page.tsx";
import { OAuthClientsPage } from "./pages/oauth-clients-page.tsx";
import { ImportPage } from "./pages/import-page.tsx";
import { ImportReviewPage } from "./pages/import-review-page.tsx";

function TokenGate({ error, onToken }: { error: string | null; onToken(token: string): void }) {
  const [value, setValue] = useState("");
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
  const [catalog, setCatalog] = useState<{ kind: Kind; connectionFor?: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const route = useRoute();
  const api = useMemo(() => createApi(token), [token]);
  // The button that opened the catalog: focus goes back to it when the catalog is dismissed.
  const catalogOpener = useRef<HTMLElement | null>(null);

  const fail = (failure: unknown) => {
    if (failure instanceof ApiFailure && (failure.status === 401 || failure.status === 403)) {
      rememberToken("");
      setAuthError("That token was not accepted.");
      setToken("");
    } else setError(failure instanceof Error ? failure.message : String(failure));
  };
  const reloadConnectors = () => api.connectors().then(setConnectors, fail);

  useEffect(() => {
    if (!token) return;
    setError(null);
    api.definitions().then(setDefinitions, fail);
    void reloadConnectors();
  }, [token]);
  // A new page starts without the last page's error.
  useEffect(() => setError(null), [route]);

  const byId = useMemo(() => new Map(definitions.map((definition) => [definition.id, definition])), [definitions]);

  if (!token) {
    return (
      <TokenGate
        error={authError}
        onToken={(value) => {
          rememberToken(value);
          setAuthError(null);
          setToken(value);
        }}
      />
    );
  }

  const data: ConsoleData = {
    api,
    definitions,
    connectors,
    definition: (id) => byId.get(id),
    reloadConnectors,
    reloadDefinitions: () => api.definitions().then(setDefinitions, fail),
    dropConnector: (id) => setConnectors((old) => (old ?? []).filter((item) => item.id !== id)),
    openCatalog(kind, opener, connectionFor) {
      catalogOpener.current = opener;
      setCatalog({ kind, ...(connectionFor ? { connectionFor } : {}) });
    },
    fail,
  };
  const closeCatalog = () => {
    setCatalog(null);
    catalogOpener.current?.focus();
  };
  const startSetup = async (definition: DefinitionItem) => {
    const connectionFor = catalog?.connectionFor;
    try {
      const session = await api.createSession({ definition_id: definition.id });
      rememberSession(session.session_id, { token: session.session_token, title: `New ${definition.displayName} ${definition.kind}`, kind: definition.kind, ...(connectionFor ? { connectionFor } : {}) });
      setCatalog(null);
      navigate({ page: "setup", sessionId: session.session_id });
    } catch (failure) {
      fail(failure);
    }
  };

  const page = (() => {
    switch (route.page) {
      case "setup":
        return <SetupPage key={route.sessionId} data={data} sessionId={route.sessionId} />;
      case "connector":
        return <ConnectorPage key={route.connectorId} data={data} connectorId={route.connectorId} saved={route.saved} />;
      case "new-connection":
        return <NewConnectionPage key={route.connectorId} data={data} connectorId={route.connectorId} withId={route.withId} saved={route.saved} />;
      case "modify":
        return <ModifyPage key={route.sessionId} data={data} connectorId={route.connectorId} sessionId={route.sessionId} />;
      case "oauth-clients":
        return <OAuthClientsPage data={data} />;
      case "imports":
        return <ImportPage data={data} />;
      case "import":
        return <ImportReviewPage key={route.importId} data={data} importId={route.importId} />;
      default:
        return <HomePage data={data} />;
    }
  })();

  return (
    <>
      <div class="top">
        <h1>
          <a href={routeHash({ page: "home" })}>
            <span>Onramp</span> console
          </a>{" "}
          · workspace “default”
        </h1>
        <nav aria-label="Console">
          <a href={routeHash({ page: "home" })} aria-current={route.page === "oauth-clients" || route.page === "imports" || route.page === "import" ? undefined : "page"}>
            Connectors
          </a>
          <a href={routeHash({ page: "imports" })} aria-current={route.page === "imports" || route.page === "import" ? "page" : undefined}>
            Import API
          </a>
          <a href={routeHash({ page: "oauth-clients" })} aria-current={route.page === "oauth-clients" ? "page" : undefined}>
            OAuth clients
          </a>
        </nav>
        <button
          type="button"
          onClick={() => {
            rememberToken("");
            forgetSessions();
            setToken("");
          }}
        >
          Sign out
        </button>
      </div>
      {error && (
        <p class="err page-error" role="alert">
          {error}
        </p>
      )}
      {page}
      {catalog && <CatalogPicker key={catalog.kind} kind={catalog.kind} definitions={definitions} onClose={closeCatalog} onPick={startSetup} />}
    </>
  );
}
