// Carries out what the understander decided: valid values become form patches (by "agent"),
// invalid ones are explained in plain words (the spec's own reason), intents move the walk.
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { choiceOps, describeError, getAt, setAt, validatePaths } from "../../specs/index.ts";
import { questionAt } from "./question-at.ts";
import type { Question } from "../../specs/types.ts";
import type { FormOp } from "../protocol.ts";
import { prompts } from "../prompts.ts";
import type { AgentStateType, AgentStateUpdate } from "../state.ts";
import { modelWords } from "./model-words.ts";
import { inferredChoices } from "./infer-choice.ts";
import { loadSession, portOf, say, type AgentDeps } from "./runtime.ts";

export type AfterApply = "nextField" | "done";

/** "I don't know" answers to one required field before the agent stops the setup. */
export const GIVE_UP_AFTER = 3;

export function createApply(deps: AgentDeps) {
  return async function apply(state: AgentStateType, config: LangGraphRunnableConfig): Promise<AgentStateUpdate> {
    const port = portOf(config);
    const { form, definition } = await loadSession(port, deps.catalog);
    if (!definition) return { decisions: [] };
    let values = form.values;
    const pending = state.pending ? questionAt(definition, state.pending.path, values) ?? null : null;
    const notes = [...state.notes];
    let skipped = [...state.skipped];
    let answered = [...state.answered];
    let reask = [...state.reask];
    const unknowns = { ...state.unknowns };
    let testRequested = state.testRequested;
    // A proposal lives for one message: the answer to it, or anything else, ends it.
    let proposal: AgentStateType["proposal"] = null;
    // Picking an auth option again after an OAuth failure or cancel is the person's "try again".
    let oauthDeclined = state.oauthDeclined;
    const ops: FormOp[] = [];
    const accepted: Array<{ question: Question; value: unknown }> = [];

    const accept = (question: Question, newOps: FormOp[], shownValue: unknown) => {
      const changed = newOps.some((op) => JSON.stringify(getAt(values, op.path)) !== JSON.stringify(op.value));
      // After a failed test, a real change to a field the check named is the fix: test again
      // rather than walking through the other named fields (the same value again is not a fix).
      if (changed && state.failedTestVersion !== null && reask.includes(question.path)) reask = [];
      for (const op of newOps) values = op.op === "set" ? setAt(values, op.path, op.value) : values;
      // The same value again writes nothing: the form (and its version) stays as it was.
      if (changed) ops.push(...newOps);
      accepted.push({ question, value: shownValue });
      reask = reask.filter((path) => path !== question.path);
      answered = [...answered.filter((path) => path !== question.path), question.path];
      skipped = skipped.filter((path) => path !== question.path);
    };

    const quiet = new Set<string>();
    // This message just chose the connector (choose-connector reads it again for values).
    const justChosen = state.phase === "field" && state.pending === null;
    const setValue = (question: Question, value: unknown, confirm = true) => {
      if (!confirm) quiet.add(question.path);
      const candidate = setAt(values, question.path, value);
      const errors = validatePaths(definition, candidate, [question.path]);
      if (errors.length > 0) {
        notes.push(prompts.invalid(question, describeError(errors[0], question)));
        return;
      }
      accept(question, [{ op: "set", path: question.path, value }], value);
    };

    for (const decision of state.decisions) {
      switch (decision.kind) {
        case "set": {
          const question = questionAt(definition, decision.path, values);
          if (question && !question.secret) setValue(question, decision.value);
          break;
        }
        case "choose": {
          const question = questionAt(definition, decision.path, values);
          const option = question?.options?.find((candidate) => candidate.index === decision.optionIndex);
          if (question && option) {
            accept(question, choiceOps(definition, decision.path, decision.optionIndex, values), option.title);
            oauthDeclined = false;
          }
          break;
        }
        case "confirm": {
          // Not sure enough to store: the value is put to the person, and a yes stores it.
          const question = questionAt(definition, decision.path, values);
          if (!question || question.secret) break;
          const option = decision.optionIndex !== undefined ? question.options?.find((candidate) => candidate.index === decision.optionIndex) : undefined;
          notes.push(prompts.confirmProposal(question, option ? option.title : decision.value));
          proposal = { path: decision.path, value: decision.value, ...(decision.optionIndex !== undefined ? { optionIndex: decision.optionIndex } : {}) };
          break;
        }
        case "invalid": {
          const question = questionAt(definition, decision.path, values);
          if (question) notes.push(prompts.invalid(question, decision.reason));
          break;
        }
        case "wanted": {
          // Asked once the fields it waits behind are answered (reask comes first in the walk);
          // a skip said earlier is taken back.
          const question = questionAt(definition, decision.path, values);
          if (!question || question.required) break;
          skipped = skipped.filter((path) => path !== question.path);
          if (!reask.includes(question.path)) reask = [...reask, question.path];
          break;
        }
        case "secret_in_chat": {
          const question = questionAt(definition, decision.path, values);
          if (question) notes.push(prompts.secretInChat(question));
          break;
        }
        case "question": {
          const question = decision.path ? questionAt(definition, decision.path, values) : pending;
          const current = question ? (question.secret ? form.secrets[question.path] : getAt(values, question.path)) : undefined;
          notes.push(question ? prompts.explain(question, definition, current) : prompts.explainConnector(definition));
          break;
        }
        case "skip": {
          // "no password needed" names its field; a bare "skip" means the question asked.
          const target = decision.path ? questionAt(definition, decision.path, values) : pending;
          if (!target) break;
          if (reask.includes(target.path) && getAt(values, target.path) !== undefined) {
            reask = reask.filter((path) => path !== target.path);
          } else if (target.default !== undefined && getAt(values, target.path) === undefined && target.required) {
            notes.push(prompts.usedDefault(target));
            setValue(target, target.default, false);
          } else if (target.required) {
            notes.push(prompts.cannotSkip(target));
          } else {
            skipped = [...skipped.filter((path) => path !== target.path), target.path];
            reask = reask.filter((path) => path !== target.path);
            notes.push(prompts.skipped(target));
          }
          break;
        }
        case "agree": {
          // The value on screen stands: a re-asked field keeps it, an offered default is taken.
          if (!pending) break;
          const current = pending.secret ? form.secrets[pending.path] : getAt(values, pending.path);
          if (current !== undefined) {
            reask = reask.filter((path) => path !== pending.path);
            answered = [...answered.filter((path) => path !== pending.path), pending.path];
            if (!pending.secret) notes.push(prompts.keptValue(pending, current));
          } else if (pending.default !== undefined) {
            notes.push(prompts.usedDefault(pending));
            setValue(pending, pending.default, false);
          } else notes.push(prompts.unclear(pending));
          break;
        }
        case "use_default": {
          if (!pending) break;
          if (pending.default === undefined) notes.push(prompts.noDefault(pending));
          else {
            notes.push(prompts.usedDefault(pending));
            setValue(pending, pending.default, false);
          }
          break;
        }
        case "dont_know": {
          const target = decision.path ? questionAt(definition, decision.path, values) : pending;
          if (!target) break;
          const count = (unknowns[target.path] ?? 0) + 1;
          unknowns[target.path] = count;
          if (target.default !== undefined) {
            notes.push(prompts.usedDefault(target));
            setValue(target, target.default, false);
          } else if (target.kind === "choice" && target.options?.length) {
            // The first option is the spec's simplest; it can be changed later, here or in the form.
            const first = target.options[0];
            notes.push(prompts.usedFirstOption(target, first.title));
            accept(target, choiceOps(definition, target.path, first.index, values), first.title);
          } else if (!target.required) {
            skipped = [...skipped.filter((path) => path !== target.path), target.path];
            notes.push(prompts.skipped(target));
          } else if (count >= GIVE_UP_AFTER) {
            say(port, [...notes, prompts.giveUp(target)].join(" "));
            port.emit({ type: "session.cancelled" });
            return { phase: "cancelled", pending: null, notes: [], decisions: [], unknowns };
          } else notes.push(prompts.dontKnow(target, definition));
          break;
        }
        case "back": {
          const current = pending?.path;
          const previous = [...answered].reverse().find((path) => path !== current);
          if (!previous) notes.push(prompts.nothingToGoBackTo());
          else {
            const question = questionAt(definition, previous, values);
            if (question) notes.push(prompts.goingBack(question));
            answered = answered.filter((path) => path !== previous);
            reask = [previous, ...reask.filter((path) => path !== previous)];
          }
          break;
        }
        case "start_over": {
          const clear: FormOp[] = Object.keys(form.values).map((key) => ({ op: "unset", path: `/${key.replace(/~/g, "~0").replace(/\//g, "~1")}` }));
          if (clear.length) await port.patchForm(clear, "agent");
          return {
            notes: [prompts.startOver()],
            decisions: [],
            skipped: [],
            answered: [],
            reask: [],
            unknowns: {},
            failedTestVersion: null,
            testRequested: false,
            oauthDeclined: false,
            pending: null,
          };
        }
        case "cancel": {
          say(port, [...notes, prompts.cancelled()].join(" "));
          port.emit({ type: "session.cancelled" });
          return { phase: "cancelled", pending: null, notes: [], decisions: [] };
        }
        case "test":
          testRequested = true;
          break;
        case "unclear":
          // Any message after a cancelled secret mode means "go on"; it needs no apology. Nor does
          // the message that just chose the connector (no question was asked yet).
          if (!(pending?.secret && state.phase !== "secret") && !justChosen) notes.push(prompts.unclear(pending));
          break;
        case "chitchat":
          // The message that chose the connector was already answered with its name.
          if (justChosen) break;
          notes.push(decision.topic === "connector" ? prompts.connectorChosen(definition) : prompts.chitchat());
          break;
        case "say":
          break;
      }
    }

    // Fields given inside a oneOf whose option nobody chose: the one option that has them all.
    for (const inferred of inferredChoices(definition, values, ops.map((op) => op.path))) {
      const question = questionAt(definition, inferred.path, values);
      const chosen = inferred.ops[0]?.value;
      const option = question?.options?.find((candidate) => candidate.value !== undefined && Object.values((chosen ?? {}) as object).includes(candidate.value));
      if (question && option) accept(question, inferred.ops, option.title);
    }

    const failed = new Set<string>();
    if (ops.length > 0) {
      const result = await port.patchForm(ops, "agent");
      // Only errors about a value just written count; a chosen option's empty fields are asked next.
      const written = new Set(ops.map((op) => op.path));
      const errors = result.errors.filter((error) => written.has(error.path) && error.keyword !== "required");
      for (const error of errors) {
        failed.add(error.path);
        const question = questionAt(definition, error.path, values);
        if (question) notes.push(prompts.invalid(question, describeError(error, question)));
      }
    }
    const kept = accepted.filter(({ question }) => !failed.has(question.path) && !quiet.has(question.path));
    // One voice per turn: the model's words replace the confirmation only when they name the values.
    const words = modelWords(state.decisions, kept);
    if (words) notes.unshift(words);
    else if (kept.length) notes.unshift(prompts.confirmSet(kept));
    // Waiting for a fix after a failed test, a message that changes nothing brings the end closer.
    const waitingForFix = state.phase === "idle" && state.lastFailure !== null;
    const idleTurns = waitingForFix && ops.length === 0 && !testRequested ? state.idleTurns + 1 : 0;
    if (idleTurns >= GIVE_UP_AFTER) {
      say(port, [...notes, prompts.giveUpAfterFailedTest()].join(" "));
      port.emit({ type: "session.cancelled" });
      return { phase: "cancelled", pending: null, notes: [], decisions: [], idleTurns };
    }
    // Waiting for the go-ahead before the first test: any answer gives it, a question does not.
    const intents = state.decisions.filter((decision) => decision.kind !== "say");
    const awaitingGo = state.awaitingGo && intents.length > 0 && intents.every((decision) => decision.kind === "question");
    return { notes, skipped, answered, reask, unknowns, testRequested, oauthDeclined, idleTurns, awaitingGo, proposal, decisions: [] };
  };
}

export function routeAfterApply(state: AgentStateType): AfterApply {
  return state.phase === "cancelled" ? "done" : "nextField";
}
