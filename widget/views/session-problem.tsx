// Shown instead of the setup when the transport gave up: a link that no retry can fix (expired,
// wrong token, unknown session), or a server that did not answer, which may come back.
import type { SessionProblem } from "../transport.ts";

export function SessionProblemCard({ problem, onRetry }: { problem: SessionProblem; onRetry(): void }) {
  const unreachable = problem.code === "unreachable";
  // Another page than the session allows: the server's words name the origin it allows.
  const forbidden = problem.code === "session_forbidden";
  return (
    <main>
      <div class="card bad" role="alert">
        <h3>{unreachable ? "Can't reach the setup service" : forbidden ? "This page may not open this setup" : "This setup link has expired or is not valid"}</h3>
        <p>{unreachable ? "Check the connection, then try again." : forbidden ? problem.message : "Ask for a new setup link to continue."}</p>
        {unreachable && (
          <button type="button" class="p" onClick={onRetry}>
            Try again
          </button>
        )}
      </div>
    </main>
  );
}
