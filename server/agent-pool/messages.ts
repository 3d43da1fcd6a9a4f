// What the main thread and an agent worker send each other (structured clones).
import type { AgentInput, FormDocument, SetupAgentOptions, TranscriptEntry } from "../../agent/index.ts";
import type { Definition } from "../../specs/index.ts";

/** Fixed for a worker's life (its workerData). */
export interface WorkerSettings {
  agent: Pick<SetupAgentOptions, "model" | "openai" | "tracing">;
  /** Keep each thread's newest checkpoint in memory: no other process writes these threads. */
  remember: boolean;
  /** Run throwaway in-memory turns at start so the first people's turns find compiled code. */
  warmUp: boolean;
}

/** Definitions the worker's copy of the catalog lacks, in the order the main catalog added them. */
export interface CatalogUpdate {
  definitions: Definition[];
  /** An id the session's form names whose definition now holds another id (replaced by name). */
  alias?: { id: string; name: string };
}

/** One input of one session, run on the worker the session is pinned to. */
export interface RunRequest {
  runId: number;
  sessionId: string;
  connectorId: string | null;
  input: AgentInput;
  /** The session's form as the run starts (the agent reads it at every step). */
  form: FormDocument;
  /** The session's last transcript entries as the run starts (what `recentTurns` reads). */
  turns: TranscriptEntry[];
  publicUrl: string;
  /** The OAuth offers the session's scope knows (sessions/oauth-offer.ts). */
  offers?: { workspaceId: string; clients: Array<[string, boolean]> };
  catalog?: CatalogUpdate;
}
