// Background work behind 202 answers (connector deletion). Jobs are stored, so their outcome is
// readable at GET /api/v1/jobs/:id after the request that started them has returned.
import type { Logger } from "../deps.ts";
import type { JobRecord, Store } from "../store/types.ts";
import { newId } from "../auth/index.ts";

export class JobRunner {
  readonly #log: Logger;
  readonly #running = new Set<Promise<void>>();

  constructor(options: { log: Logger }) {
    this.#log = options.log;
  }

  async start(
    store: Store,
    job: Pick<JobRecord, "kind" | "workspaceId" | "targetId">,
    work: () => Promise<void>,
  ): Promise<JobRecord> {
    const now = new Date().toISOString();
    const record: JobRecord = { id: newId("job"), ...job, status: "pending", error: null, created_at: now, updated_at: now };
    await store.putJob(record);
    this.#execute(store, record, work);
    return record;
  }

  /** Runs a stored job again (one a crash left pending or running). */
  resume(store: Store, record: JobRecord, work: () => Promise<void>): void {
    this.#log.info("Resuming an interrupted job", { job_id: record.id, kind: record.kind });
    this.#execute(store, record, work);
  }

  #execute(store: Store, record: JobRecord, work: () => Promise<void>): void {
    const run = (async () => {
      // Let the 202 go out before the work starts.
      await new Promise((resolve) => setImmediate(resolve));
      await store.putJob({ ...record, status: "running", updated_at: new Date().toISOString() });
      try {
        await work();
        await store.putJob({ ...record, status: "succeeded", updated_at: new Date().toISOString() });
      } catch (error) {
        this.#log.error("Job failed", { job_id: record.id, kind: record.kind, error: (error as Error).message });
        await store.putJob({ ...record, status: "failed", error: (error as Error).message, updated_at: new Date().toISOString() });
      }
    })();
    this.#running.add(run);
    void run.finally(() => this.#running.delete(run));
  }

  /** Resolves when every started job has finished (shutdown, tests). */
  async idle(): Promise<void> {
    while (this.#running.size) await Promise.allSettled([...this.#running]);
  }
}
