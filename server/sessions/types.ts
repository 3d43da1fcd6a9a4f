// What the routes (REST twin, ws, OAuth callback) need of the live-session layer.
import type { AgentInput, SessionPort } from "../../agent/session-port.ts";
import type { ClientEvent, ServerEvent, SessionSnapshot } from "../../agent/protocol.ts";
import type { SessionRecord } from "../store/types.ts";

/** What the session layer needs of the setup agent (agent/index.ts SetupAgent satisfies it). */
export interface SessionAgent {
  /** Handles one input; emits through port.emit; resolves when the agent waits for the user again. */
  run(port: SessionPort, input: AgentInput): Promise<void>;
  forget?(sessionId: string): void | Promise<void>;
  /** Called once the session record of an action is saved: the agent may now store its checkpoint. */
  commit?(sessionId: string): Promise<void>;
  /** Called when the record could not be saved: the checkpoint the action held is dropped. */
  discard?(sessionId: string): void;
  /** Stops what the agent runs on (an agent pool's workers). */
  close?(): Promise<void>;
}

export interface CreateSessionInput {
  workspaceId: string;
  definitionId: string | null;
  connectorId: string | null;
  allowedOrigin: string | null;
}

export interface CreatedSession {
  session_id: string;
  session_token: string;
  expires_at: string;
}

export interface StoredOutput {
  path: string;
  value: string;
  /** Stored in the secret store (the form keeps the mask and id). */
  secret: boolean;
}

export interface SessionManager {
  create(input: CreateSessionInput): Promise<CreatedSession>;
  /** Throws ApiError 401 (bad/expired token) or 404 (unknown session). */
  authenticate(sessionId: string, token: string): Promise<SessionRecord>;
  snapshot(sessionId: string): Promise<SessionSnapshot>;
  /** One client event (ws or REST twin); resolves with every event the action caused. */
  dispatch(sessionId: string, event: ClientEvent): Promise<ServerEvent[]>;
  /** Wakes the agent with a server-side input (OAuth completion, ...). */
  input(sessionId: string, input: AgentInput): Promise<ServerEvent[]>;
  /** Stores a secret for a field (secret mode, OAuth tokens) and patches the form with id + mask. */
  storeSecret(sessionId: string, path: string, value: string, by: "form" | "api" | "oauth"): Promise<void>;
  /**
   * Stores what a server-side flow produced (an OAuth sign-in's tokens, the server-held client
   * id/secret) in one action: plain values as a form patch, secrets in the secret store. It never
   * wakes the agent; the caller wakes it once afterwards with `input` (e.g. oauth.completed).
   */
  /**
   * Stores a server flow's outputs in one action. With `whileWaitingFor`, only while the session
   * still waits for the OAuth sign-in of that path, checked inside the session's lock (a cancel
   * can then never slip in between the check and the write); answers whether anything was stored.
   */
  storeOutputs(sessionId: string, outputs: StoredOutput[], by: "oauth" | "api", options?: { whileWaitingFor?: string }): Promise<boolean>;
  /** Live events of a session (every view, every replica). Returns the unsubscribe function. */
  subscribe(sessionId: string, listener: (event: ServerEvent) => void): () => void;
  /**
   * Deletes the sessions that expired more than `graceMs` ago, with their secrets and agent
   * checkpoints; resolves with how many. Optional: a session layer without storage has none.
   */
  sweepExpired?(options: { graceMs: number; now?: number }): Promise<number>;
  close(): Promise<void>;
}
