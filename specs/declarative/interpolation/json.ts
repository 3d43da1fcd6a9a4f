// Python's json.dumps (default separators ", " and ": ", ensure_ascii) for the `tojson` and
// Airbyte `string` filters; values JSON cannot hold are a TypeError, as in Python.
import { typeError } from "./errors.ts";
import { floatRepr } from "./py-str.ts";
import { isDict, isFloat, numberOf, PyFloat, StreamSlice, typeName } from "./values.ts";

function quote(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export function toJson(value: unknown, options: { sortKeys: boolean; indent?: number }, depth = 0): string {
  const newline = options.indent === undefined ? "" : `\n${" ".repeat(options.indent * (depth + 1))}`;
  const closing = options.indent === undefined ? "" : `\n${" ".repeat(options.indent * depth)}`;
  const itemSeparator = options.indent === undefined ? ", " : ",";
  if (value === null || value === undefined) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number" || value instanceof PyFloat) {
    const number = numberOf(value);
    if (Number.isNaN(number)) return "NaN";
    if (!Number.isFinite(number)) return number > 0 ? "Infinity" : "-Infinity";
    return isFloat(value) ? floatRepr(number) : String(number);
  }
  if (typeof value === "string") return quote(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[${newline}${value.map((item) => toJson(item, options, depth + 1)).join(itemSeparator + newline)}${closing}]`;
  }
  const data = value instanceof StreamSlice ? value.merged : isDict(value) ? value : undefined;
  if (!data) throw typeError(`Object of type ${typeName(value)} is not JSON serializable`);
  const keys = Object.keys(data);
  if (options.sortKeys) keys.sort();
  if (keys.length === 0) return "{}";
  return `{${newline}${keys.map((key) => `${quote(key)}: ${toJson(data[key], options, depth + 1)}`).join(itemSeparator + newline)}${closing}}`;
}
