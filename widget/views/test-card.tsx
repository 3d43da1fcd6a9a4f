// The result of "Test and save": success, or the failure in plain words with a jump to each
// field it names.
import type { TestResultEvent } from "../../agent/protocol.ts";

export interface TestCardProps {
  result: TestResultEvent | null;
  testing: boolean;
  fieldTitle(path: string): string;
  onJump(path: string): void;
}

export function TestCard({ result, testing, fieldTitle, onJump }: TestCardProps) {
  if (testing) {
    return (
      <div class="card" role="status">
        Testing the connection…
      </div>
    );
  }
  if (!result) return null;
  const ok = result.status === "succeeded";
  return (
    <div class={`card ${ok ? "ok" : "bad"}`} role="status">
      <h3>{ok ? "Connection works" : "The connection test failed"}</h3>
      <p>{result.message}</p>
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
