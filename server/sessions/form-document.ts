// The form-state document's rules: ops applied in order, secrets sealed into the secret store
// (the document keeps the mask and the id), per-path versions for conflict detection, and the
// touched paths' validation errors. Pure apart from the SecretStore it is handed.
import type { FieldErrorWire, FieldStatus, FormDocument, FormOp } from "../../agent/protocol.ts";
import {
  describeError,
  getAt,
  isSecretPath,
  parsePointer,
  questionAt,
  secretPaths,
  setAt,
  unsetAt,
  validatePaths,
  type Definition,
} from "../../specs/index.ts";
import type { SecretOwner, SecretStore } from "../secrets/types.ts";
import { sealSecrets } from "../secrets/seal-secrets.ts";

export interface FormContext {
  definition: Definition;
  secrets: SecretStore;
  owner: SecretOwner;
  /** Secret ids a saved connector still uses: an edit in the session never deletes them. */
  keep: ReadonlySet<string>;
}

export interface AppliedBatch {
  form: FormDocument;
  /** The ops as broadcast: secret values replaced by the mask. */
  ops: FormOp[];
  errors: FieldErrorWire[];
  touched: string[];
}

export class FormOpError extends Error {
  readonly code: string;
  readonly field: string | undefined;
  constructor(code: string, message: string, field?: string) {
    super(message);
    this.name = "FormOpError";
    this.code = code;
    this.field = field;
  }
}

export function emptyForm(definition: Definition | undefined, version: number, name?: string): FormDocument {
  return {
    version,
    definitionId: definition?.id ?? null,
    name: name ?? definition?.displayName ?? "",
    values: {},
    secrets: {},
    status: {},
  };
}

/** True when one path is the other or sits under it ("" is above every path). */
export function pathsOverlap(a: string, b: string): boolean {
  return a === b || a.startsWith(b + "/") || b.startsWith(a + "/");
}

/** The first path changed after `baseVersion` that overlaps one of the ops, if any. */
export function findConflict(
  pathVersions: Record<string, number>,
  currentVersion: number,
  baseVersion: number,
  ops: FormOp[],
): string | null {
  if (baseVersion > currentVersion) return ops[0]?.path ?? "";
  for (const op of ops) {
    for (const [path, version] of Object.entries(pathVersions)) {
      if (version > baseVersion && pathsOverlap(path, op.path)) return op.path;
    }
  }
  return null;
}

function checkPointer(path: unknown): string {
  if (typeof path !== "string" || !path.startsWith("/")) {
    throw new FormOpError("invalid_path", `"${String(path)}" is not a JSON pointer to a field`, String(path));
  }
  parsePointer(path);
  return path;
}

async function dropSecret(id: string | undefined, context: FormContext): Promise<void> {
  if (!id || context.keep.has(id)) return;
  await context.secrets.delete(id);
}

/**
 * Moves every value that sits on a secret path into the secret store (the rule the management
 * API uses too: server/secrets/seal-secrets.ts), and forgets the ids whose field no longer holds
 * the mask (cleared, or a different oneOf option chosen).
 */
async function sealFormSecrets(form: FormDocument, context: FormContext): Promise<FormDocument> {
  const schema = context.definition.connectionSpecification;
  let values = form.values;
  // An emptied secret input clears the field; it is not an empty secret.
  for (const path of secretPaths(schema, values)) if (getAt(values, path) === "") values = unsetAt(values, path);
  const sealed = sealSecrets(schema, values, form.secrets);
  const secrets = { ...sealed.kept };
  for (const { path, value } of sealed.plaintext) secrets[path] = await context.secrets.put(value, context.owner);
  for (const id of sealed.dropped) await dropSecret(id, context);
  // A mask with no stored secret behind it is not a value.
  values = sealed.masked;
  for (const path of sealed.unbacked) values = unsetAt(values, path);
  return { ...form, values, secrets };
}

function withoutUnder<T>(record: Record<string, T>, path: string): Record<string, T> {
  const next: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key !== path && !key.startsWith(path + "/")) next[key] = value;
  }
  return next;
}

function questionOf(definition: Definition, path: string, values: Record<string, unknown>) {
  try {
    return questionAt(definition, path, values) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Applies ops in order; the returned form has version + 1. Throws FormOpError on a bad op. */
export async function applyOps(form: FormDocument, ops: FormOp[], context: FormContext): Promise<AppliedBatch> {
  const schema = context.definition.connectionSpecification;
  let next: FormDocument = { ...form, values: form.values, secrets: { ...form.secrets }, status: { ...form.status } };
  const wireOps: FormOp[] = [];
  const touched: string[] = [];
  for (const op of ops) {
    const path = checkPointer(op.path);
    if (op.op === "set") {
      if (op.value === undefined) throw new FormOpError("invalid_op", `set ${path} needs a value`, path);
      // Clearing a secret field unsets it; any other value (a secret one too) is set and then
      // sealed below, so a secret never stays in the values.
      const secret = isSecretPath(schema, path);
      const clears = secret && (op.value === "" || op.value === null);
      const values = clears ? unsetAt(next.values, path) : setAt(next.values, path, op.value);
      // An object under a secret name the spec does not define would be looked into, not sealed whole.
      if (secret && typeof op.value === "object" && !clears && !secretPaths(schema, values).includes(path)) {
        throw new FormOpError("invalid_op", `${path} takes a text value`, path);
      }
      next = { ...next, values };
      next = await sealFormSecrets(next, context);
      const applied = getAt(next.values, path);
      next.status = withoutUnder(next.status, path);
      if (applied === undefined) {
        wireOps.push({ op: "unset", path });
      } else {
        next.status[path] = "filled";
        wireOps.push({ op: "set", path, value: applied });
      }
    } else if (op.op === "unset") {
      next = { ...next, values: unsetAt(next.values, path), status: withoutUnder(next.status, path) };
      next = await sealFormSecrets(next, context);
      wireOps.push({ op: "unset", path });
    } else {
      throw new FormOpError("invalid_op", `Unknown op "${String((op as FormOp).op)}"`, path);
    }
    touched.push(path);
  }
  const fieldErrors = touched.length > 0 ? validatePaths(context.definition, next.values, touched) : [];
  // In the spec's words: its title, and its pattern_descriptor for a pattern ("must look like ...").
  const errors: FieldErrorWire[] = fieldErrors.map((error) => ({
    path: error.path,
    keyword: error.keyword,
    message: describeError(error, questionOf(context.definition, error.path, next.values)),
  }));
  for (const path of touched) {
    if (next.status[path] === undefined) continue;
    const invalid = errors.some((error) => pathsOverlap(error.path, path) && error.path.startsWith(path));
    next.status[path] = invalid ? "invalid" : ("filled" satisfies FieldStatus);
  }
  next.version = form.version + 1;
  return { form: next, ops: wireOps, errors, touched };
}

/** Every leaf path of a config, so a form prefilled from a connector shows each field as filled. */
export function leafPaths(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return prefix ? [prefix] : [];
  const paths: string[] = [];
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    paths.push(...leafPaths(child, `${prefix}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`));
  }
  return paths;
}
