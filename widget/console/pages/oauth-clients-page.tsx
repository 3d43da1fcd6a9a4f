// OAuth clients per definition: without one a connector's OAuth sign-in is not offered. The
// operator registers an app at the provider with the redirect URL shown here, then enters its
// client id and secret (stored in Onramp's secret store; the page only ever sees "stored").
import { useEffect, useState } from "preact/hooks";
import type { OAuthClientEntry } from "../api.ts";
import type { ConsoleData } from "../console-data.ts";
import { ConnectorIcon } from "../connector-icon.tsx";

function ClientForm({ entry, redirectUri, onSave, onClose }: { entry: OAuthClientEntry; redirectUri: string; onSave(clientId: string, secret: string): Promise<void>; onClose(): void }) {
  const [clientId, setClientId] = useState(entry.client?.clientId ?? "");
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const secretId = `secret-${entry.definitionId}`;
  return (
    <form
      class="stack client-form"
      aria-label={`OAuth client for ${entry.displayName}`}
      onSubmit={async (event) => {
        event.preventDefault();
        const input = (event.currentTarget as HTMLFormElement).querySelector<HTMLInputElement>(`#${CSS.escape(secretId)}`)!;
        const secret = input.value;
        if (!clientId.trim()) return setError("Client id is required");
        if (!secret && !entry.client?.hasSecret) return setError("Client secret is required");
        try {
          await onSave(clientId.trim(), secret);
          // The secret leaves the page at once; only "stored" remains.
          input.value = "";
        } catch (failure: any) {
          setError(failure?.message ?? String(failure));
        }
      }}
    >
      <label for={`redirect-${entry.definitionId}`}>Redirect URL to give the provider</label>
      <div class="row">
        <input id={`redirect-${entry.definitionId}`} readOnly value={redirectUri} />
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard?.writeText(redirectUri).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </button>
      </div>
      <label for={`client-${entry.definitionId}`}>Client id</label>
      <input id={`client-${entry.definitionId}`} autocomplete="off" value={clientId} onInput={(event) => setClientId((event.target as HTMLInputElement).value)} />
      <label for={secretId}>Client secret</label>
      <input id={secretId} type="password" autocomplete="off" placeholder={entry.client?.hasSecret ? "Stored. Type to replace" : "Stored encrypted, never shown again"} />
      {error && (
        <p class="err" role="alert">
          {error}
        </p>
      )}
      <p class="actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
        <button type="submit" class="p">
          Save client
        </button>
      </p>
    </form>
  );
}

export function OAuthClientsPage({ data }: { data: ConsoleData }) {
  const [entries, setEntries] = useState<OAuthClientEntry[] | null>(null);
  const [redirectUri, setRedirectUri] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const load = () =>
    data.api.oauthClients().then((answer) => {
      setEntries(answer.entries);
      setRedirectUri(answer.redirectUri);
    }, data.fail);
  useEffect(() => {
    void load();
  }, []);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = (entries ?? []).filter((entry) => words.every((word) => `${entry.displayName} ${entry.name}`.toLowerCase().includes(word))).slice(0, 100);
  return (
    <div class="page narrow">
      <h2 class="title">OAuth clients</h2>
      <p class="muted">
        A connector offers “sign in with …” only once its OAuth app is registered here. Create the app at the provider with the redirect URL below, then enter its
        client id and secret.
      </p>
      {notice && (
        <p class="note ok" role="status">
          {notice}
        </p>
      )}
      <label for="oauth-search" class="sr">
        Search connectors with OAuth
      </label>
      <input id="oauth-search" placeholder="Search connectors with OAuth…" value={query} onInput={(event) => setQuery((event.target as HTMLInputElement).value)} />
      {entries === null ? (
        <p class="muted">Loading…</p>
      ) : (
        <ul class="list">
          {shown.map((entry) => (
            <li key={entry.definitionId} class="col">
              <div class="row">
                <ConnectorIcon icon={entry.icon} name={entry.displayName} />
                <span class="name">
                  {entry.displayName}
                  <small>
                    {entry.name} · {entry.client ? `configured, client id ${entry.client.clientId}` : "not configured: OAuth is not offered"}
                  </small>
                </span>
                <button type="button" aria-expanded={open === entry.definitionId} onClick={() => setOpen(open === entry.definitionId ? null : entry.definitionId)}>
                  {entry.client ? "Edit" : "Set up"}
                </button>
              </div>
              {open === entry.definitionId && (
                <ClientForm
                  entry={entry}
                  redirectUri={redirectUri}
                  onClose={() => setOpen(null)}
                  onSave={async (clientId, secret) => {
                    await data.api.putOAuthClient(entry.definitionId, { client_id: clientId, ...(secret ? { client_secret: secret } : {}) });
                    setNotice(`Saved the OAuth client for ${entry.displayName}. New setups offer sign-in with it.`);
                    setOpen(null);
                    await load();
                  }}
                />
              )}
            </li>
          ))}
          {shown.length === 0 && <li class="muted">No connector with OAuth matches.</li>}
        </ul>
      )}
    </div>
  );
}
