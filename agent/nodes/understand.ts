// Hands the person's (already screened) message to the understander: offline, or the model with
// an offline fallback. A message the session layer redacted is acknowledged here, never parsed
// for the secret it carried.
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { questionAt } from "./question-at.ts";
import { prompts } from "../prompts.ts";
import { REDACTED } from "../screen-secrets.ts";
import type { AgentStateType, AgentStateUpdate } from "../state.ts";
import { listFields } from "../understand/fields.ts";
import { loadSession, portOf, replyStream, type AgentDeps } from "./runtime.ts";

export function createUnderstand(deps: AgentDeps) {
  return async function understand(state: AgentStateType, config: LangGraphRunnableConfig): Promise<AgentStateUpdate> {
    const port = portOf(config);
    const input = state.input;
    if (input?.kind !== "message") return { decisions: [] };
    const { form, definition } = await loadSession(port, deps.catalog);
    if (!definition) return { decisions: [] };
    const pending = state.pending ? questionAt(definition, state.pending.path, form.values) ?? null : null;
    const update: AgentStateUpdate = { secretDeclined: null, notes: [...state.notes] };
    const notes = update.notes as string[];

    let text = input.text;
    if (input.redacted || text.includes(REDACTED)) {
      const stored = pending?.secret === true && form.secrets[pending.path] !== undefined;
      if (stored && pending) {
        notes.push(prompts.secretStoredFromChat(pending));
        update.reask = state.reask.filter((path) => path !== pending.path);
        update.answered = [...state.answered.filter((path) => path !== pending.path), pending.path];
      } else notes.push(prompts.secretRedacted());
      text = text.split(REDACTED).join(" ").replace(/\s+/g, " ").trim();
      if (!text || stored) return { ...update, decisions: [] };
    }

    const fields = listFields(definition);
    const decisions = await deps.understand(
      text,
      { definition, pending, fields, values: form.values, secretIds: Object.values(form.secrets) },
      () => replyStream(port),
    );
    return { ...update, decisions };
  };
}
