// The events a session emits while it is created (the greeting, the first field.ask or
// secret.request, an OAuth request) are published inside `sessions.create()`, before any
// subscriber can exist: the session id is only known once create returns, and the session
// manager offers no hook to listen earlier. The session record keeps what those events left
// behind (session-state.ts trackEvent), so they are rebuilt from the first snapshot. Only what
// the snapshot shows can be rebuilt: the last question asked at start, and the agent's words.
import type { ServerEvent, SessionSnapshot } from "../agent/protocol.ts";

/**
 * The start events the snapshot shows and the driver did not deliver (a driver that heard some
 * kind of event itself is trusted for that kind), in the order the agent emits them.
 */
export function startEventsFromSnapshot(snapshot: SessionSnapshot, delivered: ServerEvent[]): ServerEvent[] {
  const heard = new Set(delivered.map((event) => event.type));
  const events: ServerEvent[] = [];
  if (!heard.has("agent.message")) {
    snapshot.transcript
      .filter((entry) => entry.role === "agent")
      .forEach((entry, index) => events.push({ type: "agent.message", id: `start-${index + 1}`, text: entry.text }));
  }
  const pending = snapshot.pending;
  if (pending && !heard.has("field.ask")) {
    // On the wire `type` is the event's; the field's JSON type travels as field_type.
    const { type: fieldType, ...ask } = pending;
    events.push({ ...ask, type: "field.ask", field_type: fieldType });
  }
  const secretPath = snapshot.secretMode?.path;
  if (secretPath && !heard.has("secret.request")) {
    const title = pending?.path === secretPath ? pending.title : secretPath;
    events.push({ type: "secret.request", path: secretPath, title });
  }
  const oauth = snapshot.oauthPending;
  if (oauth && !heard.has("oauth.request")) events.push({ type: "oauth.request", path: oauth.path, startUrl: oauth.startUrl });
  return events;
}
