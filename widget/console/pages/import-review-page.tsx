// The review of an imported description: what Onramp guessed (base URL, credentials, settings,
// one row per table) and why. The person deselects tables, renames them, corrects a record path,
// a primary key or the paging, then publishes: the connector joins the catalog and its setup
// starts with the assistant, as for any connector.
import { useEffect, useState } from "preact/hooks";
import type { ImportEntity, ImportView } from "../api.ts";
import type { ConsoleData } from "../console-data.ts";
import { rememberSession } from "../open-sessions.ts";
import { navigate, routeHash } from "../router.ts";

interface RowEdit {
  selected: boolean;
  name: string;
  recordPath: string;
  primaryKey: string;
  paging: "detected" | "none";
}

const listText = (items: string[], separator: string) => items.join(separator);
const textList = (text: string, separator: RegExp) => text.split(separator).map((item) => item.trim()).filter(Boolean);

function editOf(entity: ImportEntity): RowEdit {
  return { selected: entity.selected, name: entity.name, recordPath: listText(entity.record_path, "."), primaryKey: listText(entity.primary_key, ", "), paging: "detected" };
}

/** Only what changed, as the review API takes it. */
function changes(entity: ImportEntity, edit: RowEdit): Record<string, unknown> | undefined {
  const change: Record<string, unknown> = {};
  if (edit.selected !== entity.selected) change.selected = edit.selected;
  if (edit.name.trim() !== entity.name) change.name = edit.name.trim();
  if (edit.recordPath !== listText(entity.record_path, ".")) change.record_path = textList(edit.recordPath, /\./);
  if (edit.primaryKey !== listText(entity.primary_key, ", ")) change.primary_key = textList(edit.primaryKey, /,/);
  if (edit.paging === "none" && entity.pagination.kind !== "none") change.pagination = { kind: "none" };
  return Object.keys(change).length ? { id: entity.id, ...change } : undefined;
}

export function ImportReviewPage({ data, importId }: { data: ConsoleData; importId: string }) {
  const [view, setView] = useState<ImportView | null>(null);
  const [edits, setEdits] = useState<Record<string, RowEdit>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const load = (loaded: ImportView) => {
    setView(loaded);
    setEdits(Object.fromEntries(loaded.draft.entities.map((entity) => [entity.id, editOf(entity)])));
  };
  useEffect(() => {
    data.api.getImport(importId).then(load, data.fail);
  }, [importId]);
  if (!view) return <div class="page narrow muted">Loading the draft…</div>;
  const { draft } = view;
  const set = (id: string, patch: Partial<RowEdit>) => setEdits((old) => ({ ...old, [id]: { ...old[id], ...patch } }));
  const selected = Object.values(edits).filter((edit) => edit.selected).length;

  const publish = async () => {
    setBusy(true);
    setError(null);
    try {
      const entities = draft.entities.map((entity) => changes(entity, edits[entity.id])).filter((change): change is Record<string, unknown> => change !== undefined);
      if (entities.length) load(await data.api.reviewImport(importId, { entities }));
      const { definitionId } = await data.api.publishImport(importId);
      await data.reloadDefinitions();
      const session = await data.api.createSession({ definition_id: definitionId });
      rememberSession(session.session_id, { token: session.session_token, title: `New ${draft.title} source`, kind: "source" });
      navigate({ page: "setup", sessionId: session.session_id });
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="page wide">
      <div class="crumbs">
        <a href={routeHash({ page: "imports" })}>← New import</a>
      </div>
      <h2 class="title">Review: {draft.title}</h2>
      <div class="panel stack">
        <p class="muted">
          {draft.format} · {draft.entities.length} tables found · {view.status === "published" ? "published" : "draft"}
        </p>
        <p>
          <b>Base URL</b> — {draft.base_url.reason}
        </p>
        <div>
          <b>Credentials</b>
          {draft.auth.length === 0 ? <p class="muted">None declared or implied.</p> : (
            <ul>
              {draft.auth.map((auth) => (
                <li key={auth.key}>
                  {auth.title} <span class="muted">— {auth.reason}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        {draft.fields.length > 0 && (
          <div>
            <b>Settings</b>
            <ul>
              {draft.fields.map((field) => (
                <li key={field.key}>
                  {field.title} <span class="muted">— {field.reason}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {draft.warnings.length > 0 && <p class="muted">Notes: {draft.warnings.slice(0, 3).join("; ")}</p>}
      </div>
      <section aria-labelledby="tables-title">
        <h2 id="tables-title">
          Tables <span class="muted">({selected} selected)</span>
        </h2>
        <ul class="list">
          {draft.entities.map((entity) => {
            const edit = edits[entity.id];
            return (
              <li key={entity.id} class="col">
                <div class="row">
                  <input type="checkbox" checked={edit.selected} aria-label={`Include ${entity.id}`} onChange={(event) => set(entity.id, { selected: (event.target as HTMLInputElement).checked })} />
                  <input aria-label={`Table name for ${entity.id}`} value={edit.name} onInput={(event) => set(entity.id, { name: (event.target as HTMLInputElement).value })} />
                  <code class="muted">{entity.id}</code>
                </div>
                <div class="row">
                  <input aria-label={`Record path for ${entity.id}`} placeholder="top level" value={edit.recordPath} onInput={(event) => set(entity.id, { recordPath: (event.target as HTMLInputElement).value })} />
                  <input aria-label={`Primary key for ${entity.id}`} placeholder="no key" value={edit.primaryKey} onInput={(event) => set(entity.id, { primaryKey: (event.target as HTMLInputElement).value })} />
                  <select aria-label={`Pagination for ${entity.id}`} value={edit.paging} onChange={(event) => set(entity.id, { paging: (event.target as HTMLSelectElement).value as RowEdit["paging"] })}>
                    <option value="detected">{entity.pagination.kind === "none" ? "no pagination" : `${entity.pagination.kind} (detected)`}</option>
                    {entity.pagination.kind !== "none" && <option value="none">no pagination</option>}
                  </select>
                </div>
                <small class="muted">{[entity.reasons.entity, entity.reasons.record_path, entity.reasons.primary_key, entity.reasons.pagination, entity.reasons.parent].filter(Boolean).join(" · ")}</small>
              </li>
            );
          })}
        </ul>
      </section>
      {error && (
        <p class="err" role="alert">
          {error}
        </p>
      )}
      <div class="actions">
        <button class="p" type="button" disabled={busy || selected === 0} onClick={publish}>
          {busy ? "Publishing…" : "Publish and set up"}
        </button>
      </div>
    </div>
  );
}
