// Runs the connection check once every needed field is filled; saves on success, and on failure
// explains in plain words and queues the fields the check named to be asked again.
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { questionAt } from "./question-at.ts";
import { isOAuthSelected, oauthManagedPaths } from "../../specs/advanced-auth.ts";
import type { Question } from "../../specs/types.ts";
import { prompts } from "../prompts.ts";
import type { AgentStateType, AgentStateUpdate } from "../state.ts";
import { loadSession, portOf, say, type AgentDeps } from "./runtime.ts";

export type AfterTest = "done" | "nextField";

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
    });
    if (result.status === "succeeded") {
      say(port, prompts.testSucceeded(result));
      const { connectorId } = await port.saveConnector();
      say(port, prompts.saved(definition));
      port.emit({ type: "session.completed", connectorId });
      return { phase: "completed", pending: null, notes: [], testRequested: false };
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
    return {
      phase: "idle",
      pending: null,
      notes: [prompts.testFailed(result, fields)],
      reask: fields.map((question) => question.path),
      reauthorize,
      failedTestVersion: form.version,
      testRequested: false,
      secretDeclined: null,
    };
  };
}

export function routeAfterTest(state: AgentStateType): AfterTest {
  return state.phase === "completed" ? "done" : "nextField";
}
