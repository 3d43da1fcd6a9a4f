// The graph's state: one per setup session thread, checkpointed when a run ends (durability "exit"). It holds paths,
// counters and the text of the agent's own replies, never a secret value (the session layer
// screens chat text before it arrives here, and secrets live only in the secret store).
import { Annotation } from "@langchain/langgraph";
import type { FieldAsk } from "./protocol.ts";
import type { AgentInput } from "./session-port.ts";
import type { Decision } from "./understand/types.ts";

export type Phase =
  /** No connector yet: the next message names one. */
  | "connector"
  /** A field (or choice) is asked in normal chat. */
  | "field"
  /** Secret mode: waiting for secret.stored / secret.cancel. */
  | "secret"
  /** OAuth popup open: waiting for oauth.completed / failed / cancel. */
  | "oauth"
  /** Every needed field is filled: the connection test runs next. */
  | "testing"
  /** Nothing left to ask; waiting for a change or a test request after a failed test. */
  | "idle"
  | "completed"
  | "cancelled";

// Every channel keeps the last value written: graph.ts routes on `{ ...state, ...update }`, which
// is only the next state while no channel merges (a list reducer would break that).
const last = <T>(initial: () => T) => Annotation<T>({ reducer: (_old, next) => next, default: initial });

export const AgentState = Annotation.Root({
  /** What woke the agent up most recently (a resume value or the first input). */
  input: last<AgentInput | null>(() => null),
  phase: last<Phase>(() => "connector"),
  /** The question being asked (the wire shape: what field.ask carried). */
  pending: last<FieldAsk | null>(() => null),
  /** Connector candidates offered when the catalog search was ambiguous (definition ids). */
  candidates: last<string[]>(() => []),
  /** Paths the person skipped (optional fields only); the walker leaves them out. */
  skipped: last<string[]>(() => []),
  /** Paths asked and answered, oldest first: "go back" walks this. */
  answered: last<string[]>(() => []),
  /** A path to ask again even though it has a value (go back, a failed test named it). */
  reask: last<string[]>(() => []),
  /** "I don't know" count per path: the agent gives up after a few on a required field. */
  unknowns: last<Record<string, number>>(() => ({})),
  /** What the understander made of the last message; consumed by apply. */
  decisions: last<Decision[]>(() => []),
  /** Sentences to say before the next question (confirmations, explanations). */
  notes: last<string[]>(() => []),
  /** The secret field whose secret mode the person cancelled; asked in chat until they are ready. */
  secretDeclined: last<string | null>(() => null),
  /** Set after an OAuth failure or cancel so the agent asks before opening the popup again. */
  oauthDeclined: last<boolean>(() => false),
  /** A failed test blamed what the OAuth sign-in wrote: sign in again (the server holds those values, the person does not). */
  reauthorize: last<boolean>(() => false),
  /** Form version at the last failed test (or when a modify session began): an unchanged form is not tested on its own. */
  failedTestVersion: last<number | null>(() => null),
  /** Messages in a row that changed nothing while a failed test waits for a fix; the agent stops after a few. */
  idleTurns: last<number>(() => 0),
  /**
   * A new session whose connector needs nothing more: the agent said what it will use and waits
   * for the person's go-ahead (any answer but a question) before the first test.
   */
  awaitingGo: last<boolean>(() => false),
  /**
   * A value the understander was not sure of, put to the person as a question ("Is 5432 the
   * Port?"): a yes on the next message stores it, anything else drops it.
   */
  proposal: last<{ path: string; value: unknown; optionIndex?: number } | null>(() => null),
  /** The agent picked the connector from the person's words (not the host app): they may switch it. */
  chosenByAgent: last<boolean>(() => false),
  /** Set when the person asked for a test. */
  testRequested: last<boolean>(() => false),
  /** The last failed test's reason and fields ("auth_failed:/password"), and how many times in a row it failed so. */
  lastFailure: last<string | null>(() => null),
  sameFailures: last<number>(() => 0),
  /** Set by a failed test for the next-field step right after it (which then says nothing about "unchanged"). */
  justFailed: last<boolean>(() => false),
});

export type AgentStateType = typeof AgentState.State;
export type AgentStateUpdate = typeof AgentState.Update;
