// The Python value model templates evaluate over. JSON-shaped values map directly (null = None,
// boolean, number, string, array = list, plain object = dict); the rest are small classes:
// PyFloat (a float whose value is integral, so `1.0` stays a float), Undefined (Jinja's), tuples
// (arrays carrying a mark), StreamSlice (the CDK's Mapping of partition + cursor slice),
// PyFunction (macros, bound methods), PyGenerator (what Jinja's map/select filters return) and
// the datetime family in datetime.ts.
import { PyDate, PyDateTime, PyDuration, PyTimedelta } from "./datetime.ts";
import { typeError, undefinedError } from "./errors.ts";

export class PyFloat {
  constructor(readonly value: number) {}
}

/** A float result: integral values are boxed so they keep printing as `1.0`. */
export function makeFloat(value: number): number | PyFloat {
  return Number.isInteger(value) ? new PyFloat(value) : value;
}

export class Undefined {
  constructor(
    readonly hint: string,
    readonly name?: string,
  ) {}
  fail(): never {
    throw undefinedError(this.hint);
  }
}

export function undefinedAttribute(obj: unknown, name: string | number): Undefined {
  if (obj instanceof Undefined) return new Undefined(obj.hint, String(name));
  const shown = typeof name === "string" ? `'${name}'` : String(name);
  return new Undefined(`'${typeName(obj)} object' has no attribute ${shown}`, String(name));
}

export type Kwargs = Record<string, unknown>;
export class PyFunction {
  constructor(
    readonly name: string,
    readonly call: (args: unknown[], kwargs: Kwargs) => unknown,
  ) {}
}

export class PyGenerator {
  constructor(private readonly source: () => Iterator<unknown>) {}
  iterator(): Iterator<unknown> {
    return this.source();
  }
}

const TUPLE = Symbol("tuple");
export function tuple(items: unknown[]): unknown[] {
  (items as unknown as Record<symbol, boolean>)[TUPLE] = true;
  return items;
}
export const isTuple = (value: unknown): value is unknown[] =>
  Array.isArray(value) && (value as unknown as Record<symbol, boolean>)[TUPLE] === true;

const VIEW = Symbol("dict view");
/** dict.keys()/values()/items(): lists that print as Python's views (`dict_keys([...])`). */
export function dictView(kind: "dict_keys" | "dict_values" | "dict_items", items: unknown[]): unknown[] {
  (items as unknown as Record<symbol, string>)[VIEW] = kind;
  return items;
}
export const viewKind = (value: unknown[]): string | undefined => (value as unknown as Record<symbol, string | undefined>)[VIEW];

export type Dict = Record<string, unknown>;
export function isDict(value: unknown): value is Dict {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** The CDK's StreamSlice: a read-only Mapping over partition + cursor slice, with attributes. */
export class StreamSlice {
  readonly merged: Dict;
  readonly extra_fields: Dict;
  constructor(
    readonly partition: Dict,
    readonly cursor_slice: Dict,
    extraFields?: Dict,
  ) {
    this.merged = { ...partition, ...cursor_slice };
    this.extra_fields = extraFields ?? {};
  }
}

export type PyMapping = Dict | StreamSlice;
export const isMapping = (value: unknown): value is PyMapping => isDict(value) || value instanceof StreamSlice;
export const mappingData = (value: PyMapping): Dict => (value instanceof StreamSlice ? value.merged : value);
export const hasKey = (dict: object, key: string) => Object.prototype.hasOwnProperty.call(dict, key);
/** A table's own entry: names from templates must never reach Object.prototype ("constructor"). */
export const own = <T>(table: Record<string, T>, name: string): T | undefined => (hasKey(table, name) ? table[name] : undefined);
/** Writes a dict key as an own property, so "__proto__" is a key like any other. */
export function setKey(dict: Dict, key: string, value: unknown): void {
  Object.defineProperty(dict, key, { value, writable: true, enumerable: true, configurable: true });
}

export const isInt = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value);
export const isFloat = (value: unknown): boolean =>
  value instanceof PyFloat || (typeof value === "number" && !Number.isInteger(value));
/** int, float or bool (a Python bool is an int). */
export const isNumber = (value: unknown): boolean =>
  typeof value === "number" || typeof value === "boolean" || value instanceof PyFloat;
export function numberOf(value: unknown): number {
  if (value instanceof PyFloat) return value.value;
  if (typeof value === "boolean") return value ? 1 : 0;
  return value as number;
}

/** Python's `type(x).__name__`. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "boolean") return "bool";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (value instanceof PyFloat) return "float";
  if (typeof value === "string") return "str";
  if (Array.isArray(value)) return isTuple(value) ? "tuple" : "list";
  if (value instanceof Undefined) return "Undefined";
  if (value instanceof StreamSlice) return "StreamSlice";
  if (value instanceof PyDateTime) return "datetime";
  if (value instanceof PyDate) return "date";
  if (value instanceof PyTimedelta) return "timedelta";
  if (value instanceof PyDuration) return "Duration";
  if (value instanceof PyFunction) return "function";
  if (value instanceof PyGenerator) return "generator";
  if (isDict(value)) return "dict";
  return "object";
}

export function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value instanceof Undefined) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "number") return value !== 0;
  if (value instanceof PyFloat) return value.value !== 0;
  if (typeof value === "string") return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof StreamSlice) return Object.keys(value.merged).length > 0 || Object.keys(value.extra_fields).length > 0;
  if (value instanceof PyTimedelta) return value.micros !== 0n;
  if (isDict(value)) return Object.keys(value).length > 0;
  return true;
}

export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a instanceof Undefined || b instanceof Undefined) return a instanceof Undefined && b instanceof Undefined;
  if (isNumber(a) && isNumber(b)) return numberOf(a) === numberOf(b);
  if (typeof a === "string" || typeof b === "string") return a === b;
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    if (isTuple(a) !== isTuple(b) || a.length !== b.length) return false;
    return a.every((item, index) => pyEquals(item, b[index]));
  }
  if (isMapping(a) && isMapping(b)) {
    const left = mappingData(a);
    const right = mappingData(b);
    const keys = Object.keys(left);
    if (keys.length !== Object.keys(right).length) return false;
    return keys.every((key) => hasKey(right, key) && pyEquals(left[key], right[key]));
  }
  if (a instanceof PyDateTime && b instanceof PyDateTime) return a.compare(b) === 0;
  if (a instanceof PyDate && b instanceof PyDate) return a.ordinal === b.ordinal;
  if (a instanceof PyTimedelta && b instanceof PyTimedelta) return a.micros === b.micros;
  return a === b;
}

function compareSequences(a: unknown[], b: unknown[]): number {
  for (let index = 0; index < Math.min(a.length, b.length); index++) {
    if (!pyEquals(a[index], b[index])) return pyCompare(a[index], b[index], "<") ? -1 : 1;
  }
  return a.length - b.length;
}

const OPERATOR_SIGN: Record<string, (order: number) => boolean> = {
  "<": (order) => order < 0,
  "<=": (order) => order <= 0,
  ">": (order) => order > 0,
  ">=": (order) => order >= 0,
};

/** Python's ordering comparisons; a TypeError between types Python will not order. */
export function pyCompare(a: unknown, b: unknown, operator: string): boolean {
  if (a instanceof Undefined) a.fail();
  if (b instanceof Undefined) b.fail();
  let order: number | undefined;
  if (isNumber(a) && isNumber(b)) order = numberOf(a) - numberOf(b);
  else if (typeof a === "string" && typeof b === "string") order = a < b ? -1 : a > b ? 1 : 0;
  else if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) order = compareSequences(a, b);
  else if (a instanceof PyDateTime && b instanceof PyDateTime) order = a.compare(b);
  else if (a instanceof PyDate && b instanceof PyDate && !(a instanceof PyDateTime) && !(b instanceof PyDateTime)) order = a.ordinal - b.ordinal;
  else if (a instanceof PyTimedelta && b instanceof PyTimedelta) order = a.micros < b.micros ? -1 : a.micros > b.micros ? 1 : 0;
  if (order === undefined || Number.isNaN(order)) {
    if (order !== undefined) return false;
    throw typeError(`'${operator}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
  }
  return OPERATOR_SIGN[operator](order);
}

/** Python iteration (`for x in value`): lists, strings (characters), mappings (keys). */
export function iterate(value: unknown): unknown[] {
  if (value instanceof Undefined) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === "string") return Array.from(value);
  if (isMapping(value)) return Object.keys(mappingData(value));
  if (value instanceof PyGenerator) {
    const items: unknown[] = [];
    const iterator = value.iterator();
    for (let step = iterator.next(); !step.done; step = iterator.next()) items.push(step.value);
    return items;
  }
  throw typeError(`'${typeName(value)}' object is not iterable`);
}

export function pyLen(value: unknown): number {
  if (value instanceof Undefined) return 0;
  if (typeof value === "string") return Array.from(value).length;
  if (Array.isArray(value)) return value.length;
  if (isMapping(value)) return Object.keys(mappingData(value)).length;
  throw typeError(`object of type '${typeName(value)}' has no len()`);
}

/** Python's `in` operator. */
export function pyContains(container: unknown, item: unknown): boolean {
  if (container instanceof Undefined) return false;
  if (typeof container === "string") {
    if (typeof item !== "string") throw typeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((element) => pyEquals(element, item));
  if (isMapping(container)) {
    if (Array.isArray(item) && !isTuple(item)) throw typeError("unhashable type: 'list'");
    if (isDict(item)) throw typeError("unhashable type: 'dict'");
    const data = mappingData(container);
    if (typeof item === "string") return hasKey(data, item);
    return Object.keys(data).some((key) => pyEquals(key, item));
  }
  if (container instanceof PyGenerator) return iterate(container).some((element) => pyEquals(element, item));
  throw typeError(`argument of type '${typeName(container)}' is not iterable`);
}
