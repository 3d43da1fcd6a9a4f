// An agent worker: runs the setup agent's turns (understanding and the LangGraph run) for the
// sessions pinned to it, off the main thread. It owns no storage: its checkpoints are the main
// thread's store records, read and written through calls (lowdb keeps its one writer), and each
// run's SessionPort calls go back to the main thread (remote-port.ts). Its catalog is a copy of
// the main one, brought up to date before a run that needs it (agent-pool.ts).
import { parentPort, workerData } from "node:worker_threads";
import { LatestCheckpointSaver, createSetupAgent, warmUp, type CheckpointRecords } from "../../agent/index.ts";
import { Catalog } from "../../specs/index.ts";
import { inKnownOffers, offerCatalog } from "../sessions/oauth-offer.ts";
import type { CatalogUpdate, RunRequest, WorkerSettings } from "./messages.ts";
import { remotePort } from "./remote-port.ts";
import { createRpc, type Rpc } from "./rpc.ts";

const settings = workerData.settings as WorkerSettings;
const catalog = new Catalog();

function update({ definitions, alias }: CatalogUpdate): void {
  for (const definition of definitions) catalog.add(definition);
  const named = alias && catalog.get(alias.name);
  if (alias && named) catalog.alias(alias.id, named);
}

const records: CheckpointRecords = {
  getCheckpoint: (threadId) => rpc.call("records.get", threadId),
  putCheckpoint: (threadId, data) => rpc.call("records.put", threadId, data),
  deleteCheckpoint: (threadId) => rpc.call("records.delete", threadId),
};

const agent = createSetupAgent({
  catalog: offerCatalog(catalog),
  checkpointer: new LatestCheckpointSaver(records, { remember: settings.remember }),
  // The main thread commits a run's checkpoint once the session record is saved.
  checkpointCommit: "by-caller",
  ...settings.agent,
});

let warming: Promise<{ turns: number; ms: number } | undefined> | undefined;

const rpc: Rpc = createRpc(parentPort!, {
  catalog(catalogUpdate: CatalogUpdate) {
    update(catalogUpdate);
    // Once the catalog is here, in the background: a run that arrives meanwhile interleaves.
    if (settings.warmUp && !warming) warming = warmUp({ catalog, turns: 300, maxMs: 4000 }).catch(() => undefined);
  },
  /** Resolves once the warm-up is over (tests; a run never waits for it). */
  warmed: () => warming,
  run(request: RunRequest) {
    if (request.catalog) update(request.catalog);
    return inKnownOffers(request.offers, () => agent.run(remotePort(rpc, request), request.input));
  },
  commit: (sessionId: string) => agent.commit(sessionId),
  discard: (sessionId: string) => agent.discard(sessionId),
  forget: (sessionId: string) => agent.forget(sessionId),
});
