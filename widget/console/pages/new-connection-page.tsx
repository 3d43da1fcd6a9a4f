// New connection from a connector: pick one of the workspace's connectors of the other kind, or
// set up a new one with the same assistant (it comes back here, chosen), name the connection,
// choose the source's streams where its definition lists them, create.
import { useEffect, useState } from "preact/hooks";
import type { ConnectorDetail, Kind } from "../api.ts";
import { kindOf, type ConsoleData } from "../console-data.ts";
import { ConnectorIcon } from "../connector-icon.tsx";
import { navigate, routeHash } from "../router.ts";

export function NewConnectionPage({ data, connectorId, withId, saved }: { data: ConsoleData; connectorId: string; withId?: string; saved?: boolean }) {
  const [self, setSelf] = useState<ConnectorDetail | null>(null);
  const [otherId, setOtherId] = useState<string | null>(withId ?? null);
  const [other, setOther] = useState<ConnectorDetail | null>(null);
  const [name, setName] = useState<string | null>(null);
  const [streams, setStreams] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    data.api.connector(connectorId).then(setSelf, data.fail);
  }, [connectorId]);
  useEffect(() => {
    if (withId) setOtherId(withId);
  }, [withId]);
  useEffect(() => {
    setOther(null);
    if (otherId) data.api.connector(otherId).then(setOther, data.fail);
  }, [otherId]);

  if (!self) return <div class="page narrow muted">Loading…</div>;
  const otherKind: Kind = self.kind === "source" ? "destination" : "source";
  const candidates = (data.connectors ?? []).filter((connector) => kindOf(data, connector) === otherKind);
  const source = self.kind === "source" ? self : other;
  const destination = self.kind === "source" ? other : self;
  const suggested = source && destination ? `${source.name} → ${destination.name}` : "";
  const offered = source?.availableStreams ?? null;
  const chosen = streams ?? offered ?? [];
  const toggle = (stream: string) => setStreams(chosen.includes(stream) ? chosen.filter((item) => item !== stream) : [...chosen, stream]);

  const create = async (event: Event) => {
    event.preventDefault();
    if (!source || !destination) return setError(`Choose a ${otherKind} first.`);
    if (offered && chosen.length === 0) return setError("Choose at least one stream.");
    setBusy(true);
    setError(null);
    try {
      await data.api.createConnection({
        source_id: source.id,
        destination_id: destination.id,
        name: (name ?? suggested).trim() || suggested,
        // In the source's order, whatever order they were ticked in.
        ...(offered ? { streams: offered.filter((stream) => chosen.includes(stream)) } : {}),
      });
      navigate({ page: "connector", connectorId: self.id });
    } catch (failure: any) {
      setError(failure?.message ?? String(failure));
      setBusy(false);
    }
  };

  return (
    <div class="page narrow">
      <div class="crumbs">
        <a href={routeHash({ page: "connector", connectorId: self.id })}>← {self.name}</a>
      </div>
      {saved && (
        <p class="note ok" role="status">
          “{self.name}” is saved. Now connect it to a {otherKind}.
        </p>
      )}
      <h2 class="title">New connection from {self.name}</h2>
      <form class="panel stack" onSubmit={create} aria-label="New connection">
        <fieldset class="plain">
          <legend>{otherKind === "destination" ? "Destination" : "Source"}</legend>
          {candidates.length === 0 && <p class="muted">The workspace has no {otherKind} yet.</p>}
          <div class="choices">
            {candidates.map((candidate) => {
              const definition = data.definition(candidate.definitionId);
              return (
                <label class={`choice${otherId === candidate.id ? " on" : ""}`} key={candidate.id}>
                  <input type="radio" name="other" checked={otherId === candidate.id} onChange={() => setOtherId(candidate.id)} />
                  <ConnectorIcon icon={definition?.icon} name={definition?.displayName ?? candidate.name} size={24} />
                  <span>
                    {candidate.name}
                    <small>{definition?.displayName}</small>
                  </span>
                </label>
              );
            })}
          </div>
          <button type="button" onClick={(event) => data.openCatalog(otherKind, event.currentTarget as HTMLElement, self.id)}>
            Set up a new {otherKind}
          </button>
        </fieldset>

        <label for="connection-name">Name</label>
        <input id="connection-name" autocomplete="off" value={name ?? suggested} placeholder={`${self.name} → …`} onInput={(event) => setName((event.target as HTMLInputElement).value)} />

        <fieldset class="plain">
          <legend>Streams</legend>
          {!source ? (
            <p class="muted">Choose a source to see its streams.</p>
          ) : offered ? (
            <div class="choices">
              {offered.map((stream) => (
                <label class={`choice${chosen.includes(stream) ? " on" : ""}`} key={stream}>
                  <input type="checkbox" checked={chosen.includes(stream)} onChange={() => toggle(stream)} />
                  <span>{stream}</span>
                </label>
              ))}
            </div>
          ) : (
            <p class="muted">{source.name}'s connector does not list its streams: the connection takes all of them.</p>
          )}
        </fieldset>

        {error && (
          <p class="err" role="alert">
            {error}
          </p>
        )}
        <p class="actions">
          <a class="button" href={routeHash({ page: "connector", connectorId: self.id })}>
            Cancel
          </a>
          <button type="submit" class="p" disabled={busy || !source || !destination}>
            Create connection
          </button>
        </p>
      </form>
    </div>
  );
}
