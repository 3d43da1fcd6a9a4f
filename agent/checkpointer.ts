// A LangGraph checkpoint saver over the project's Store that keeps only the newest checkpoint of
// each thread (plus that checkpoint's pending writes). A setup session never time-travels, so
// history would only grow the store; the newest checkpoint is all a restarted process needs.
//
// Cost per turn matters (every chat message is one graph run): with `remember` (the default, for
// a process that is the only writer of its threads) the newest record of each thread is also kept
// in memory, so a turn reads no file. Either way a run's exit checkpoint and its pending writes
// land in one store write: LangGraph sends those writes a moment *before* the checkpoint they
// belong to, so they wait here (in memory only: without their checkpoint they mean nothing) and
// are stored with it.
import {
  BaseCheckpointSaver,
  WRITES_IDX_MAP,
  compareWritesSortKeys,
  copyCheckpoint,
  getCheckpointId,
  writesSortKey,
  type ChannelVersions,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointPendingWrite,
  type CheckpointTuple,
  type PendingWrite,
} from "@langchain/langgraph-checkpoint";
import type { RunnableConfig } from "@langchain/core/runnables";
import { CheckpointSerializer } from "./checkpoint-serde.ts";
import { createRecentMap, type RecentMap } from "./recent-map.ts";

/** Where checkpoints live: the server's store implements these three (agent/ never imports server/). */
export interface CheckpointRecords {
  getCheckpoint(threadId: string): Promise<unknown | undefined>;
  putCheckpoint(threadId: string, data: unknown): Promise<void>;
  deleteCheckpoint(threadId: string): Promise<void>;
}

export interface LatestCheckpointSaverOptions {
  /**
   * Keep each thread's newest record in memory (at most `rememberLimit` threads). Only safe when
   * no other process writes these threads; with shared storage every read goes to the store.
   */
  remember?: boolean;
  rememberLimit?: number;
}

/**
 * A serialized value inside the record. The serializer's JSON stays JSON text, so the record is
 * readable and a search of the data dir (the leak tests) sees what a checkpoint holds; other
 * bytes travel as base64. Records written before JSON text was kept hold base64 only.
 */
type SerializedValue = { type: string; json: string } | { type: string; base64: string };

const utf8 = new TextDecoder();

interface StoredWrite {
  taskId: string;
  taskPath: string;
  idx: number;
  channel: string;
  value: SerializedValue;
}

interface StoredNamespace {
  id: string;
  checkpoint: SerializedValue;
  metadata: SerializedValue;
  writes: StoredWrite[];
  /**
   * The checkpoint's channels whose values are plain strings, numbers, booleans or null, as
   * written: `peekChannel` answers from them without deserialising the whole checkpoint.
   */
  plain?: Record<string, string | number | boolean | null>;
}

/** What one thread's record holds: the newest checkpoint of each namespace. Never mutated once built. */
interface StoredThread {
  format: 1;
  namespaces: Record<string, StoredNamespace>;
}

function configOf(threadId: string, namespace: string, checkpointId: string): RunnableConfig {
  return { configurable: { thread_id: threadId, checkpoint_ns: namespace, checkpoint_id: checkpointId } };
}

/** Adds writes of one task to a list: special writes (errors, interrupts: negative idx) replace, regular ones are written once. */
function mergeWrites(existing: StoredWrite[], incoming: StoredWrite[]): StoredWrite[] {
  const merged = [...existing];
  for (const write of incoming) {
    const clash = merged.findIndex((w) => w.taskId === write.taskId && w.idx === write.idx);
    if (clash < 0) merged.push(write);
    else if (write.idx < 0) merged[clash] = write;
  }
  return merged;
}

/** A store write waiting for the previous one of its thread; later changes join it until it starts. */
interface QueuedWrite {
  record: StoredThread | null;
  started: boolean;
  done: Promise<void>;
}

export class LatestCheckpointSaver extends BaseCheckpointSaver {
  private readonly records: CheckpointRecords;
  private readonly memory: RecentMap<string, StoredThread> | undefined;
  // Read-modify-write of one thread's record must not interleave (put and putWrites race).
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly storeWrites = new Map<string, QueuedWrite>();
  /** Writes for a checkpoint whose put has not arrived yet, by thread and namespace. */
  private readonly ahead = new Map<string, { id: string; writes: StoredWrite[] }>();

  constructor(records: CheckpointRecords, { remember = true, rememberLimit = 5000 }: LatestCheckpointSaverOptions = {}) {
    // LangGraph's serializer, reading and writing plain JSON without its per-value async walk.
    super(new CheckpointSerializer());
    this.records = records;
    this.memory = remember ? createRecentMap(rememberLimit) : undefined;
  }

  private serialize = async (value: unknown): Promise<SerializedValue> => {
    const [type, bytes] = await this.serde.dumpsTyped(value);
    if (type === "json") return { type, json: utf8.decode(bytes) };
    return { type, base64: Buffer.from(bytes).toString("base64") };
  };

  private deserialize = async (value: SerializedValue): Promise<any> =>
    "json" in value
      ? this.serde.loadsTyped(value.type, value.json)
      : this.serde.loadsTyped(value.type, new Uint8Array(Buffer.from(value.base64, "base64")));

  /** Runs `work` after every earlier operation on the thread; the slot is taken at call time. */
  private exclusive<T>(threadId: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(threadId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(threadId, settled);
    void settled.then(() => {
      if (this.queues.get(threadId) === settled) this.queues.delete(threadId);
    });
    return next;
  }

  private async read(threadId: string): Promise<StoredThread | undefined> {
    const remembered = this.memory?.get(threadId);
    if (remembered) return remembered;
    const data = (await this.records.getCheckpoint(threadId)) as StoredThread | undefined;
    const thread = data && data.format === 1 ? data : undefined;
    if (thread) this.memory?.set(threadId, thread);
    return thread;
  }

  /**
   * Makes `record` the thread's newest (null: deletes it). Without memory the store is written
   * before the next operation may read it; with memory the returned promise settles once the
   * store holds this record (or a newer one that superseded it in the same queued write).
   */
  private async commit(threadId: string, record: StoredThread | null): Promise<{ durable: Promise<void> }> {
    if (!this.memory) {
      await (record ? this.records.putCheckpoint(threadId, record) : this.records.deleteCheckpoint(threadId));
      return { durable: Promise.resolve() };
    }
    if (record) this.memory.set(threadId, record);
    else this.memory.delete(threadId);
    const queued = this.storeWrites.get(threadId);
    if (queued && !queued.started) {
      queued.record = record;
      return { durable: queued.done };
    }
    const entry: QueuedWrite = { record, started: false, done: Promise.resolve() };
    entry.done = (queued?.done ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        entry.started = true;
        return entry.record ? this.records.putCheckpoint(threadId, entry.record) : this.records.deleteCheckpoint(threadId);
      })
      .catch((error: unknown) => {
        // What the store holds is unknown now: the next read goes to the store, not to memory.
        this.memory?.delete(threadId);
        throw error;
      })
      .finally(() => {
        if (this.storeWrites.get(threadId) === entry) this.storeWrites.delete(threadId);
      });
    this.storeWrites.set(threadId, entry);
    // A failure reaches the put/putWrites that wrote this record; this copy only avoids an unhandled rejection.
    entry.done.catch(() => undefined);
    return { durable: entry.done };
  }

  override async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const threadId = config.configurable?.thread_id as string | undefined;
    if (!threadId) return undefined;
    const namespace = (config.configurable?.checkpoint_ns as string | undefined) ?? "";
    const wanted = getCheckpointId(config);
    const thread = await this.exclusive(threadId, () => this.read(threadId));
    const entry = thread?.namespaces[namespace];
    if (!entry) return undefined;
    if (wanted && wanted !== entry.id) return undefined;
    const checkpoint = (await this.deserialize(entry.checkpoint)) as Checkpoint;
    const ordered = [...entry.writes].sort((a, b) =>
      compareWritesSortKeys(writesSortKey(a.taskPath, a.taskId, a.idx), writesSortKey(b.taskPath, b.taskId, b.idx)),
    );
    const pendingWrites: CheckpointPendingWrite[] = await Promise.all(
      ordered.map(async (write) => [write.taskId, write.channel, await this.deserialize(write.value)] as CheckpointPendingWrite),
    );
    return {
      config: configOf(threadId, namespace, checkpoint.id),
      checkpoint,
      metadata: (await this.deserialize(entry.metadata)) as CheckpointMetadata,
      pendingWrites,
    };
  }

  /**
   * Whether the thread has a checkpoint (root namespace), and the value of one plain channel in
   * it, without deserialising the checkpoint: `undefined` when the record cannot say (written
   * before plain values were kept), and the caller reads the checkpoint instead.
   */
  async peekChannel(threadId: string, channel: string): Promise<{ exists: false } | { exists: true; value: unknown } | undefined> {
    const thread = await this.exclusive(threadId, () => this.read(threadId));
    const entry = thread?.namespaces[""];
    if (!entry) return { exists: false };
    if (!entry.plain) return undefined;
    return { exists: true, value: entry.plain[channel] };
  }

  override async *list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    if (options?.limit !== undefined && options.limit <= 0) return;
    const tuple = await this.getTuple(config);
    if (!tuple) return;
    const before = options?.before?.configurable?.checkpoint_id as string | undefined;
    if (before && tuple.checkpoint.id >= before) return;
    if (options?.filter) {
      const metadata = (tuple.metadata ?? {}) as Record<string, unknown>;
      if (!Object.entries(options.filter).every(([key, value]) => metadata[key] === value)) return;
    }
    yield tuple;
  }

  override async put(
    config: RunnableConfig,
    checkpoint: Checkpoint,
    metadata: CheckpointMetadata,
    _newVersions: ChannelVersions,
  ): Promise<RunnableConfig> {
    const threadId = config.configurable?.thread_id as string | undefined;
    if (!threadId) throw new Error("LatestCheckpointSaver.put needs configurable.thread_id");
    const namespace = (config.configurable?.checkpoint_ns as string | undefined) ?? "";
    const copied = copyCheckpoint(checkpoint);
    const { durable } = await this.exclusive(threadId, async () => {
      const [serializedCheckpoint, serializedMetadata] = await Promise.all([this.serialize(copied), this.serialize(metadata)]);
      const thread = await this.read(threadId);
      // The new checkpoint supersedes the old one and its writes: nothing of the past is kept,
      // except writes that were sent for this very checkpoint before it arrived.
      const key = `${threadId}\u0000${namespace}`;
      const early = this.ahead.get(key);
      const writes = early?.id === checkpoint.id ? early.writes : [];
      if (early && early.id <= checkpoint.id) this.ahead.delete(key);
      const plain: Record<string, string | number | boolean | null> = {};
      for (const [channel, value] of Object.entries(copied.channel_values ?? {})) {
        if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean") plain[channel] = value;
      }
      const entry: StoredNamespace = { id: checkpoint.id, checkpoint: serializedCheckpoint, metadata: serializedMetadata, writes, plain };
      return this.commit(threadId, { format: 1, namespaces: { ...thread?.namespaces, [namespace]: entry } });
    });
    await durable;
    return configOf(threadId, namespace, checkpoint.id);
  }

  override async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath = ""): Promise<void> {
    const threadId = config.configurable?.thread_id as string | undefined;
    const checkpointId = config.configurable?.checkpoint_id as string | undefined;
    if (!threadId || !checkpointId) throw new Error("LatestCheckpointSaver.putWrites needs thread_id and checkpoint_id");
    const namespace = (config.configurable?.checkpoint_ns as string | undefined) ?? "";
    const { durable } = await this.exclusive(threadId, async () => {
      const serialized = await Promise.all(
        writes.map(async ([channel, value], index) => ({
          taskId,
          taskPath,
          idx: WRITES_IDX_MAP[channel] ?? index,
          channel,
          value: await this.serialize(value),
        })),
      );
      const thread = await this.read(threadId);
      const entry = thread?.namespaces[namespace];
      if (thread && entry?.id === checkpointId) {
        const next: StoredNamespace = { ...entry, writes: mergeWrites(entry.writes, serialized) };
        return this.commit(threadId, { format: 1, namespaces: { ...thread.namespaces, [namespace]: next } });
      }
      // Checkpoint ids grow with time: writes for a newer checkpoint (or the thread's first) wait
      // for its put; writes for an older one belong to history that is not kept.
      if (!entry || checkpointId > entry.id) {
        const key = `${threadId}\u0000${namespace}`;
        const early = this.ahead.get(key);
        this.ahead.set(key, { id: checkpointId, writes: mergeWrites(early?.id === checkpointId ? early.writes : [], serialized) });
      }
      return { durable: Promise.resolve() };
    });
    await durable;
  }

  override async deleteThread(threadId: string): Promise<void> {
    const { durable } = await this.exclusive(threadId, () => {
      for (const key of this.ahead.keys()) if (key.startsWith(`${threadId}\u0000`)) this.ahead.delete(key);
      return this.commit(threadId, null);
    });
    await durable;
  }
}
