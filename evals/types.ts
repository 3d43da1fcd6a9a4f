// The shapes of an eval case (../shared/EVALS.md, plus the documented extensions `existing`,
// `services` and `turns[].when`) and of one run of it, which the graders read.
import type { ClientEvent, ServerEvent, TestResultEvent } from "../agent/protocol.ts";
import type { JsonSchema } from "../specs/types.ts";

export type Scalar = string | number | boolean | null;
export type SecretFact = { secret: string };
export type ChooseFact = { choose: string | number | boolean };
export type AnswersFact = { answers: unknown[] };
/** What the simulated user knows about one JSON pointer. */
export type Fact = unknown;

export type Turn =
  | ({ say: string } & TurnGuard)
  | ({ form: { set?: Record<string, unknown>; unset?: string[] } } & TurnGuard)
  | ({ secret: { path: string; value: string } } & TurnGuard)
  | ({ oauth: "approve" | "deny" } & TurnGuard)
  | ({ switch: "form" | "agent" } & TurnGuard)
  | ({ test: true } & TurnGuard);

/** Extension: hold a turn until the agent asks this path (a question "mid-way"). */
export interface TurnGuard {
  when?: { asked: string };
}

export type Outcome = "saved" | "test_failed" | "abandoned";

export interface Expect {
  outcome?: Outcome;
  config?: Record<string, unknown>;
  test?: "succeeded" | "failed" | "skipped";
  failure_reason?: string;
  max_user_turns?: number;
  not_asked?: string[];
}

export interface EvalCase {
  id: string;
  connector: string;
  definitions?: string;
  opening?: string;
  facts?: Record<string, Fact>;
  turns?: Turn[];
  expect: Expect;
  /** Extension: start from a saved connector with this config (secrets as `{ secret: V }`). */
  existing?: { name?: string; config: Record<string, unknown> };
  /** Extension: fixtures the case needs; their values fill `{{ name.key }}` placeholders. */
  services?: string[];
  /** Where the case was loaded from (set by the loader). */
  file: string;
}

export interface TranscriptItem {
  /** Seconds since the case started. */
  at: number;
  from: "user" | "server";
  event: ClientEvent | ServerEvent | { type: "oauth.approve" | "oauth.deny"; path: string; landed?: string };
  /** Rebuilt from the first snapshot: emitted while the session was created, before anyone could listen. */
  recovered?: "snapshot";
}

export interface LeakSources {
  /** Everything sent to the model (gateway log, recording proxy). */
  model: string[];
  /** Log lines and console output written while the case ran. */
  logs: string[];
  /** Stored files of the data dir, by path. */
  files: Array<{ path: string; content: string }>;
}

export interface CaseRun {
  caseId: string;
  sessionId?: string;
  outcome: Outcome;
  /** Why the simulated conversation ended. */
  endReason: string;
  transcript: TranscriptItem[];
  userTurns: number;
  requiredFields: number;
  /** Final config with secrets resolved server-side (saved connector, else the form); null when unknown. */
  finalConfig: Record<string, unknown> | null;
  /** Paths whose secrets could not be resolved (remote runs). */
  unresolvedSecrets: string[];
  /** validateConfig errors of the final config; null when there is no definition to validate against. */
  configErrors: Array<{ path: string; message: string }> | null;
  lastTest: TestResultEvent | null;
  /** The connector's spec (connectionSpecification), for graders that read defaults and options; null when unknown. */
  spec: JsonSchema | null;
  /** Whether the connector has a live connection check (false: a "succeeded" test only validated the settings); null when unknown. */
  liveCheck: boolean | null;
  /** Every path the agent asked (field.ask, secret.request, oauth.request), in order. */
  asked: string[];
  /** The paths of `asked` asked when the session started, before the user did anything (its first entries). */
  askedAtStart: string[];
  leakSources: LeakSources;
  seconds: number;
  /** A harness failure (not an agent failure): the case could not be run. */
  error?: string;
}

export interface GraderResult {
  pass: boolean;
  score: number;
  reason: string;
  /** The case does not ask for this grader. */
  skipped?: boolean;
  /** For graders that count faults (no_wrong_value: wrong writes). */
  count?: number;
}

export type Grader = (caseDef: EvalCase, run: CaseRun) => GraderResult;
