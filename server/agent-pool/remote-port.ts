// The SessionPort an agent worker hands its agent for one run: every call goes to the main
// thread, which holds the session's record and answers through the real port (agent-pool.ts).
// Two members are synchronous in SessionPort and answered here: the OAuth start link (from the
// public URL sent with the run) and the recent turns (the transcript's tail as the run started;
// the agent reads them before it says anything).
import type { SessionPort } from "../../agent/index.ts";
import { learnOffers } from "../sessions/oauth-offer.ts";
import { oauthStartUrl } from "../oauth/start-url.ts";
import type { RunRequest } from "./messages.ts";
import type { Rpc } from "./rpc.ts";

export function remotePort(rpc: Rpc, run: RunRequest): SessionPort {
  let connectorId = run.connectorId;
  const call = <T>(method: string, ...args: unknown[]) => rpc.call<T>(`port.${method}`, run.runId, ...args);
  return {
    sessionId: run.sessionId,
    get connectorId() {
      return connectorId;
    },
    readForm: () => call("readForm"),
    patchForm: (ops, by) => call("patchForm", ops, by),
    async setDefinition(definition) {
      // The main thread learns whether the connector's OAuth may be offered; so must this copy.
      learnOffers(await call<Array<[string, boolean]>>("setDefinition", definition));
    },
    storeSecret: (path, value) => call("storeSecret", path, value),
    testConnection: () => call("testConnection"),
    async saveConnector() {
      const saved = await call<{ connectorId: string }>("saveConnector");
      connectorId = saved.connectorId;
      return saved;
    },
    oauthStartUrl: (path) => oauthStartUrl(run.publicUrl, run.sessionId, path),
    emit: (event) => rpc.note("port.emit", run.runId, event),
    recentTurns: (count) => run.turns.slice(-count).map((entry) => ({ ...entry })),
  };
}
