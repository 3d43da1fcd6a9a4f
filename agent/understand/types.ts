// What an understander (offline or model) makes of one chat message: a list of decisions the
// graph then applies. Both understanders return the same shapes so either can serve a turn.
import type { Definition, Question } from "../../specs/types.ts";

export type Decision =
  /** A value for a field, already typed for it (validated later, against the spec). */
  | { kind: "set"; path: string; value: unknown }
  /** A oneOf option picked for the choice at `path`. */
  | { kind: "choose"; path: string; optionIndex: number }
  /** Text meant for a field that could not be turned into its type. */
  | { kind: "invalid"; path: string; text: string; reason: string }
  /** The person tried to give a secret field in chat: the value is dropped, secret mode follows. */
  | { kind: "secret_in_chat"; path: string }
  /** An optional field the person says they use ("there's a passphrase too"): ask it. */
  | { kind: "wanted"; path: string }
  /** A question about a field (or the connector when path is null). */
  | { kind: "question"; path: string | null }
  /** Skip the pending question, or the optional field at `path` ("no password needed"). */
  | { kind: "skip"; path?: string }
  | { kind: "back" }
  /** "I don't know" for the pending question, or for the field at `path` ("no idea about the port"). */
  | { kind: "dont_know"; path?: string }
  | { kind: "use_default" }
  /** "that's right", "correct": the value shown (or offered) stands. */
  | { kind: "agree" }
  | { kind: "start_over" }
  | { kind: "cancel" }
  | { kind: "test" }
  /** Small talk ("hello", "thanks"): answered politely, the question asked again. */
  | { kind: "chitchat"; topic?: "connector" }
  /** Something the understander could not place. */
  | { kind: "unclear" }
  /** Free text from a model, said to the person as is. */
  | { kind: "say"; text: string }
  /** A value read with too little certainty to store: the agent asks "Is 5432 the port?". */
  | { kind: "confirm"; path: string; value: unknown; optionIndex?: number };

export interface UnderstandContext {
  definition: Definition;
  /** The question being asked, if any. */
  pending: Question | null;
  /** Every field and choice of the definition for the current values (for names in the text). */
  fields: Question[];
  /** The current config (secret fields hold the mask). */
  values: Record<string, unknown>;
  /** Secret ids of the form: never sent to a model. */
  secretIds?: string[];
  /** Paths answered so far, oldest first ("make that 7" changes the last one). */
  answered?: string[];
  /** The conversation before this message, oldest first (screened text): context for a model. */
  recent?: Array<{ role: "user" | "agent"; text: string }>;
  /** A value the agent asked the person to confirm ("Is 5432 the port?"): a yes stores it. */
  proposal?: { path: string; value: unknown; optionIndex?: number } | null;
}

/** A value one reading of the message proposes for a field; the resolver picks among them. */
export interface Candidate {
  path: string;
  value: unknown;
  /** For a oneOf choice: the option. */
  optionIndex?: number;
  /** Span of the message the value was read from (one span serves one field). */
  start: number;
  end: number;
  /** How sure the reading is, 0..1. */
  score: number;
  /** Which reading proposed it ("named", "pair", "dsn", "shape", "choice", "date", "pending", ...). */
  source: string;
  /** Candidates read together from one span (a connection string's host and port) never compete. */
  group?: string;
}

/** A value a field was clearly given that does not fit it: said back to the person, never stored. */
export interface Rejected {
  path: string;
  raw: string;
  reason: string;
  score: number;
  start: number;
  end: number;
}
