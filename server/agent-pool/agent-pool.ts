// The setup agent on worker threads, so agent turns use the machine's other cores. The session
// layer sees one SessionAgent; behind it, each session is pinned to one worker by its id (its
// turns stay in order: the session manager runs one action of a session at a time, and the
// worker that ran a turn is the one that holds its checkpoint until commit). The main thread
// keeps everything that writes: the store (lowdb's one writer), secrets, the session record and
// the events; a worker's port calls and checkpoint reads and writes come back to it here.
import { AsyncLocalStorage } from "node:async_hooks";
import { Worker } from "node:worker_threads";
import type { AgentInput, CheckpointRecords, SessionPort } from "../../agent/index.ts";
import type { CatalogLookup, Definition } from "../../specs/index.ts";
import type { Logger } from "../deps.ts";
import type { SessionAgent } from "../sessions/types.ts";
import { currentOffers, unviewedCatalog } from "../sessions/oauth-offer.ts";
import type { CatalogUpdate, RunRequest, WorkerSettings } from "./messages.ts";
import { createRpc, type Rpc } from "./rpc.ts";

export interface AgentPoolOptions {
  size: number;
  /** The catalog the session layer uses (an offer view is unwrapped: workers apply their own). */
  catalog: CatalogLookup;
  /** Where checkpoints are stored (the store). */
  records: CheckpointRecords;
  settings: WorkerSettings;
  /** Read at each run: a test server learns its URL after it is built. */
  publicUrl: () => string;
  log: Logger;
}

export interface AgentPool extends SessionAgent {
  readonly size: number;
  /** Each worker's warm-up once it is over (none when off); runs never wait for it. */
  warmed(): Promise<Array<{ turns: number; ms: number } | undefined>>;
  /** Milliseconds each worker's thread has been busy (its event loop's active time). */
  busyMs(): number[];
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  rpc: Rpc;
  /** Definitions this worker's catalog copy holds (the main catalog's own objects). */
  sent: WeakSet<Definition>;
  /** The main catalog's revision this worker was last brought up to. */
  revision: number;
}

/** How many turns' transcript a run carries (the agent reads a few recent turns). */
const TURNS_SENT = 12;

export function createAgentPool(options: AgentPoolOptions): AgentPool {
  const catalog = unviewedCatalog(options.catalog);
  const revisionOf = () => (catalog as { revision?: number }).revision;
  /**
   * Each run's real port, and the run's async context: a worker's call arrives as a message,
   * outside the session action that started the run, so it is handled inside that action's
   * context again (its OAuth offer scope among others: sessions/oauth-offer.ts).
   */
  const ports = new Map<number, { port: SessionPort; within: <R>(task: () => R) => R }>();
  let nextRun = 0;
  let closing = false;

  const inRun = <R>(runId: number, task: (port: SessionPort) => R): R => {
    const found = ports.get(runId);
    if (!found) throw new Error("That run has ended");
    return found.within(() => task(found.port));
  };
  const handlers = {
    "records.get": (threadId: string) => options.records.getCheckpoint(threadId),
    "records.put": (threadId: string, data: unknown) => options.records.putCheckpoint(threadId, data),
    "records.delete": (threadId: string) => options.records.deleteCheckpoint(threadId),
    "port.readForm": (runId: number) => inRun(runId, (port) => port.readForm()),
    "port.patchForm": (runId: number, ops: Parameters<SessionPort["patchForm"]>[0], by: Parameters<SessionPort["patchForm"]>[1]) =>
      inRun(runId, (port) => port.patchForm(ops, by)),
    "port.setDefinition": (runId: number, definition: Definition) =>
      inRun(runId, async (port) => {
        // The catalog's own object where it has one (its compiled validators are reused), as the
        // session's scope shows it, which is what an agent on this thread would have passed.
        await port.setDefinition(options.catalog.get(definition.id) ?? definition);
        return currentOffers()?.clients ?? [];
      }),
    "port.storeSecret": (runId: number, path: string, value: string) => inRun(runId, (port) => port.storeSecret(path, value)),
    "port.testConnection": (runId: number) => inRun(runId, (port) => port.testConnection()),
    "port.saveConnector": (runId: number) => inRun(runId, (port) => port.saveConnector()),
    "port.emit": (runId: number, event: Parameters<SessionPort["emit"]>[0]) => {
      if (ports.has(runId)) inRun(runId, (port) => port.emit(event));
    },
  };

  /** Definitions the worker lacks: every one the main catalog holds the first time, then the added ones. */
  function catalogUpdate(slot: Slot, definitionId: string | null): CatalogUpdate | undefined {
    const definitions: Definition[] = [];
    const revision = revisionOf();
    if (revision === undefined || revision !== slot.revision) {
      for (const definition of catalog.list()) {
        if (slot.sent.has(definition)) continue;
        slot.sent.add(definition);
        definitions.push(definition);
      }
      if (revision !== undefined) slot.revision = revision;
    }
    const current = definitionId ? catalog.get(definitionId) : undefined;
    if (current && !slot.sent.has(current)) {
      slot.sent.add(current);
      definitions.push(current);
    }
    const alias = current && current.id !== definitionId && definitionId ? { id: definitionId, name: current.name } : undefined;
    return definitions.length > 0 || alias ? { definitions, ...(alias ? { alias } : {}) } : undefined;
  }

  function start(index: number): Slot {
    const worker = new Worker(new URL("./worker-boot.mjs", import.meta.url), {
      workerData: { entry: new URL("./agent-worker.ts", import.meta.url).href, settings: options.settings },
      name: `onramp-agent-${index}`,
    });
    // The main thread's work keeps the process alive; an idle pool does not.
    worker.unref();
    const slot: Slot = { worker, rpc: createRpc(worker, handlers), sent: new WeakSet(), revision: -1 };
    worker.on("error", (error) => options.log.error("agent worker failed", { worker: index, error: String(error) }));
    worker.on("exit", (code) => {
      slot.rpc.failAll(new Error("The agent worker stopped"));
      if (closing) return;
      options.log.warn("agent worker exited; starting another", { worker: index, code });
      slots[index] = start(index);
    });
    // Its catalog copy is made while the worker loads, before its first run.
    const update = catalogUpdate(slot, null);
    if (update) slot.rpc.call("catalog", update).catch(() => undefined);
    return slot;
  }

  const slots: Slot[] = Array.from({ length: Math.max(1, options.size) }, (_, index) => start(index));

  /** A session's worker: the same one for its whole life (FNV-1a of its id). */
  function slotOf(sessionId: string): Slot {
    let hash = 0x811c9dc5;
    for (let index = 0; index < sessionId.length; index++) hash = Math.imul(hash ^ sessionId.charCodeAt(index), 0x01000193);
    return slots[(hash >>> 0) % slots.length]!;
  }

  return {
    size: slots.length,
    warmed: () => Promise.all(slots.map((slot) => slot.rpc.call<{ turns: number; ms: number } | undefined>("warmed"))),
    busyMs: () => slots.map((slot) => slot.worker.performance.eventLoopUtilization().active),
    async run(sessionPort: SessionPort, input: AgentInput) {
      const slot = slotOf(sessionPort.sessionId);
      const runId = ++nextRun;
      const form = await sessionPort.readForm();
      const request: RunRequest = {
        runId,
        sessionId: sessionPort.sessionId,
        connectorId: sessionPort.connectorId,
        input,
        form,
        turns: sessionPort.recentTurns(TURNS_SENT),
        publicUrl: options.publicUrl(),
        offers: currentOffers(),
        catalog: catalogUpdate(slot, form.definitionId),
      };
      ports.set(runId, { port: sessionPort, within: AsyncLocalStorage.snapshot() });
      try {
        await slot.rpc.call("run", request);
      } finally {
        ports.delete(runId);
      }
    },
    commit: (sessionId) => slotOf(sessionId).rpc.call("commit", sessionId),
    discard: (sessionId) => slotOf(sessionId).rpc.note("discard", sessionId),
    forget: (sessionId) => slotOf(sessionId).rpc.call("forget", sessionId),
    async close() {
      closing = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
