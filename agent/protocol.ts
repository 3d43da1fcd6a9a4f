// The wire protocol between a setup session and its views (widget, REST twin, evals).
// Types only, no runtime imports: the widget imports this file and must stay small.
// Noun-verb `type` names; the protocol version travels in session.snapshot.

import type { EntityTestResult } from "../specs/types.ts";

export const PROTOCOL_VERSION = 1;

export type Author = "agent" | "form" | "api" | "oauth";

/** A change to the form document. `path` is a JSON pointer into the config. */
export interface FormOp {
  op: "set" | "unset";
  path: string;
  value?: unknown;
}

export type FieldStatus = "filled" | "invalid" | "skipped";

/** One per setup session, shared by the agent and every open view. Never holds a secret value. */
export interface FormDocument {
  version: number;
  definitionId: string | null;
  name: string;
  /** The config; a secret field holds the mask "**********", its id sits in `secrets`. */
  values: Record<string, unknown>;
  /** JSON pointer → secret id. */
  secrets: Record<string, string>;
  status: Record<string, FieldStatus>;
}

export interface FieldErrorWire {
  path: string;
  keyword: string;
  message: string;
}

export interface FieldOptionWire {
  index: number;
  title: string;
  description?: string;
  value?: string | number | boolean;
}

/** The machine-readable current question. */
export interface FieldAsk {
  path: string;
  kind: "field" | "choice";
  title: string;
  description?: string;
  type: string;
  enum?: Array<string | number | boolean>;
  options?: FieldOptionWire[];
  secret: boolean;
  required: boolean;
  example?: unknown;
  default?: unknown;
  pattern_descriptor?: string;
  multiline?: boolean;
}

export interface DefinitionSummary {
  id: string;
  name: string;
  displayName: string;
  kind: "source" | "destination";
  documentationUrl?: string;
  /**
   * False when the connector has no live connection test (its check only validates the
   * settings): a succeeded test then means "settings valid, not tested", never "it works".
   */
  liveCheck?: boolean;
}

export interface TranscriptEntry {
  role: "user" | "agent" | "system";
  text: string;
  at: string;
}

export type SessionStatus = "active" | "completed" | "cancelled";

export interface SessionSnapshot {
  id: string;
  status: SessionStatus;
  definition: DefinitionSummary | null;
  /** The connection spec, so a form view can render without another call. */
  spec: Record<string, unknown> | null;
  form: FormDocument;
  pending: FieldAsk | null;
  secretMode: { path: string } | null;
  oauthPending: { path: string; startUrl: string; unavailable?: string } | null;
  transcript: TranscriptEntry[];
  connectorId: string | null;
  lastTest: TestResultEvent | null;
}

export interface TestResultEvent {
  type: "test.result";
  status: "succeeded" | "failed";
  reason?: string;
  message: string;
  fields?: string[];
  /** A generated connector's per-entity results: what worked, and why the others did not. */
  entities?: EntityTestResult[];
}

export type ServerEvent =
  | { type: "session.snapshot"; protocol: number; session: SessionSnapshot }
  | { type: "agent.delta"; id: string; text: string }
  /**
   * A finished reply. Under the id of a streamed reply it replaces what was streamed; with empty
   * text it says that the reply streamed under `id` is void (a connection dropped mid-reply).
   */
  | { type: "agent.message"; id: string; text: string }
  /** `type` is the event's; the field's JSON type travels as `field_type`. */
  | ({ type: "field.ask" } & Omit<FieldAsk, "type"> & { field_type?: string })
  | { type: "secret.request"; path: string; title: string; description?: string }
  | { type: "secret.stored"; path: string }
  /**
   * `unavailable`: the popup would fail (no OAuth client is registered for this connector in the
   * workspace); the words say what an administrator must set up. A view shows them instead of
   * an Authorize button.
   */
  | { type: "oauth.request"; path: string; startUrl: string; unavailable?: string }
  | { type: "oauth.completed"; path: string }
  | { type: "oauth.failed"; path: string; reason: string; message: string }
  /** `name`: the connector's new name, when the batch renamed it. */
  | { type: "form.patch"; version: number; ops: FormOp[]; by: Author; errors?: FieldErrorWire[]; name?: string }
  /**
   * A chat message as the session kept it: screened, so a secret pasted into it is already cut
   * out (`redacted`). Views show this, never what was typed, so the raw text lives nowhere.
   */
  | { type: "message.received"; text: string; redacted?: boolean }
  | { type: "test.started" }
  | TestResultEvent
  | { type: "session.completed"; connectorId: string }
  | { type: "session.cancelled" }
  | { type: "error"; code: string; message: string; field?: string };

export type ClientEvent =
  | { type: "user.message"; text: string }
  | { type: "secret.submit"; path: string; value: string }
  | { type: "secret.cancel"; path?: string }
  /** `name` renames the connector (the form's first field); `ops` may then be empty. */
  | { type: "form.patch"; base_version: number; ops: FormOp[]; name?: string }
  | { type: "view.switch"; view: "agent" | "form" }
  | { type: "oauth.cancel"; path?: string }
  | { type: "test.request" }
  /** The person gives up on this setup (the widget's "Cancel setup"); nothing is saved. */
  | { type: "session.cancel" };

export type ServerEventType = ServerEvent["type"];
export type ClientEventType = ClientEvent["type"];
