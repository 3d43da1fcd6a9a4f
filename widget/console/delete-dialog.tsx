// Deleting a connector is irreversible and takes its connections with it: the operator types
// the connector's name to confirm.
import { useState } from "preact/hooks";
import type { ConnectorItem } from "./api.ts";

export function DeleteDialog({ connector, onConfirm, onClose }: { connector: ConnectorItem; onConfirm(): Promise<void>; onClose(): void }) {
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const matches = typed === connector.name;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!matches) return;
    setBusy(true);
    try {
      await onConfirm();
    } catch (failure: any) {
      setError(failure?.message ?? String(failure));
      setBusy(false);
    }
  };
  return (
    <form class="panel" role="alertdialog" aria-labelledby="delete-title" aria-describedby="delete-warning" onSubmit={submit}>
      <h3 id="delete-title">
        <span>Delete “{connector.name}”?</span>
      </h3>
      <p id="delete-warning">
        This removes the connector and its stored secrets. <strong>Every connection that uses it is deleted too.</strong>
      </p>
      <label for="delete-confirm">
        Type <strong>{connector.name}</strong> to confirm
      </label>
      <input id="delete-confirm" autoFocus autocomplete="off" value={typed} onInput={(event) => setTyped((event.target as HTMLInputElement).value)} />
      {error && (
        <p class="err" role="alert">
          {error}
        </p>
      )}
      <p style="display:flex;gap:8px;justify-content:flex-end">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" class="p" disabled={!matches || busy}>
          Delete
        </button>
      </p>
    </form>
  );
}
