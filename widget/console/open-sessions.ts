// The setup sessions this tab opened, so a reload resumes the one on screen. Kept in
// sessionStorage (this tab only, gone when it closes), like the application token; the URL
// carries only the session id.
import type { Kind } from "./api.ts";

export interface OpenSession {
  token: string;
  /** What the page says above the widget ("New Postgres source"). */
  title: string;
  kind: Kind;
  /** Set up from a connector's New connection page: go back there with the new connector. */
  connectionFor?: string;
}

const KEY = "onramp.console.sessions";

function all(): Record<string, OpenSession> {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? "{}");
  } catch {
    return {};
  }
}

export function rememberSession(sessionId: string, session: OpenSession) {
  // A handful is plenty: the oldest go first.
  const entries = Object.entries(all()).slice(-19);
  sessionStorage.setItem(KEY, JSON.stringify(Object.fromEntries([...entries, [sessionId, session]])));
}

export function openSession(sessionId: string): OpenSession | undefined {
  return all()[sessionId];
}

export function forgetSessions() {
  sessionStorage.removeItem(KEY);
}
