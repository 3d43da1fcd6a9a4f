// Record transformations: AddFields and RemoveFields (the two the check streams use), and the
// small key-shaping ones (KeysToLower, KeysToSnakeCase, KeysReplace, FlattenFields,
// DpathFlattenFields). Anything else is an UnsupportedComponentError naming its type.
import { dpathDelete, dpathSet, dpathValues } from "./dpath.ts";
import { UnsupportedComponentError } from "./errors.ts";
import { requestVariables, type Slice, type Templates } from "./templates.ts";

export type Transformation = (record: Record<string, unknown>, slice: Slice) => Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

function cast(value: unknown, type: string | undefined): unknown {
  if (!type || value === null || value === undefined) return value;
  if (type === "string") return typeof value === "string" ? value : JSON.stringify(value);
  if (type === "integer") return Number.parseInt(String(value), 10);
  if (type === "number") return Number(value);
  if (type === "boolean") return value === true || value === "true" || value === "True";
  return value;
}

function snake(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
}

function flatten(record: Record<string, unknown>, prefix = "", out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [key, value] of Object.entries(record)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (isObject(value)) flatten(value, name, out);
    else out[name in out ? `${name}_${key}` : name] = value;
  }
  return out;
}

export function transformation(model: Record<string, any>, templates: Templates, at: string): Transformation {
  switch (model.type) {
    case "AddFields": {
      const fields: Array<Record<string, any>> = model.fields ?? [];
      return (record, slice) => {
        const variables = { ...requestVariables(slice, undefined), record };
        if (model.condition && !templates.boolean(model.condition, variables)) return record;
        for (const field of fields) {
          const path = (field.path ?? []).map((segment: unknown) => templates.text(segment, variables));
          const value = templates.with(field.$parameters ?? model.$parameters).string(field.value, variables);
          dpathSet(record, path, cast(value, field.value_type));
        }
        return record;
      };
    }
    case "RemoveFields": {
      if (model.condition) throw new UnsupportedComponentError("RemoveFields.condition", `${at}/condition`);
      const pointers: string[][] = (model.field_pointers ?? []).map((pointer: unknown[]) => pointer.map(String));
      return (record) => {
        for (const pointer of pointers) dpathDelete(record, pointer);
        return record;
      };
    }
    case "KeysToLower":
      return (record) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
    case "KeysToSnakeCase":
      return (record) => Object.fromEntries(Object.entries(record).map(([key, value]) => [snake(key), value]));
    case "KeysReplace":
      return (record) => {
        const old = templates.text(model.old, { record });
        const replacement = templates.text(model.new, { record });
        return Object.fromEntries(Object.entries(record).map(([key, value]) => [old ? key.split(old).join(replacement) : key, value]));
      };
    case "FlattenFields":
      return (record) => flatten(record);
    case "DpathFlattenFields": {
      const path = (model.field_path ?? []).map((segment: unknown) => templates.text(segment));
      return (record) => {
        const [found] = dpathValues(record, path);
        if (!isObject(found)) return record;
        const out = { ...record };
        if (model.delete_origin_value) dpathDelete(out, path);
        for (const [key, value] of Object.entries(found)) if (model.replace_record || !(key in out)) out[key] = value;
        return model.replace_record ? { ...found } : out;
      };
    }
    default:
      throw new UnsupportedComponentError(String(model.type ?? "untyped transformation"), at);
  }
}
