// Deleting a connector is irreversible and takes its connections with it: the dialog says how
// many, and the operator types the connector's name to confirm.
import { useEffect, useState } from "preact/hooks";
import type { ConnectionItem, ConnectorItem } from "./api.ts";

export function DeleteDialog({
  connector,
  connections,
  onConfirm,
  onClose,
}: {
  connector: ConnectorItem;
  /** The connections that go with it; null while they load. */
  connections: ConnectionItem[] | null;
  onConfirm(): Promise<void>;
  onClose(): void;
}) {
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const matches = typed === connector.name;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => event.key === "Escape" && onClose();
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!matches || connections === null) return;
    setBusy(true);
    try {
      await onConfirm();
    } catch (failure: any) {
      setError(failure?.message ?? String(failure));
      setBusy(false);
    }
  };
  const count = connections?.length ?? 0;
  return (
    <div class="backdrop">
      <form class="panel dialog" role="alertdialog" aria-modal="true" aria-labelledby="delete-title" aria-describedby="delete-warning" onSubmit={submit}>
        <h3 id="delete-title">
          <span>Delete “{connector.name}”?</span>
        </h3>
        <p id="delete-warning">
          This removes the connector and its stored secrets.{" "}
          {connections === null ? (
            "Counting its connections…"
          ) : count === 0 ? (
            "No connection uses it."
          ) : (
            <strong>
              {count === 1 ? "1 connection goes with it" : `${count} connections go with it`}: {connections.map((connection) => connection.name).join(", ")}.
            </strong>
          )}
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
        <p class="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="p danger-fill" disabled={!matches || busy || connections === null}>
            Delete
          </button>
        </p>
      </form>
    </div>
  );
}
