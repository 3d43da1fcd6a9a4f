// The setup agent: one LangGraph thread per setup session (thread_id = session id), checkpointed
// through the project's store. `run` feeds one input and resolves when the graph waits again.
import { DeferredCheckpointSaver } from "./deferred-checkpoints.ts";
import type { BaseCheckpointSaver } from "@langchain/langgraph";
import type { CatalogLookup } from "../specs/types.ts";
import { LatestCheckpointSaver, type CheckpointRecords } from "./checkpointer.ts";
import { buildSetupGraph } from "./graph.ts";
import { createModelGateway, type ModelGateway } from "./model-gateway.ts";
import { settleReplies, type Understander } from "./nodes/runtime.ts";
import { prompts } from "./prompts.ts";
import { untracedRunContext } from "./run-context.ts";
import type { AgentInput, SessionPort } from "./session-port.ts";
import { understandOffline } from "./understand/offline.ts";
import { createOpenAIUnderstander } from "./understand/openai.ts";
import { createOpenAIConnectorPicker } from "./understand/openai-connector.ts";

/** Which understander runs: the offline one, or an OpenAI-compatible model by name. */
export type ModelSetting = { kind: "offline" } | { kind: "openai"; model: string };

interface SetupAgentBaseOptions {
  catalog: CatalogLookup;
  /**
   * "by-caller": a run's checkpoint is held in memory until `commit(sessionId)` (the server calls
   * it once the session record is saved; see deferred-checkpoints.ts). Default: written as the
   * run ends.
   */
  checkpointCommit?: "on-exit" | "by-caller";
  model: ModelSetting;
  openai?: { apiKey?: string; baseUrl?: string; timeoutMs?: number };
  gateway?: ModelGateway;
  /**
   * LangSmith tracing is configured: keep LangChain's RunTree per step. Without it (the default)
   * the process's LangChain runs skip it (run-context.ts): it traces nothing and costs a turn.
   */
  tracing?: boolean;
}

export type SetupAgentOptions = SetupAgentBaseOptions &
  (
    | {
        /** The saver the graph checkpoints with; the server picks it (see server/bootstrap.ts). */
        checkpointer: BaseCheckpointSaver;
        checkpoints?: never;
      }
    | {
        /** Shorthand (tests): a LatestCheckpointSaver over these records. */
        checkpoints: CheckpointRecords;
        checkpointer?: never;
      }
  );

export interface SetupAgent {
  /**
   * Feeds one input to the session's thread; resolves when the agent waits for the person again.
   * The caller runs one input of a session at a time (the session manager's lock does).
   */
  run(port: SessionPort, input: AgentInput): Promise<void>;
  /** Drops the session's checkpoint (a deleted or expired session). */
  forget(sessionId: string): Promise<void>;
  /** Writes the checkpoints the session's runs held ("by-caller" only; nothing to do otherwise). */
  commit(sessionId: string): Promise<void>;
  /** Drops the checkpoints the session's runs held: the caller could not store their results. */
  discard(sessionId: string): void;
  /** The model gateway this agent uses (its `sent()` log is what tests assert on). */
  readonly gateway: ModelGateway;
}

/** Finished threads stay finished: a late message is answered, never replayed into the graph. */
const FINISHED = new Set(["completed", "cancelled"]);

export function createSetupAgent({ catalog, checkpoints, checkpointer, model, openai, gateway, checkpointCommit = "on-exit", tracing = false }: SetupAgentOptions): SetupAgent {
  if (!tracing) untracedRunContext();
  const modelGateway =
    gateway ??
    createModelGateway(
      model.kind === "openai"
        ? { model: model.model, apiKey: openai?.apiKey, baseUrl: openai?.baseUrl, timeoutMs: openai?.timeoutMs }
        : { model: null },
    );
  const understand: Understander =
    model.kind === "openai" ? createOpenAIUnderstander(modelGateway) : async (text, context) => understandOffline(text, context);
  const pickConnector = model.kind === "openai" ? createOpenAIConnectorPicker(modelGateway) : undefined;
  const direct = checkpointer ?? new LatestCheckpointSaver(checkpoints!);
  const deferred = checkpointCommit === "by-caller" ? new DeferredCheckpointSaver(direct) : undefined;
  const saver = deferred ?? direct;
  const graph = buildSetupGraph({ catalog, understand, pickConnector }, saver);
  async function runOnce(port: SessionPort, input: AgentInput): Promise<void> {
    const config = { configurable: { thread_id: port.sessionId, port }, recursionLimit: 60, durability: "exit" as const };
    // The saved checkpoint alone tells a new thread from a waiting or finished one (cheaper than
    // graph.getState, which also plans the next tasks).
    // LatestCheckpointSaver answers from the record's plain values; LangGraph reads (and
    // deserialises) the checkpoint itself right after, so reading it here too did it twice.
    const peeked = saver instanceof LatestCheckpointSaver ? await saver.peekChannel(port.sessionId, "phase") : undefined;
    const tuple = peeked ? undefined : await saver.getTuple({ configurable: { thread_id: port.sessionId } });
    const saved = peeked ? peeked.exists : tuple !== undefined;
    const phase = (peeked?.exists ? peeked.value : tuple?.checkpoint.channel_values.phase) as string | undefined;
    if (saved && phase && FINISHED.has(phase)) {
      if (input.kind === "message") {
        port.emit({ type: "agent.message", id: `${port.sessionId}-finished`, text: prompts.alreadyFinished() });
      }
      return;
    }
    // The agent speaks through the port, so the run's output is not needed: streaming only what
    // nodes write to `config.writer` (nothing) spares reading the whole state after every step,
    // which `invoke` ("values") does. Errors still surface through the loop.
    // Every turn is a run from START (graph.ts): the input is new input, never a resume. A thread
    // saved while waiting in the former `ask` node's interrupt starts the same way (LangGraph
    // drops a pending task of a node the graph no longer has), and so does one whose last run
    // failed: the failed step is dropped, the state the steps before it left stays.
    try {
      const run = await graph.stream({ input }, { ...config, streamMode: "custom" as const });
      for await (const _ of run);
    } finally {
      settleReplies(port);
    }
  }

  return {
    gateway: modelGateway,
    // No queue of its own: the caller runs one input of a session at a time (the session
    // manager's per-session lock; a test's conversation awaits each turn). A second queue here
    // serialised every turn twice.
    run: runOnce,
    commit: (sessionId) => deferred?.commit(sessionId) ?? Promise.resolve(),
    discard: (sessionId) => deferred?.discard(sessionId),
    async forget(sessionId) {
      await saver.deleteThread(sessionId);
    },
  };
}
