// A LangGraph checkpoint saver over the project's Store that keeps only the newest checkpoint of
// each thread (plus that checkpoint's pending writes). A setup session never time-travels, so
// history would only grow the store; the newest checkpoint is all a restarted process needs.
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
import type { Store } from "../server/store/types.ts";

export type CheckpointRecords = Pick<Store, "getCheckpoint" | "putCheckpoint" | "deleteCheckpoint">;

/** Bytes from the serializer travel as base64 so the record is plain JSON. */
interface SerializedValue {
  type: string;
  base64: string;
}

interface StoredWrite {
  taskId: string;
  taskPath: string;
  idx: number;
  channel: string;
  value: SerializedValue;
}

/** What one thread's record holds: the newest checkpoint of each namespace. */
interface StoredThread {
  format: 1;
  namespaces: Record<
    string,
    { id: string; checkpoint: SerializedValue; metadata: SerializedValue; writes: StoredWrite[] }
  >;
}

function configOf(threadId: string, namespace: string, checkpointId: string): RunnableConfig {
  return { configurable: { thread_id: threadId, checkpoint_ns: namespace, checkpoint_id: checkpointId } };
}

export class LatestCheckpointSaver extends BaseCheckpointSaver {
  private readonly records: CheckpointRecords;
  // Read-modify-write of one thread's record must not interleave (put and putWrites race).
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(records: CheckpointRecords) {
    super();
    this.records = records;
  }

  private serialize = async (value: unknown): Promise<SerializedValue> => {
    const [type, bytes] = await this.serde.dumpsTyped(value);
    return { type, base64: Buffer.from(bytes).toString("base64") };
  };

  private deserialize = async (value: SerializedValue): Promise<any> =>
    this.serde.loadsTyped(value.type, new Uint8Array(Buffer.from(value.base64, "base64")));

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
    const data = (await this.records.getCheckpoint(threadId)) as StoredThread | undefined;
    return data && data.format === 1 ? data : undefined;
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
    const [serializedCheckpoint, serializedMetadata] = await Promise.all([
      this.serialize(copyCheckpoint(checkpoint)),
      this.serialize(metadata),
    ]);
    await this.exclusive(threadId, async () => {
      const thread: StoredThread = (await this.read(threadId)) ?? { format: 1, namespaces: {} };
      // The new checkpoint supersedes the old one and its writes: nothing of the past is kept.
      thread.namespaces[namespace] = { id: checkpoint.id, checkpoint: serializedCheckpoint, metadata: serializedMetadata, writes: [] };
      await this.records.putCheckpoint(threadId, thread);
    });
    return configOf(threadId, namespace, checkpoint.id);
  }

  override async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath = ""): Promise<void> {
    const threadId = config.configurable?.thread_id as string | undefined;
    const checkpointId = config.configurable?.checkpoint_id as string | undefined;
    if (!threadId || !checkpointId) throw new Error("LatestCheckpointSaver.putWrites needs thread_id and checkpoint_id");
    const namespace = (config.configurable?.checkpoint_ns as string | undefined) ?? "";
    const serialized = await Promise.all(
      writes.map(async ([channel, value], index) => ({
        taskId,
        taskPath,
        idx: WRITES_IDX_MAP[channel] ?? index,
        channel,
        value: await this.serialize(value),
      })),
    );
    await this.exclusive(threadId, async () => {
      const thread = await this.read(threadId);
      const entry = thread?.namespaces[namespace];
      if (!thread || !entry) return;
      // Writes for a checkpoint that is no longer the newest belong to history we do not keep.
      if (entry.id !== checkpointId) return;
      for (const write of serialized) {
        const clash = entry.writes.findIndex((w) => w.taskId === write.taskId && w.idx === write.idx);
        // Special writes (errors, interrupts: negative idx) replace; regular ones are written once.
        if (clash >= 0) {
          if (write.idx < 0) entry.writes[clash] = write;
          continue;
        }
        entry.writes.push(write);
      }
      await this.records.putCheckpoint(threadId, thread);
    });
  }

  override async deleteThread(threadId: string): Promise<void> {
    await this.exclusive(threadId, () => this.records.deleteCheckpoint(threadId));
  }
}
