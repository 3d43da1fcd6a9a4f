// Reading the pieces of a case's facts: secrets, choices, successive answers.
import type { EvalCase } from "./types.ts";

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

function onlyKey(value: unknown, key: string): boolean {
  return isPlainObject(value) && Object.keys(value).length === 1 && key in value;
}

export const isSecretFact = (value: unknown): value is { secret: string } =>
  onlyKey(value, "secret") && typeof (value as any).secret === "string";
export const isChooseFact = (value: unknown): value is { choose: string | number | boolean } => onlyKey(value, "choose");
export const isAnswersFact = (value: unknown): value is { answers: unknown[] } =>
  onlyKey(value, "answers") && Array.isArray((value as any).answers);

/** Replaces `{ secret: V }` by V anywhere in a value (expected configs name secrets this way). */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecretFact(value)) return value.secret;
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  return value;
}

function collectSecrets(value: unknown, into: Set<string>): void {
  if (isSecretFact(value)) into.add(value.secret);
  else if (Array.isArray(value)) value.forEach((item) => collectSecrets(item, into));
  else if (isPlainObject(value)) Object.values(value).forEach((item) => collectSecrets(item, into));
}

/** Every secret value (canary) the case hands to the system. */
export function caseSecrets(caseDef: EvalCase): string[] {
  const found = new Set<string>();
  collectSecrets(caseDef.facts ?? {}, found);
  collectSecrets(caseDef.existing?.config ?? {}, found);
  collectSecrets(caseDef.expect.config ?? {}, found);
  for (const turn of caseDef.turns ?? []) {
    if ("secret" in turn) found.add(turn.secret.value);
    if ("form" in turn) collectSecrets(turn.form.set ?? {}, found);
  }
  // A very short "secret" would match by accident anywhere; canaries are long by convention.
  return [...found].filter((value) => value.length >= 6);
}
