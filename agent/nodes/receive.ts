// Inputs that are not chat text: secret mode and OAuth outcomes, a form edit, a test request.
// Each turns into notes and state; next-field then decides what to ask from the fresh form.
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { questionAt } from "./question-at.ts";
import { oauthManagedPaths } from "../../specs/advanced-auth.ts";
import { getAt } from "../../specs/index.ts";
import { prompts } from "../prompts.ts";
import type { AgentStateType, AgentStateUpdate } from "../state.ts";
import { GIVE_UP_AFTER } from "./apply.ts";
import { loadSession, portOf, say, type AgentDeps } from "./runtime.ts";

export function createReceive(deps: AgentDeps) {
  return async function receive(state: AgentStateType, config: LangGraphRunnableConfig): Promise<AgentStateUpdate> {
    const port = portOf(config);
    const input = state.input;
    if (!input) return {};
    const { form, definition } = await loadSession(port, deps.catalog);
    const titled = (path: string | undefined) =>
      definition && path ? questionAt(definition, path, form.values) : undefined;
    switch (input.kind) {
      case "secret.stored": {
        // Only "stored" arrives here; the value went from the widget to the secret store.
        const question = titled(input.path);
        return {
          notes: [...state.notes, prompts.secretStored(question)],
          reask: state.reask.filter((path) => path !== input.path),
          answered: [...state.answered.filter((path) => path !== input.path), input.path],
          skipped: state.skipped.filter((path) => path !== input.path),
          secretDeclined: null,
        };
      }
      case "secret.cancel": {
        const path = input.path ?? state.pending?.path;
        if (!path) return {};
        // Cancel leaves secret mode and returns to normal chat; the field stays open (the person
        // may want to ask about it first). An optional one is skipped only when they say "skip".
        // Cancelling a required one again counts as "I don't know" (help, and in the end the
        // agent gives up).
        const question = titled(path);
        if (!question) return {};
        // A cancel with no secure field open (a late click, another view) changes nothing.
        if (state.phase !== "secret" && state.secretDeclined !== path) return {};
        // Going back to a stored secret and cancelling keeps what is stored.
        if (form.secrets[path] !== undefined) {
          return { notes: [...state.notes, prompts.secretKept(question)], secretDeclined: null, reask: state.reask.filter((item) => item !== path) };
        }
        if (!question.required || state.secretDeclined !== path) {
          return { notes: [...state.notes, prompts.secretCancelled(question)], secretDeclined: path };
        }
        const count = (state.unknowns[path] ?? 0) + 1;
        const unknowns = { ...state.unknowns, [path]: count };
        if (count >= GIVE_UP_AFTER) {
          say(port, [...state.notes, prompts.giveUp(question)].join(" "));
          port.emit({ type: "session.cancelled" });
          return { phase: "cancelled", pending: null, notes: [], unknowns };
        }
        return { notes: [...state.notes, prompts.dontKnow(question, definition!)], unknowns };
      }
      case "oauth.completed": {
        // The sign-in just wrote what it manages: none of it is asked of the person again.
        const managed = new Set(definition ? oauthManagedPaths(definition) : []);
        return {
          notes: [...state.notes, prompts.oauthCompleted()],
          oauthDeclined: false,
          reauthorize: false,
          reask: state.reask.filter((path) => !managed.has(path)),
          phase: "field",
        };
      }
      case "oauth.failed":
        return { notes: [...state.notes, prompts.oauthFailed(input.message)], oauthDeclined: true, phase: "field" };
      case "oauth.cancel":
        return { notes: [...state.notes, prompts.oauthCancelled()], oauthDeclined: true, phase: "field" };
      case "cancel":
        say(port, [...state.notes, prompts.cancelled()].join(" "));
        port.emit({ type: "session.cancelled" });
        return { phase: "cancelled", pending: null, notes: [] };
      case "form.changed": {
        // The person changed the form: the agent says what it now holds, and those fields count
        // as answered (a field asked again, or skipped, is settled by the edit).
        const paths = (input.paths ?? []).filter((path) => titled(path));
        if (!definition || paths.length === 0) return {};
        const changes = paths.flatMap((path) => {
          const question = titled(path)!;
          return [{ question, value: question.secret ? undefined : getAt(form.values, path) }];
        });
        const set = new Set(paths);
        return {
          notes: [...state.notes, prompts.formChanged(changes)],
          answered: [...state.answered.filter((path) => !set.has(path)), ...paths.filter((path) => getAt(form.values, path) !== undefined || form.secrets[path] !== undefined)],
          reask: state.reask.filter((path) => !set.has(path)),
          skipped: state.skipped.filter((path) => !set.has(path)),
          proposal: null,
        };
      }
      case "test.request":
        // An explicit "Test and save" (e.g. after fixing a field in the form) tests now instead
        // of re-asking the fields the last failure named.
        return { testRequested: true, reask: [], awaitingGo: false };
      default:
        return {};
    }
  };
}

export function routeAfterReceive(state: AgentStateType): "nextField" | "done" {
  return state.phase === "cancelled" ? "done" : "nextField";
}
