// Keeps a SessionRecord's view of the conversation (pending question, secret mode, OAuth,
// transcript, last test) in step with the events the agent emits, so a snapshot taken after a
// reload or on another replica shows exactly where the conversation stands.
import type { DefinitionSummary, ServerEvent, SessionSnapshot, TranscriptEntry } from "../../agent/protocol.ts";
import { hasLiveCheck, questionAt, withSecretMarks, type CatalogLookup, type Definition } from "../../specs/index.ts";
import type { SessionRecord } from "../store/types.ts";

/** Bounds a session file: the widget shows recent turns, not a whole history. */
export const TRANSCRIPT_LIMIT = 400;

export function appendTranscript(record: SessionRecord, entry: Omit<TranscriptEntry, "at">): void {
  record.transcript.push({ ...entry, at: new Date().toISOString() });
  if (record.transcript.length > TRANSCRIPT_LIMIT) {
    record.transcript.splice(0, record.transcript.length - TRANSCRIPT_LIMIT);
  }
}

// On the wire a field.ask's `type` is the event's; the field's JSON type comes from the spec.
function fieldType(record: SessionRecord, path: string, catalog: CatalogLookup): string {
  const definition = record.form.definitionId ? catalog.get(record.form.definitionId) : undefined;
  if (!definition) return "string";
  try {
    return questionAt(definition, path, record.form.values)?.type ?? "string";
  } catch {
    return "string";
  }
}

const SERVER_EVENT_TYPES = new Set<string>([
  "session.snapshot", "agent.delta", "agent.message", "field.ask", "secret.request", "secret.stored",
  "oauth.request", "oauth.completed", "oauth.failed", "form.patch", "message.received", "test.started", "test.result",
  "session.completed", "session.cancelled", "error",
]);

/**
 * A field.ask built as `{ type: "field.ask", ...ask }` has its `type` overwritten by the field's
 * JSON type (FieldAsk has a `type` too). Such an event is put back to `field.ask` on the wire;
 * the JSON type it carried is returned so the pending question keeps it.
 */
export function normaliseEvent(event: ServerEvent): { event: ServerEvent; jsonType?: string } {
  const candidate = event as unknown as Record<string, unknown>;
  if (
    !SERVER_EVENT_TYPES.has(String(candidate.type)) &&
    typeof candidate.path === "string" &&
    typeof candidate.title === "string" &&
    (candidate.kind === "field" || candidate.kind === "choice")
  ) {
    return { event: { ...candidate, type: "field.ask" } as ServerEvent, jsonType: String(candidate.type) };
  }
  return { event };
}

export function trackEvent(record: SessionRecord, event: ServerEvent, catalog: CatalogLookup, jsonType?: string): void {
  switch (event.type) {
    case "field.ask": {
      const { type: _type, ...ask } = event;
      const carried = (ask as { field_type?: unknown }).field_type;
      record.pending = {
        ...ask,
        type: jsonType ?? (typeof carried === "string" ? carried : fieldType(record, ask.path, catalog)),
      };
      if (!ask.secret) record.secretMode = null;
      break;
    }
    case "secret.request":
      record.secretMode = { path: event.path };
      break;
    case "secret.stored":
      record.secretMode = null;
      break;
    case "oauth.request":
      record.oauthPending = { path: event.path, startUrl: event.startUrl, ...(event.unavailable ? { unavailable: event.unavailable } : {}) };
      break;
    case "oauth.completed":
    case "oauth.failed":
      record.oauthPending = null;
      break;
    case "agent.message":
      // An empty one only voids a streamed reply, which the transcript never held.
      if (event.text) appendTranscript(record, { role: "agent", text: event.text });
      break;
    case "test.started":
      record.pending = null;
      record.secretMode = null;
      break;
    case "test.result":
      record.lastTest = event;
      break;
    case "session.completed":
      record.status = "completed";
      record.connectorId = event.connectorId;
      record.pending = null;
      record.secretMode = null;
      record.oauthPending = null;
      break;
    case "session.cancelled":
      record.status = "cancelled";
      record.pending = null;
      record.secretMode = null;
      record.oauthPending = null;
      break;
    default:
      break;
  }
}

export function summarize(definition: Definition): DefinitionSummary {
  return {
    id: definition.id,
    name: definition.name,
    displayName: definition.displayName,
    kind: definition.kind,
    ...(definition.documentationUrl ? { documentationUrl: definition.documentationUrl } : {}),
    liveCheck: hasLiveCheck(definition),
  };
}

export function buildSnapshot(record: SessionRecord, catalog: CatalogLookup): SessionSnapshot {
  const definition = record.form.definitionId ? catalog.get(record.form.definitionId) : undefined;
  return {
    id: record.id,
    status: record.status,
    definition: definition ? summarize(definition) : null,
    // Marked so a view that reads only airbyte_secret masks every field the server seals.
    spec: definition ? withSecretMarks(definition.connectionSpecification) : null,
    form: record.form,
    pending: record.pending,
    secretMode: record.secretMode,
    oauthPending: record.oauthPending,
    transcript: record.transcript,
    connectorId: record.connectorId,
    lastTest: record.lastTest,
  };
}
