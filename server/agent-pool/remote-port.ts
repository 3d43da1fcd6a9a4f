// The SessionPort an agent worker hands its agent for one run: every call goes to the main
// thread, which holds the session's record and answers through the real port (agent-pool.ts).
// The form the run started with is read here until the run changes it (below).
// Two members are synchronous in SessionPort and answered here: the OAuth start link (from the
// public URL sent with the run) and the recent turns (the transcript's tail as the run started;
// the agent reads them before it says anything).
import type { FormDocument, SessionPort } from "../../agent/index.ts";
import { learnOffers } from "../sessions/oauth-offer.ts";
import { oauthStartUrl } from "../oauth/start-url.ts";
import type { RunRequest } from "./messages.ts";
import type { Rpc } from "./rpc.ts";

export function remotePort(rpc: Rpc, run: RunRequest): SessionPort {
  let connectorId = run.connectorId;
  // The form as the run started, until this run changes it: nothing else can meanwhile (the
  // session manager runs one action of a session at a time, form edits included), so the
  // agent's reads at each step need no trip to the main thread until its own write.
  let form: FormDocument | undefined = run.form;
  const call = <T>(method: string, ...args: unknown[]) => rpc.call<T>(`port.${method}`, run.runId, ...args);
  const changing = <T>(method: string, ...args: unknown[]) => {
    form = undefined;
    return call<T>(method, ...args);
  };
  return {
    sessionId: run.sessionId,
    get connectorId() {
      return connectorId;
    },
    async readForm() {
      form ??= await call<FormDocument>("readForm");
      return structuredClone(form);
    },
    patchForm: (ops, by) => changing("patchForm", ops, by),
    async setDefinition(definition) {
      // The main thread learns whether the connector's OAuth may be offered; so must this copy.
      learnOffers(await changing<Array<[string, boolean]>>("setDefinition", definition));
    },
    storeSecret: (path, value) => changing("storeSecret", path, value),
    // A check may store a renewed token as a secret.
    testConnection: () => changing("testConnection"),
    async saveConnector() {
      const saved = await changing<{ connectorId: string }>("saveConnector");
      connectorId = saved.connectorId;
      return saved;
    },
    oauthStartUrl: (path) => oauthStartUrl(run.publicUrl, run.sessionId, path),
    emit: (event) => rpc.note("port.emit", run.runId, event),
    recentTurns: (count) => run.turns.slice(-count).map((entry) => ({ ...entry })),
  };
}
