// The form-state document's rules: ops applied in order, secrets sealed into the secret store
// (the document keeps the mask and the id), per-path versions for conflict detection, and the
// touched paths' validation errors. Pure apart from the SecretStore it is handed.
import type { FieldErrorWire, FieldStatus, FormDocument, FormOp } from "../../agent/protocol.ts";
import {
  SECRET_MASK,
  describeError,
  getAt,
  isSecretPath,
  parsePointer,
  secretPaths,
  setAt,
  unsetAt,
  validatePaths,
  type Definition,
} from "../../specs/index.ts";
import type { SecretOwner, SecretStore } from "../secrets/types.ts";

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
 * Moves every plaintext value that sits on a secret path into the secret store, and forgets the
 * ids whose field no longer holds the mask (cleared, or a different oneOf option chosen).
 */
async function sealSecrets(form: FormDocument, context: FormContext): Promise<FormDocument> {
  const schema = context.definition.connectionSpecification;
  let values = form.values;
  const secrets = { ...form.secrets };
  for (const path of secretPaths(schema, values)) {
    const value = getAt(values, path);
    if (value === undefined || value === null || value === SECRET_MASK) continue;
    if (typeof value === "string" && value === "") {
      values = unsetAt(values, path);
      continue;
    }
    const plain = typeof value === "string" ? value : JSON.stringify(value);
    const id = await context.secrets.put(plain, context.owner);
    await dropSecret(secrets[path], context);
    secrets[path] = id;
    values = setAt(values, path, SECRET_MASK);
  }
  for (const [path, id] of Object.entries(secrets)) {
    if (getAt(values, path) !== SECRET_MASK) {
      await dropSecret(id, context);
      delete secrets[path];
    }
  }
  // A mask with no stored secret behind it is not a value.
  for (const path of secretPaths(schema, values)) {
    if (getAt(values, path) === SECRET_MASK && !secrets[path]) values = unsetAt(values, path);
  }
  return { ...form, values, secrets };
}

function withoutUnder<T>(record: Record<string, T>, path: string): Record<string, T> {
  const next: Record<string, T> = {};
  for (const [key, value] of Object.entries(record)) {
    if (key !== path && !key.startsWith(path + "/")) next[key] = value;
  }
  return next;
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
      if (isSecretPath(schema, path)) {
        if (op.value === SECRET_MASK) {
          // The mask sent back keeps the stored secret.
          if (next.secrets[path]) next = { ...next, values: setAt(next.values, path, SECRET_MASK) };
        } else if (op.value === "" || op.value === null) {
          next = { ...next, values: unsetAt(next.values, path) };
        } else {
          if (typeof op.value === "object") throw new FormOpError("invalid_op", `${path} takes a text value`, path);
          const id = await context.secrets.put(String(op.value), context.owner);
          await dropSecret(next.secrets[path], context);
          next = { ...next, values: setAt(next.values, path, SECRET_MASK), secrets: { ...next.secrets, [path]: id } };
        }
      } else {
        next = { ...next, values: setAt(next.values, path, op.value) };
      }
      next = await sealSecrets(next, context);
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
      next = await sealSecrets(next, context);
      wireOps.push({ op: "unset", path });
    } else {
      throw new FormOpError("invalid_op", `Unknown op "${String((op as FormOp).op)}"`, path);
    }
    touched.push(path);
  }
  const fieldErrors = touched.length > 0 ? validatePaths(context.definition, next.values, touched) : [];
  const errors: FieldErrorWire[] = fieldErrors.map((error) => ({
    path: error.path,
    keyword: error.keyword,
    message: describeError(error),
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
