// Runs the connection check once every needed field is filled; saves on success, and on failure
// explains in plain words and queues the fields the check named to be asked again.
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { questionAt } from "./question-at.ts";
import { isOAuthSelected, oauthManagedPaths } from "../../specs/advanced-auth.ts";
import { hasLiveCheck } from "../../specs/index.ts";
import type { Question } from "../../specs/types.ts";
import { prompts } from "../prompts.ts";
import type { AgentStateType, AgentStateUpdate } from "../state.ts";
import { loadSession, portOf, say, type AgentDeps } from "./runtime.ts";

export type AfterTest = "done" | "nextField";

/** The same failure this many times in a row: asking for the same fields again will not help. */
export const SAME_FAILURE_LIMIT = 3;

export function createTestConnection(deps: AgentDeps) {
  return async function testConnection(state: AgentStateType, config: LangGraphRunnableConfig): Promise<AgentStateUpdate> {
    const port = portOf(config);
    const { form, definition } = await loadSession(port, deps.catalog);
    if (!definition) return { phase: "connector", testRequested: false };
    say(port, [...state.notes, prompts.testing()].join(" "));
    port.emit({ type: "test.started" });
    const result = await port.testConnection();
    port.emit({
      type: "test.result",
      status: result.status,
      ...(result.reason ? { reason: result.reason } : {}),
      message: result.message,
      ...(result.fields ? { fields: result.fields } : {}),
      ...(result.entities ? { entities: result.entities } : {}),
    });
    if (result.status === "succeeded") {
      // Without a live check only the settings were validated: say so, never "the connection works".
      say(port, prompts.testSucceeded(result, hasLiveCheck(definition)));
      const { connectorId } = await port.saveConnector();
      say(port, prompts.saved(definition));
      port.emit({ type: "session.completed", connectorId });
      return { phase: "completed", pending: null, notes: [], testRequested: false, lastFailure: null, sameFailures: 0 };
    }
    // Values the OAuth sign-in wrote (tokens, the server-held client id and secret) are not the
    // person's to type: when the check blames them, the remedy is to sign in again.
    const managed = isOAuthSelected(definition, form.values) ? new Set(oauthManagedPaths(definition)) : new Set<string>();
    const named = result.fields ?? [];
    const reauthorize = named.some((path) => managed.has(path));
    const fields = named
      .filter((path) => !managed.has(path))
      .map((path) => questionAt(definition, path, form.values))
      .filter((question): question is Question => question !== undefined);
    const key = `${result.reason ?? "unknown"}:${named.join(",")}`;
    const sameFailures = key === state.lastFailure ? state.sameFailures + 1 : 1;
    // Again and again the same way: stop walking the same questions; say what to check instead.
    const stuck = sameFailures >= SAME_FAILURE_LIMIT;
    return {
      phase: "idle",
      pending: null,
      notes: stuck ? [prompts.testFailedAgain(result), prompts.sameFailure(sameFailures, fields)] : [prompts.testFailed(result, fields)],
      reask: stuck ? [] : fields.map((question) => question.path),
      lastFailure: key,
      sameFailures,
      justFailed: true,
      reauthorize,
      // The version after the test: a token the check renewed and stored is not a change of the
      // person's that would warrant testing again.
      failedTestVersion: (await port.readForm()).version,
      testRequested: false,
      secretDeclined: null,
    };
  };
}

export function routeAfterTest(state: AgentStateType): AfterTest {
  return state.phase === "completed" ? "done" : "nextField";
}
