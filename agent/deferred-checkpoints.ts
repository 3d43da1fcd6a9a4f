// Holds a run's checkpoint writes until the caller says the run's other results are stored.
//
// The server keeps two records per setup session: the session record (form, transcript, status)
// and the agent's checkpoint. They cannot be written atomically (two lowdb files; two Postgres
// statements from different modules), so the order decides what a crash between them leaves. The
// checkpoint used to come first: a process killed after the checkpoint said "completed" and
// before the record was saved left a session whose record still waited for its password and
// whose agent would never run again (found by the reliability suite's crash run). Written in the
// other order, a crash leaves the checkpoint behind the record, and the agent replays the input
// from its previous checkpoint (its nodes are safe to re-run).
import { BaseCheckpointSaver, copyCheckpoint, type ChannelVersions, type Checkpoint, type CheckpointListOptions, type CheckpointMetadata, type CheckpointTuple, type PendingWrite } from "@langchain/langgraph-checkpoint";
import type { RunnableConfig } from "@langchain/core/runnables";

export class DeferredCheckpointSaver extends BaseCheckpointSaver {
  readonly #inner: BaseCheckpointSaver;
  /** Per thread, the held calls in the order LangGraph made them. */
  readonly #held = new Map<string, Array<() => Promise<unknown>>>();

  constructor(inner: BaseCheckpointSaver) {
    super(inner.serde);
    this.#inner = inner;
  }

  #hold(config: RunnableConfig, call: () => Promise<unknown>): void {
    const thread = String(config.configurable?.thread_id ?? "");
    const calls = this.#held.get(thread) ?? [];
    calls.push(call);
    this.#held.set(thread, calls);
  }

  // A run reads its thread's checkpoint once, when it starts: by then the previous run's writes
  // were committed (the session's lock spans run, record save and commit).
  getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    return this.#inner.getTuple(config);
  }

  list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    return this.#inner.list(config, options);
  }

  async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, newVersions: ChannelVersions): Promise<RunnableConfig> {
    const kept = copyCheckpoint(checkpoint);
    this.#hold(config, () => this.#inner.put(config, kept, metadata, newVersions));
    return { configurable: { thread_id: config.configurable?.thread_id, checkpoint_ns: config.configurable?.checkpoint_ns ?? "", checkpoint_id: checkpoint.id } };
  }

  async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath?: string): Promise<void> {
    const kept = writes.slice();
    this.#hold(config, () => this.#inner.putWrites(config, kept, taskId, taskPath));
  }

  async deleteThread(threadId: string): Promise<void> {
    this.#held.delete(threadId);
    await this.#inner.deleteThread(threadId);
  }

  override getNextVersion(current: number | undefined): number {
    return this.#inner.getNextVersion(current);
  }

  override getDeltaChannelHistory(options: Parameters<BaseCheckpointSaver["getDeltaChannelHistory"]>[0]) {
    return this.#inner.getDeltaChannelHistory(options);
  }

  /** Writes what the thread's runs held, in order. */
  async commit(threadId: string): Promise<void> {
    const calls = this.#held.get(threadId);
    this.#held.delete(threadId);
    for (const call of calls ?? []) await call();
  }

  /** Forgets what the thread's runs held: their results were not stored either. */
  discard(threadId: string): void {
    this.#held.delete(threadId);
  }
}
