// Precision before recall: a case fails when the agent ever wrote a value the person did not mean.
// Every `set` the agent made (its `form.patch` events, `by: "agent"`) is held against what the case
// says is true at that path: any of its facts there (each of an `answers` list, a `{ choose }`
// option's const, the fields of an object fact), the value `expect.config` holds there (facts are
// often said as a person says them, "September 1st 2022"; the expected config is their stored
// form), the field's default, a value the spec fixes (a const), or a value a `form` turn set. A secret's mask stands for a stored secret, not a value,
// and is not judged here (no_leak and config judge secrets).
//
// A list the agent wrote is right when each of its items is one of the fact's: a list still
// incomplete is a recall problem the config grader sees, not a wrong value.
import { isDeepStrictEqual } from "node:util";
import type { ServerEvent } from "../../agent/protocol.ts";
import { discriminatorOf, fixedValue, schemaAt, schemasAtAnyOption, SECRET_MASK, type JsonSchema } from "../../specs/index.ts";
import { isAnswersFact, isChooseFact, isPlainObject, isSecretFact, unwrapSecrets } from "../case-facts.ts";
import { isWithin, leafPointers } from "../json-pointer.ts";
import type { CaseRun, EvalCase, Grader } from "../types.ts";

export interface AgentWrite {
  path: string;
  value: unknown;
}

/** Each value the agent set, one per leaf (an object written whole is judged field by field). */
export function agentWrites(run: CaseRun): AgentWrite[] {
  const writes: AgentWrite[] = [];
  for (const { from, event } of run.transcript) {
    if (from !== "server" || event.type !== "form.patch") continue;
    const patch = event as Extract<ServerEvent, { type: "form.patch" }>;
    if (patch.by !== "agent") continue;
    for (const op of patch.ops) {
      if (op.op !== "set") continue;
      for (const [path, value] of leafWrites(op.path, op.value)) writes.push({ path, value });
    }
  }
  return writes;
}

function sameScalar(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a === "object" || typeof b === "object") return isDeepStrictEqual(a, b);
  // The person's 5432 and the spec's "5432" are one value; the type is the config grader's to judge.
  return String(a) === String(b);
}

function sameValue(written: unknown, meant: unknown): boolean {
  if (Array.isArray(written) && Array.isArray(meant)) return written.every((item) => meant.some((candidate) => sameValue(item, candidate)));
  if (Array.isArray(written) || Array.isArray(meant)) return false;
  return sameScalar(written, meant);
}

/** The option of the choice at `choicePath` that a `{ choose }` fact names, by title or const. */
function chosenConst(spec: JsonSchema, choicePath: string, choose: unknown): { property: string; value: unknown } | undefined {
  const node = schemasAtAnyOption(spec, choicePath).find((candidate) => Array.isArray(candidate?.oneOf));
  if (!node) return undefined;
  const discriminator = discriminatorOf(node);
  if (!discriminator) return undefined;
  const wanted = String(choose).trim().toLowerCase();
  const options: JsonSchema[] = node.oneOf;
  const index = options.findIndex(
    (option, at) =>
      String(option?.title ?? "").trim().toLowerCase() === wanted || String(discriminator.values[at] ?? "").toLowerCase() === wanted,
  );
  return index >= 0 ? { property: discriminator.property, value: discriminator.values[index] } : undefined;
}

/** The values a fact at `factPath` means for `path` (at or inside it); empty when it says nothing there. */
function meantBy(spec: JsonSchema | null, factPath: string, fact: unknown, path: string): unknown[] {
  if (isAnswersFact(fact)) return fact.answers.flatMap((answer) => meantBy(spec, factPath, answer, path));
  if (isChooseFact(fact)) {
    const option = spec ? chosenConst(spec, factPath, fact.choose) : undefined;
    if (!option) return [];
    return path === `${factPath}/${option.property}` ? [option.value] : [];
  }
  const plain = unwrapSecrets(fact);
  if (path === factPath) return [plain];
  if (isSecretFact(fact)) return [];
  return valuesAt(plain, path.slice(factPath.length + 1).split("/"));
}

/** What a fact holds under a relative pointer, into its objects and lists ("/streams" → "0/name"). */
function valuesAt(value: unknown, segments: string[]): unknown[] {
  let current = value;
  for (const raw of segments) {
    const segment = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (Array.isArray(current) && /^\d+$/.test(segment)) current = current[Number(segment)];
    else if (isPlainObject(current)) current = current[segment];
    else return [];
  }
  return current === undefined ? [] : [current];
}

/**
 * A choice's const the case implies without naming it: a fact inside the option that const picks
 * (the password of "SSH key" vs "password" tunnels), as the simulated user answers such a choice.
 */
function impliedChoice(spec: JsonSchema | null, caseDef: EvalCase, write: AgentWrite): boolean {
  if (!spec) return false;
  const at = write.path.lastIndexOf("/");
  const choicePath = write.path.slice(0, at);
  const property = write.path.slice(at + 1);
  const node = schemasAtAnyOption(spec, choicePath).find((candidate) => Array.isArray(candidate?.oneOf));
  const discriminator = node && discriminatorOf(node);
  if (!node || discriminator?.property !== property) return false;
  const index = discriminator.values.findIndex((value) => sameScalar(write.value, value));
  const option: JsonSchema | undefined = node.oneOf[index];
  if (!option?.properties) return false;
  return Object.keys(caseDef.facts ?? {}).some((factPath) => {
    if (!factPath.startsWith(`${choicePath}/`)) return false;
    const field = factPath.slice(choicePath.length + 1).split("/")[0];
    return field !== property && field in option.properties && node.oneOf.filter((other: JsonSchema) => other?.properties && field in other.properties).length < node.oneOf.length;
  });
}

/** Values the case itself put in the form (a `form` turn), by path. */
function formValues(caseDef: EvalCase): Array<[string, unknown]> {
  return (caseDef.turns ?? []).flatMap((turn) =>
    "form" in turn ? Object.entries(turn.form.set ?? {}).flatMap(([pointer, value]) => leafWrites(pointer, unwrapSecrets(value))) : [],
  );
}

function leafWrites(path: string, value: unknown): Array<[string, unknown]> {
  return isPlainObject(value) && Object.keys(value).length ? leafPointers(value, path) : [[path, value]];
}

/** The oneOf whose options `path` tells apart, when `path` is such a discriminator. */
function choiceOf(spec: JsonSchema, path: string): JsonSchema | undefined {
  const at = path.lastIndexOf("/");
  const parent = schemasAtAnyOption(spec, path.slice(0, at)).find((candidate) => Array.isArray(candidate?.oneOf));
  return parent && discriminatorOf(parent)?.property === path.slice(at + 1) ? parent : undefined;
}

/**
 * The field's default, or a const the spec fixes. An option's discriminator is the person's
 * choice: each option's const (and the default many specs repeat beside it) would allow any
 * option, so only the choice's own default counts there.
 */
function specAllows(spec: JsonSchema | null, path: string, value: unknown, config: Record<string, unknown>): boolean {
  if (!spec) return false;
  const choice = choiceOf(spec, path);
  if (choice) {
    const fallback = isPlainObject(choice.default) ? choice.default[path.slice(path.lastIndexOf("/") + 1)] : undefined;
    return fallback !== undefined && sameScalar(value, fallback);
  }
  const nodes = [schemaAt(spec, path, config), ...schemasAtAnyOption(spec, path)].filter(Boolean) as JsonSchema[];
  return nodes.some((node) => ("default" in node && sameValue(value, node.default)) || (fixedValue(node) !== undefined && sameScalar(value, fixedValue(node))));
}

/** Is `write` something the case means (or the spec or a form turn put there)? */
export function isMeant(caseDef: EvalCase, spec: JsonSchema | null, write: AgentWrite, configSoFar: Record<string, unknown> = {}): boolean {
  if (write.value === SECRET_MASK) return true;
  const facts = Object.entries(caseDef.facts ?? {}).filter(([factPath]) => isWithin(write.path, factPath));
  const meant = facts.flatMap(([factPath, fact]) => meantBy(spec, factPath, fact, write.path));
  if (meant.some((value) => sameValue(write.value, value))) return true;
  const expected = caseDef.expect.config ? leafWrites("", unwrapSecrets(caseDef.expect.config)) : [];
  if (expected.some(([path, value]) => path === write.path && sameValue(write.value, value))) return true;
  if (formValues(caseDef).some(([path, value]) => path === write.path && sameValue(write.value, value))) return true;
  if (caseDef.existing && leafPointers(unwrapSecrets(caseDef.existing.config), "").some(([path, value]) => path === write.path && sameValue(write.value, value))) {
    return true;
  }
  return specAllows(spec, write.path, write.value, configSoFar) || impliedChoice(spec, caseDef, write);
}

export const noWrongValue: Grader = (caseDef, run) => {
  const writes = agentWrites(run);
  const wrong = writes.filter((write) => !isMeant(caseDef, run.spec ?? null, write, run.finalConfig ?? {}));
  const shown = wrong.slice(0, 4).map((write) => `${write.path} = ${JSON.stringify(write.value)}`);
  return {
    pass: wrong.length === 0,
    score: writes.length ? 1 - wrong.length / writes.length : 1,
    reason: wrong.length
      ? `${wrong.length} wrong write(s): ${shown.join("; ")}${wrong.length > shown.length ? "; …" : ""}`
      : `${writes.length} agent write(s), none wrong`,
    count: wrong.length,
  };
};
