// The simulated user of ../shared/EVALS.md: plays the opening and the scripted turns, then
// answers whatever the agent asks from the case's facts. It decides; the runner acts and counts.
import type { ClientEvent, FieldAsk, SessionSnapshot } from "../agent/protocol.ts";
import { isAnswersFact, isChooseFact, isPlainObject, isSecretFact } from "./case-facts.ts";
import { seededRandom } from "./prng.ts";
import type { EvalCase, Turn } from "./types.ts";

export const MAX_USER_MESSAGES = 30;

export type UserAction =
  | { kind: "event"; event: ClientEvent; counts: boolean; note?: string }
  | { kind: "oauth"; path: string; startUrl: string; decision: "approve" | "deny" }
  | { kind: "end"; reason: string };

/** What the user sees after the last action. */
export interface UserView {
  snapshot: SessionSnapshot;
  /** Every path the agent asked so far. */
  asked: string[];
}

const PHRASINGS = [(x: string) => x, (x: string) => `it's ${x}`, (x: string) => `use ${x}`, (x: string) => `${x} please`];

export function spoken(value: unknown): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.map(spoken).join(", ");
  if (isPlainObject(value)) return JSON.stringify(value);
  return String(value);
}

export class SimulatedUser {
  private readonly random: () => number;
  private readonly turns: Turn[];
  private readonly answered = new Map<string, number>();
  private openingSent = false;
  private nudged = false;

  constructor(private readonly caseDef: EvalCase) {
    this.random = seededRandom(caseDef.id);
    this.turns = [...(caseDef.turns ?? [])];
  }

  private phrase(text: string): string {
    return PHRASINGS[Math.floor(this.random() * PHRASINGS.length)](text);
  }

  /** The next answer for a path: successive `answers` advance; the last one repeats. */
  private factFor(path: string): { found: boolean; value?: unknown } {
    const facts = this.caseDef.facts ?? {};
    if (!(path in facts)) return this.insideFact(path);
    const fact = facts[path];
    if (!isAnswersFact(fact)) return { found: true, value: fact };
    const count = this.answered.get(path) ?? 0;
    this.answered.set(path, count + 1);
    return { found: true, value: fact.answers[Math.min(count, fact.answers.length - 1)] };
  }

  /**
   * A part of a plain fact the person knows whole: knowing /streams as a list, they know
   * /streams/0/name. (Not inside `answers`, `secret` or `choose` facts: those are answers as given.)
   */
  private insideFact(path: string): { found: boolean; value?: unknown } {
    const facts = this.caseDef.facts ?? {};
    for (const [ancestor, fact] of Object.entries(facts)) {
      if (!path.startsWith(`${ancestor}/`) || isAnswersFact(fact) || isSecretFact(fact) || isChooseFact(fact)) continue;
      let value: unknown = fact;
      for (const segment of path.slice(ancestor.length + 1).split("/").map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))) {
        value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[segment] : undefined;
      }
      if (value !== undefined) return { found: true, value };
    }
    return { found: false };
  }

  /** The fact the next ask of this path would use, without using it up. */
  private peekFact(path: string): unknown {
    const facts = this.caseDef.facts ?? {};
    if (!(path in facts)) return this.insideFact(path).value;
    const fact = facts[path];
    if (!isAnswersFact(fact)) return fact;
    const count = this.answered.get(path) ?? 0;
    return fact.answers[Math.min(count, fact.answers.length - 1)];
  }

  private turnReady(turn: Turn, view: UserView): boolean {
    if (turn.when && !view.asked.includes(turn.when.asked)) return false;
    if ("oauth" in turn) return !!view.snapshot.oauthPending;
    return true;
  }

  private playTurn(turn: Turn, view: UserView): UserAction {
    const form = view.snapshot.form;
    if ("say" in turn) return { kind: "event", event: { type: "user.message", text: turn.say }, counts: true };
    if ("secret" in turn) return { kind: "event", event: { type: "secret.submit", ...turn.secret }, counts: true };
    if ("switch" in turn) return { kind: "event", event: { type: "view.switch", view: turn.switch }, counts: false };
    if ("test" in turn) return { kind: "event", event: { type: "test.request" }, counts: false };
    if ("oauth" in turn) {
      const pending = view.snapshot.oauthPending!;
      return { kind: "oauth", path: pending.path, startUrl: pending.startUrl, decision: turn.oauth };
    }
    const ops: Array<{ op: "set" | "unset"; path: string; value?: unknown }> = [];
    const secrets: Array<[string, string]> = [];
    for (const [path, value] of Object.entries(turn.form.set ?? {})) {
      if (isSecretFact(value)) secrets.push([path, value.secret]);
      else ops.push({ op: "set", path, value });
    }
    for (const path of turn.form.unset ?? []) ops.push({ op: "unset", path });
    // A secret typed into the form's masked input travels like any secret submission.
    if (secrets.length) {
      const rest = { ...turn, form: { set: Object.fromEntries(ops.filter((op) => op.op === "set").map((op) => [op.path, op.value])) } };
      if (ops.length) this.turns.unshift(rest as Turn);
      const [path, value] = secrets[0];
      for (const [laterPath, laterValue] of secrets.slice(1)) this.turns.unshift({ form: { set: { [laterPath]: { secret: laterValue } } } });
      return { kind: "event", event: { type: "secret.submit", path, value }, counts: false, note: "form" };
    }
    return { kind: "event", event: { type: "form.patch", base_version: form.version, ops }, counts: false };
  }

  /** The choice a fact names: `{ choose }`, a branch object holding an option's const, or a fact under the path. */
  private choiceText(ask: FieldAsk, value: unknown): string | undefined {
    if (isChooseFact(value)) return spoken(value.choose);
    const options = ask.options ?? [];
    const matches = (candidate: unknown) =>
      options.find((option) => option.value === candidate || option.title === candidate);
    if (isPlainObject(value)) {
      for (const inner of Object.values(value)) {
        const option = matches(inner);
        if (option) return String(option.value ?? option.title);
      }
    }
    if (value !== undefined) return spoken(value);
    for (const [path, fact] of Object.entries(this.caseDef.facts ?? {})) {
      if (!path.startsWith(`${ask.path}/`)) continue;
      const option = matches(fact);
      if (option) return String(option.value ?? option.title);
    }
    return undefined;
  }

  private answer(ask: FieldAsk, secretMode: boolean): UserAction {
    const { found, value } = this.factFor(ask.path);
    if (secretMode || ask.secret) {
      if (found && value !== undefined && !isChooseFact(value)) {
        const secret = isSecretFact(value) ? value.secret : spoken(value);
        return { kind: "event", event: { type: "secret.submit", path: ask.path, value: secret }, counts: true };
      }
      // No secret at hand: say so in chat ("skip" / "I don't know"), as EVALS.md has the user do
      // for any field without a fact. Cancelling the masked input alone would leave the field open.
    }
    if (ask.kind === "choice") {
      const text = this.choiceText(ask, found ? value : undefined);
      if (text !== undefined) return this.say(this.phrase(text));
    } else if (found) {
      if (isSecretFact(value)) return { kind: "event", event: { type: "secret.submit", path: ask.path, value: value.secret }, counts: true };
      return this.say(this.phrase(spoken(isChooseFact(value) ? value.choose : value)));
    }
    return this.say(ask.required ? "I don't know" : "skip");
  }

  private say(text: string): UserAction {
    return { kind: "event", event: { type: "user.message", text }, counts: true };
  }

  /** The user's next move, given what the session shows now. */
  next(view: UserView, messagesSent: number): UserAction {
    const { snapshot } = view;
    if (snapshot.status === "completed") return { kind: "end", reason: "saved" };
    if (snapshot.status === "cancelled") return { kind: "end", reason: "cancelled" };
    if (messagesSent >= MAX_USER_MESSAGES) return { kind: "end", reason: `${MAX_USER_MESSAGES} user messages` };
    if (!this.openingSent) {
      this.openingSent = true;
      if (this.caseDef.opening) return this.say(this.caseDef.opening);
    }
    // What the person meant to say next comes first, as EVALS.md plays turns right after the
    // opening: a correction typed while the masked input is open is chat the agent must tell from
    // the secret. Then, in secret mode with the secret at hand, it goes into the masked input.
    const secretPath = snapshot.secretMode?.path;
    if (this.turns.length && this.turnReady(this.turns[0], view)) {
      this.nudged = false;
      return this.playTurn(this.turns.shift()!, view);
    }
    if (secretPath && isSecretFact(this.peekFact(secretPath))) {
      this.nudged = false;
      const ask: FieldAsk = { path: secretPath, kind: "field", title: secretPath, type: "string", secret: true, required: true };
      return this.answer(ask, true);
    }
    if (snapshot.oauthPending) {
      this.nudged = false;
      return { kind: "oauth", ...snapshot.oauthPending, decision: "approve" };
    }
    const pending = snapshot.pending;
    if (secretPath && (!pending || pending.path !== secretPath)) {
      this.nudged = false;
      const ask: FieldAsk = { path: secretPath, kind: "field", title: secretPath, type: "string", secret: true, required: true };
      return this.answer(ask, true);
    }
    if (pending) {
      this.nudged = false;
      return this.answer(pending, !!secretPath);
    }
    // Nothing asked: a person would nudge once ("ok, go ahead"); a second silence is giving up.
    if (this.nudged) return { kind: "end", reason: "the agent stopped asking (gave up)" };
    this.nudged = true;
    return this.say(this.openingSent && messagesSent === 0 ? "Hi" : "ok, go ahead");
  }
}
