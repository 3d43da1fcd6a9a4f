// Decides what happens next from the *current* form document (re-read every time, so an edit in
// the form view counts): a question, secret mode, the OAuth popup, or the connection test.
// It speaks (notes + the question), and the turn ends there: the graph waits for the next input.
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import { chosenOption, getAt, planQuestions, validateConfig, describeError, isSecretPath, schemaAt } from "../../specs/index.ts";
import { questionAt } from "./question-at.ts";
import { isOAuthSelected, oauthManagedPaths, oauthOutputs, oauthUserInputs, parseAdvancedAuth } from "../../specs/advanced-auth.ts";
import type { Definition, JsonSchema, Question } from "../../specs/types.ts";
import type { FormDocument } from "../protocol.ts";
import { prompts } from "../prompts.ts";
import type { AgentStateType, AgentStateUpdate } from "../state.ts";
import { loadSession, portOf, say, toFieldAsk, type AgentDeps } from "./runtime.ts";

export type AfterNextField = "wait" | "test";

function isFilled(form: FormDocument, path: string): boolean {
  return getAt(form.values, path) !== undefined || form.secrets[path] !== undefined;
}

/**
 * An optional choice whose options hold secrets is how the connector authenticates (an optional
 * `credentials` oneOf): left out, the connector would be saved without any credentials.
 */
const AUTH_CHOICE = /credential|auth|login|sign.?in/i;

function choosesCredentials(definition: Definition, question: Question): boolean {
  // SSL modes and tunnels hold keys too; only the choice of how to sign in counts.
  if (question.kind !== "choice" || !AUTH_CHOICE.test(`${question.path.split("/").pop()} ${question.title}`)) return false;
  const schema = definition.connectionSpecification;
  const options = (schemaAt(schema, question.path)?.oneOf ?? []) as JsonSchema[];
  return options.some((option) => Object.keys(option?.properties ?? {}).some((name) => isSecretPath(schema, `${question.path}/${name}`)));
}

/**
 * The person has none of what the sign-in page needs from the config (they skipped the client id):
 * the sign-in cannot start, so what it would fill in (the access token) is asked like any field.
 */
function signInBlocked(definition: Definition, form: FormDocument, skipped: string[]): boolean {
  return oauthUserInputs(definition).some((input) => !isFilled(form, input.path) && skipped.includes(input.path));
}

/** Questions worth a person's time: required ones, an optional secret when there is no other way in, and the auth choice; the rest only when named. */
export function openQuestions(definition: Definition, form: FormDocument, skipped: string[]): Question[] {
  return walkOf(definition, form, skipped).open;
}

/**
 * One plan of the walk, read two ways: the questions worth asking, and the optional fields shown up
 * front (always_show) with a plain default not written yet, which are set instead of asked.
 */
function walkOf(definition: Definition, form: FormDocument, skipped: string[]): { open: Question[]; shown: Question[] } {
  const managed = isOAuthSelected(definition, form.values) && !signInBlocked(definition, form, skipped) ? new Set(oauthManagedPaths(definition)) : new Set<string>();
  const all = planQuestions(definition, form.values, { skipped });
  const shown = all.filter(
    (question) => !question.required && !question.secret && question.always_show && question.kind === "field" && question.default !== undefined && question.default !== null && typeof question.default !== "object" && !isFilled(form, question.path),
  );
  const planned = all.filter((question) => !managed.has(question.path));
  // An optional secret is often the only way in (an API key a spec leaves optional), so it is
  // asked, unless the connector already has a way in: a secret stored or a required one to come.
  // (So is a sign-in option chosen that holds no secret: "role based" needs no optional key after
  // it. An option with a secret, basic auth's password, still has it asked.)
  const schema = definition.connectionSpecification;
  const chosenSignIn = Object.keys(schema.properties ?? {}).some((key) => {
    const question = isFilled(form, `/${key}`) ? questionAt(definition, `/${key}`, form.values) : undefined;
    if (!question || !choosesCredentials(definition, question)) return false;
    const node = schemaAt(schema, `/${key}`);
    const chosen = node ? chosenOption(node, getAt(form.values, `/${key}`)) : undefined;
    const option = chosen !== undefined ? (node?.oneOf?.[chosen] as JsonSchema | undefined) : undefined;
    return option !== undefined && !Object.keys(option.properties ?? {}).some((name) => isSecretPath(schema, `/${key}/${name}`));
  });
  const hasCredentials =
    Object.keys(form.secrets).length > 0 || managed.size > 0 || chosenSignIn || planned.some((question) => (question.secret && question.required) || choosesCredentials(definition, question));
  const open = planned
    .filter((question) => !(question.secret && form.secrets[question.path]))
    // A field the spec shows up front (always_show) is no question either: the form shows it, with
    // its default written in (`shown`), and the person names it to change it.
    .filter((question) => question.required || (question.secret && !hasCredentials) || choosesCredentials(definition, question));
  return { open, shown };
}

/** Paths whose current (non-secret) value the spec rejects, with the reason in plain words. */
function invalidPaths(definition: Definition, form: FormDocument): Array<{ path: string; reason: string }> {
  const schema = definition.connectionSpecification;
  return validateConfig(definition, form.values)
    .filter((error) => error.path !== "" && getAt(form.values, error.path) !== undefined && !isSecretPath(schema, error.path))
    .map((error) => ({ path: error.path, reason: describeError(error, questionAt(definition, error.path, form.values)) }));
}

const GO_AHEAD = 'Say "test" (or "go ahead") when you are ready, and I will test the connection and save it.';

function shownValue(value: unknown): string {
  if (Array.isArray(value)) return value.map(shownValue).join(", ");
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** What a connector with nothing required left will use, and what else could be set. */
export function startIntro(definition: Definition, form: FormDocument, skipped: string[]): string {
  const optional = planQuestions(definition, form.values, { skipped }).filter((question) => !question.required);
  const set = Object.entries(form.values).filter(([, value]) => value !== undefined && (value === null || typeof value !== "object"));
  const defaults = optional.filter((question) => question.default !== undefined && (question.default === null || typeof question.default !== "object"));
  const others = optional.filter((question) => !defaults.includes(question));
  const parts = [`${definition.displayName} needs nothing else to get going.`];
  const using = [
    ...set.map(([key, value]) => `${questionAt(definition, `/${key}`, form.values)?.title ?? key} ${shownValue(value)}`),
    ...defaults.slice(0, 8).map((question) => `${question.title} ${shownValue(question.default)}${set.length ? " (default)" : ""}`),
  ];
  if (using.length) parts.push(`I'll use ${using.join(", ")}.`);
  const example = defaults[0] ?? others[0];
  const more = others.slice(0, 6).map((question) => question.title);
  if (more.length) parts.push(`Optional settings you can add: ${more.join(", ")}.`);
  if (example) parts.push(`To change one, just say so (for example "${example.title.toLowerCase()} ${shownValue(example.default ?? example.example ?? "...")}").`);
  parts.push(GO_AHEAD);
  return parts.join(" ");
}

export function createNextField(deps: AgentDeps) {
  return async function nextField(state: AgentStateType, config: LangGraphRunnableConfig): Promise<AgentStateUpdate> {
    const port = portOf(config);
    const session = await loadSession(port, deps.catalog);
    const definition = session.definition;
    let form = session.form;
    const notes = [...state.notes];
    const quietly = state.input?.kind === "form.changed" && notes.length === 0;

    if (!definition) {
      if (quietly) return { notes: [] };
      say(port, (notes.length ? notes : [prompts.greeting()]).join(" "));
      return { phase: "connector", pending: null, notes: [] };
    }

    const ask = (question: Question, extra: string[] = [], invalidNow = false): AgentStateUpdate => {
      const current = question.secret ? undefined : getAt(form.values, question.path);
      const inChat = question.secret && state.secretDeclined === question.path;
      const phase = question.secret && !inChat ? "secret" : "field";
      // A form edit that leaves the same question open changes nothing the person needs to hear.
      if (quietly && state.pending?.path === question.path && state.phase === phase) return { notes: [] };
      const text = inChat ? prompts.secretAskInChat(question) : prompts.question(question, current, invalidNow);
      say(port, [...notes, ...extra, text].join(" "));
      const fieldAsk = toFieldAsk(question);
      port.emit({ ...fieldAsk, type: "field.ask", field_type: fieldAsk.type });
      if (phase === "secret") {
        port.emit({
          type: "secret.request",
          path: question.path,
          title: question.title,
          ...(question.description ? { description: question.description } : {}),
        });
      }
      return { phase, pending: fieldAsk, notes: [], justFailed: false };
    };

    // Fields a failed test named, or "go back": asked again although they have a value.
    for (const path of state.reask) {
      const question = questionAt(definition, path, form.values);
      if (question) return ask(question);
    }

    for (const { path, reason } of invalidPaths(definition, form)) {
      const question = questionAt(definition, path, form.values);
      if (question) return ask(question, [prompts.invalid(question, reason)], true);
    }

    // A field with one possible value (an enum of one) is no question: it is set and said.
    const walk = walkOf(definition, form, state.skipped);
    let open = walk.open;
    const single = open.filter((question) => !question.secret && question.kind === "field" && question.enum?.length === 1 && question.type !== "array");
    // A field the spec shows up front with a default is not asked: the default is written, as a
    // form shows it filled in, and said once.
    // (Once nothing needed is left: the person may still name one before.)
    const shown = open.some((question) => question.required) ? [] : walk.shown;
    if (single.length > 0 || shown.length > 0) {
      await port.patchForm([...single.map((question) => ({ op: "set" as const, path: question.path, value: question.enum![0] })), ...shown.map((question) => ({ op: "set" as const, path: question.path, value: question.default }))], "agent");
      if (single.length > 0) notes.push(prompts.onlyOption(single.map((question) => ({ question, value: question.enum![0] }))));
      if (shown.length > 0) notes.push(prompts.shownDefaults(shown.map((question) => ({ question, value: question.default }))));
      // Only then is the walk planned again (the set values may open or close other questions).
      form = (await loadSession(port, deps.catalog)).form;
      open = openQuestions(definition, form, state.skipped);
    }
    const auth = parseAdvancedAuth(definition);
    const oauthWanted =
      auth !== undefined &&
      !signInBlocked(definition, form, state.skipped) &&
      isOAuthSelected(definition, form.values) &&
      // The callback writes whatever tokens the provider returned; any of them means "authorized"
      // (unless a failed test blamed them: then the person signs in again).
      (state.reauthorize || !oauthOutputs(definition).some((output) => isFilled(form, output.path))) &&
      // Inputs the provider's URLs need (inside the OAuth option) come before the popup.
      !open.some((question) => auth.path !== "" && question.path.startsWith(auth.path + "/"));
    // What the sign-in page needs from the config (a client id and secret the connector's own app
    // uses) is asked before the popup: without it the flow cannot start, and would only fail again.
    if (oauthWanted && auth && !signInBlocked(definition, form, state.skipped)) {
      const needed = oauthUserInputs(definition).find((input) => !isFilled(form, input.path));
      const question = needed ? questionAt(definition, needed.path, form.values) : undefined;
      if (question) return ask(question);
    }
    if (oauthWanted && auth) {
      if (state.oauthDeclined && auth.path) {
        const choice = questionAt(definition, auth.path, form.values);
        if (choice) return ask(choice);
      }
      // Signing in is the only way for this connector: wait until the person wants to retry.
      const retrying = state.input?.kind === "message" || state.input?.kind === "test.request";
      if (state.oauthDeclined && !auth.path && !retrying) {
        if (!quietly) say(port, [...notes, prompts.oauthOnly(definition.displayName)].join(" "));
        return { phase: "idle", pending: null, notes: [] };
      }
      if (state.phase === "oauth") {
        if (!quietly && notes.length) say(port, notes.join(" "));
        return { notes: [] };
      }
      const startUrl = port.oauthStartUrl(auth.path);
      say(port, [...notes, prompts.oauthStart(definition.displayName)].join(" "));
      port.emit({ type: "oauth.request", path: auth.path, startUrl });
      return { phase: "oauth", pending: null, notes: [], oauthDeclined: false };
    }

    // "Test and save" with only optional questions left (an optional password, say) tests now.
    const blocking = state.testRequested ? open.filter((question) => question.required) : open;
    if (blocking.length > 0) {
      const extra = state.testRequested ? [prompts.cannotTestYet(blocking[0])] : [];
      return { ...ask(blocking[0], extra), testRequested: false };
    }

    // A session opened on a saved connector starts by asking what to change, not by testing.
    if (state.input?.kind === "start" && port.connectorId) {
      say(port, [...notes, prompts.modifyIntro(definition)].join(" "));
      return { phase: "idle", pending: null, notes: [], failedTestVersion: form.version };
    }

    // A new session whose connector needs nothing more is not tested and saved before the person
    // has said a word: say what will be used, offer the optional settings, wait for the go-ahead.
    if (state.input?.kind === "start" && !state.testRequested) {
      say(port, [...notes, startIntro(definition, form, state.skipped)].join(" "));
      return { phase: "idle", pending: null, notes: [], awaitingGo: true };
    }
    if (state.awaitingGo && !state.testRequested) {
      if (!quietly && notes.length) say(port, [...notes, GO_AHEAD].join(" "));
      return { phase: "idle", pending: null, notes: [] };
    }

    // A form edit never starts a test by itself: the person may still be editing (more fields, or
    // a saved connector being modified). Say once that it is ready, then wait for the go-ahead.
    if (state.input?.kind === "form.changed" && !state.testRequested) {
      if (state.phase === "idle" && state.awaitingGo && notes.length === 0) return { notes: [] };
      say(port, [...notes, prompts.readyToTest()].join(" "));
      return { phase: "idle", pending: null, notes: [], awaitingGo: true };
    }
    if (state.testRequested || state.failedTestVersion !== form.version) return { phase: "testing", notes, pending: null, awaitingGo: false };
    // "Nothing has changed" only after a real failed test, not in a modify session's first turns.
    const unchanged = state.lastFailure !== null && state.failedTestVersion === form.version && !state.justFailed;
    if (!quietly) say(port, [...notes, ...(unchanged ? [prompts.unchanged()] : [])].join(" "));
    return { phase: "idle", pending: null, notes: [], justFailed: false };
  };
}

export function routeAfterNextField(state: AgentStateType): AfterNextField {
  return state.phase === "testing" ? "test" : "wait";
}
