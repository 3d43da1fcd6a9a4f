// What the agent is handed for one setup session. The server implements it; the agent never
// reaches for HTTP, the store or a secret value through anything else.
import type { CheckResult, Definition } from "../specs/types.ts";
import type { Author, FieldErrorWire, FormDocument, FormOp, ServerEvent, TranscriptEntry } from "./protocol.ts";

export interface SessionPort {
  readonly sessionId: string;
  /** The connector being modified, when the session was opened on one. */
  readonly connectorId: string | null;
  /** The current form document: re-read before every question (the form view may have changed it). */
  readForm(): Promise<FormDocument>;
  /** Applies ops in order, bumps the version, broadcasts a form.patch; returns the touched paths' errors. */
  patchForm(ops: FormOp[], by: Author): Promise<{ version: number; errors: FieldErrorWire[] }>;
  /** Chooses (or changes) the session's connector definition; resets the form to it. */
  setDefinition(definition: Definition): Promise<void>;
  /** Stores a value as the secret of `path` and writes its id + mask into the form. */
  storeSecret(path: string, value: string): Promise<void>;
  /** Runs the connection check with secrets resolved server-side. The result holds no secret. */
  testConnection(): Promise<CheckResult>;
  /** Creates the connector, or updates the one this session was opened on. */
  saveConnector(): Promise<{ connectorId: string }>;
  /** The URL the widget's popup opens to authorize `path`'s OAuth option. */
  oauthStartUrl(path: string): string;
  /** Sends an event to every view of the session (and to the current REST caller). */
  emit(event: ServerEvent): void;
  /** The last `count` transcript entries, oldest first (chat as screened, the agent's messages). */
  recentTurns(count: number): TranscriptEntry[];
}

/** What wakes the agent up. Never carries a secret value: the server screens chat text first. */
export type AgentInput =
  | { kind: "start" }
  /** `storedAt`: the field a secret cut out of this message was stored as (the value never comes along). */
  | { kind: "message"; text: string; redacted?: boolean; storedAt?: string; stored?: string[] }
  | { kind: "secret.stored"; path: string }
  | { kind: "secret.cancel"; path?: string }
  | { kind: "oauth.completed"; path: string }
  | { kind: "oauth.failed"; path: string; reason: string; message: string }
  | { kind: "oauth.cancel"; path?: string }
  /** The person edited the form; `paths` are the fields the edit touched (older inputs have none). */
  | { kind: "form.changed"; paths?: string[] }
  | { kind: "test.request" }
  /** The person cancelled the whole setup from a view (not by typing "cancel"). */
  | { kind: "cancel" };
