// The result of "Test and save": success, or the failure in plain words with a jump to each
// field it names.
import type { TestResultEvent } from "../../agent/protocol.ts";

export interface TestCardProps {
  result: TestResultEvent | null;
  /** False when the connector has no live test: success then only means the settings are valid. */
  liveCheck?: boolean;
  testing: boolean;
  fieldTitle(path: string): string;
  onJump(path: string): void;
}

export function TestCard({ result, liveCheck, testing, fieldTitle, onJump }: TestCardProps) {
  if (testing) {
    return (
      <div class="card" role="status">
        Testing the connection…
      </div>
    );
  }
  if (!result) return null;
  const ok = result.status === "succeeded";
  // Nothing was connected to: no green "works", the message says why no test ran.
  const untested = ok && liveCheck === false;
  return (
    <div class={`card ${untested ? "" : ok ? "ok" : "bad"}`} role="status">
      <h3>{untested ? "Settings valid, not tested" : ok ? "Connection works" : "The connection test failed"}</h3>
      <p>{result.message}</p>
      {result.entities && result.entities.length > 0 && (
        // A generated connector's test: each table, and why those left out are.
        <ul class="entities">
          {result.entities.map((entity) => (
            <li key={entity.entity} class={entity.status}>
              {entity.status === "excluded" ? "✗" : entity.status === "warning" ? "!" : "✓"} {entity.entity}
              {entity.reason && <small> {entity.reason.replace(/_/g, " ")}</small>}
            </li>
          ))}
        </ul>
      )}
      {!ok && result.fields && result.fields.length > 0 && (
        <p>
          Check:{" "}
          {result.fields.map((path, index) => (
            <span key={path}>
              {index > 0 && ", "}
              <button type="button" class="link" onClick={() => onJump(path)}>
                {fieldTitle(path)}
              </button>
            </span>
          ))}
        </p>
      )}
    </div>
  );
}
