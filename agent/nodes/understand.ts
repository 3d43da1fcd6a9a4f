// Hands the person's (already screened) message to the understander: offline, or the model with
// an offline fallback. A message the session layer redacted is acknowledged here, never parsed
// for the secret it carried.
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { questionAt } from "./question-at.ts";
import type { Question } from "../../specs/types.ts";
import { prompts } from "../prompts.ts";
import { REDACTED } from "../screen-secrets.ts";
import type { AgentStateType, AgentStateUpdate } from "../state.ts";
import { listFields } from "../understand/fields.ts";
import { switchTarget } from "./choose-connector.ts";
import { loadSession, portOf, replyStream, turnsBefore, type AgentDeps } from "./runtime.ts";

// Words that only frame a secret ("here is my api key:", "the token is", "thanks").
const FRAMING = new Set(["here", "is", "it", "its", "this", "that", "my", "the", "our", "your", "a", "an", "and", "also", "so", "was", "thanks", "thank", "you", "please", "ok", "okay", "s", "for", "of", "to", "use", "new", "sure", "yes", "yeah", "yep", "goes", "there", "you", "go", "try", "now", "again"]);

/** True when words other than the framing and the stored field's own name are left. */
function hasContent(text: string, field: Question): boolean {
  const own = new Set(`${field.title} ${field.path.split("/").pop() ?? ""}`.toLowerCase().split(/[^a-z0-9]+/));
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some((word) => word && !FRAMING.has(word) && !own.has(word));
}

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
    let asked = pending;
    if (input.redacted || text.includes(REDACTED)) {
      // The session stored the secret as the field asked, or as the field the person named
      // ("my key is ..."); older inputs without storedAt mean the asked one.
      const storedPaths = input.stored ?? (input.storedAt ? [input.storedAt] : pending?.secret && form.secrets[pending.path] !== undefined ? [pending.path] : []);
      const stored = storedPaths.flatMap((path) => (form.secrets[path] !== undefined ? [questionAt(definition, path, form.values)] : [])).filter((question): question is Question => !!question);
      for (const question of stored) notes.push(prompts.secretStoredFromChat(question));
      if (stored.length) {
        const paths = new Set(stored.map((question) => question.path));
        update.reask = state.reask.filter((path) => !paths.has(path));
        update.answered = [...state.answered.filter((path) => !paths.has(path)), ...paths];
        // The rest of the message is read without the question it just answered.
        if (pending && paths.has(pending.path)) asked = null;
      } else notes.push(prompts.secretRedacted());
      // A connection URI or a login keeps its shape around its password ("postgres://u:[redacted
      // secret]@db/x", "u/[redacted secret]@//db:1521/SVC"): its other parts are read. (Lines stay
      // lines: a pasted block is read line by line.)
      text = text.replace(/\[redacted secret\](?!@)/g, " ").replace(/[ \t]+/g, " ").trim();
      // Only the words around the secret are left ("my key is"): nothing more to read.
      if (!text || (stored.length && stored.every((question) => !hasContent(text, question)))) return { ...update, decisions: [] };
    }

    // The agent picked this connector from earlier words: "I meant MySQL" switches it.
    const target = state.chosenByAgent ? switchTarget(deps.catalog, text, definition) : undefined;
    if (target) {
      await port.setDefinition(target);
      return {
        ...update,
        notes: [...notes, prompts.connectorSwitched(target)],
        decisions: [],
        pending: null,
        phase: "field",
        skipped: [],
        answered: [],
        reask: [],
        unknowns: {},
        failedTestVersion: null,
        lastFailure: null,
        sameFailures: 0,
      };
    }

    const fields = listFields(definition);
    const decisions = await deps.understand(
      text,
      { definition, pending: asked, fields, values: form.values, secretIds: Object.values(form.secrets), recent: turnsBefore(port, input.text), answered: state.answered, proposal: state.proposal },
      () => replyStream(port),
    );
    return { ...update, decisions };
  };
}
