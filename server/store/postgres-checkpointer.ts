// The agent's checkpointer on PostgreSQL (DATABASE_URL): LangGraph's official PostgresSaver and
// its tables, keeping only the newest checkpoint of each thread. A setup session never
// time-travels, so after each checkpoint is stored the thread's older checkpoints, their writes
// and the channel blobs the newest one no longer points at are deleted.
import pg from "pg";
import { PostgresSaver } from "@langchain/langgraph-checkpoint-postgres";
import type { ChannelVersions, Checkpoint, CheckpointMetadata } from "@langchain/langgraph-checkpoint";
import type { RunnableConfig } from "@langchain/core/runnables";
import { quoteIdentifier } from "./postgres-store.ts";

export class LatestPostgresSaver extends PostgresSaver {
  readonly #pool: pg.Pool;
  readonly #schema: string;

  constructor(pool: pg.Pool, options: { schema: string }) {
    super(pool, undefined, { schema: options.schema });
    this.#pool = pool;
    this.#schema = quoteIdentifier(options.schema);
  }

  override async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata, newVersions: ChannelVersions): Promise<RunnableConfig> {
    const threadId = config.configurable?.thread_id as string | undefined;
    if (!threadId) throw new Error("LatestPostgresSaver.put needs configurable.thread_id");
    const namespace = (config.configurable?.checkpoint_ns as string | undefined) ?? "";
    // Stored without a parent: the parent is about to be deleted.
    const stored = await super.put({ configurable: { thread_id: threadId, checkpoint_ns: namespace } }, checkpoint, metadata, newVersions);
    await this.#pruneBefore(threadId, namespace, checkpoint.id);
    return stored;
  }

  /**
   * Deletes what is older than checkpoint `newest` (ids grow with time, so writes LangGraph sent
   * for it just before its put are kept) and every blob its channel versions do not name. If this
   * fails (or the process dies first) the next put of the thread prunes the rest.
   */
  async #pruneBefore(threadId: string, namespace: string, newest: string): Promise<void> {
    const t = (table: string) => `${this.#schema}.${table}`;
    const client = await this.#pool.connect();
    try {
      await client.query("BEGIN");
      await client.query(`DELETE FROM ${t("checkpoints")} WHERE thread_id = $1 AND checkpoint_ns = $2 AND checkpoint_id < $3`, [threadId, namespace, newest]);
      await client.query(`DELETE FROM ${t("checkpoint_writes")} WHERE thread_id = $1 AND checkpoint_ns = $2 AND checkpoint_id < $3`, [threadId, namespace, newest]);
      await client.query(
        `DELETE FROM ${t("checkpoint_blobs")} blob WHERE blob.thread_id = $1 AND blob.checkpoint_ns = $2 AND NOT EXISTS (
           SELECT 1 FROM ${t("checkpoints")} cp, jsonb_each_text(cp.checkpoint -> 'channel_versions') version
           WHERE cp.thread_id = $1 AND cp.checkpoint_ns = $2 AND cp.checkpoint_id = $3
             AND version.key = blob.channel AND version.value = blob.version)`,
        [threadId, namespace, newest],
      );
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}

/**
 * The saver on `pool`, its tables created or migrated (PostgresSaver.setup) once. Replicas that
 * start together take turns: an advisory lock keeps two migrations from racing.
 */
export async function createPostgresCheckpointer({ pool, schema }: { pool: pg.Pool; schema: string }): Promise<LatestPostgresSaver> {
  const saver = new LatestPostgresSaver(pool, { schema });
  const lock = await pool.connect();
  try {
    await lock.query("SELECT pg_advisory_lock(hashtext($1))", [`onramp-checkpoints:${schema}`]);
    try {
      await saver.setup();
    } finally {
      await lock.query("SELECT pg_advisory_unlock(hashtext($1))", [`onramp-checkpoints:${schema}`]);
    }
  } finally {
    lock.release();
  }
  return saver;
}
