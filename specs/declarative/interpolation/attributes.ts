// Jinja's SandboxedEnvironment.getattr/getitem over Python values. `x.name` tries the Python
// attribute first (so `record.get` is dict.get, `stream_slice.extra_fields` the StreamSlice
// property) and then the item; `x['name']` tries the item first, then the attribute. What is
// found in neither is Undefined; looking into an Undefined raises UndefinedError.
import { bind, REQUIRED } from "./arguments.ts";
import { PyDate, PyDateTime, PyDuration, PyTimedelta } from "./datetime.ts";
import { pyError, typeError, valueError } from "./errors.ts";
import { strftime } from "./strftime.ts";
import { STR_METHODS } from "./str-methods.ts";
import {
  hasKey, isDict, isFloat, isInt, isMapping, isTuple, iterate, makeFloat, mappingData, numberOf, pyCompare, pyEquals,
  dictView, own, PyFunction, setKey, StreamSlice, tuple, typeName, Undefined, undefinedAttribute, type Dict, type Kwargs,
} from "./values.ts";

const NOT_FOUND = Symbol("not found");
type Method = (args: unknown[], kwargs: Kwargs) => unknown;
const method = (name: string, call: Method) => new PyFunction(name, call);

function hashableKey(key: unknown): string | undefined {
  if (Array.isArray(key) && !isTuple(key)) throw typeError("unhashable type: 'list'");
  if (isDict(key)) throw typeError("unhashable type: 'dict'");
  return typeof key === "string" ? key : undefined;
}

function mappingMethods(data: Dict, name: string, readOnly: boolean): PyFunction | typeof NOT_FOUND {
  const read: Record<string, Method> = {
    get: (args, kwargs) => {
      const [key, fallback] = bind("get", [["key", REQUIRED], ["default", null]], args, kwargs);
      const text = hashableKey(key);
      return text !== undefined && hasKey(data, text) ? data[text] : fallback;
    },
    keys: () => dictView("dict_keys", Object.keys(data)),
    values: () => dictView("dict_values", Object.values(data)),
    items: () => dictView("dict_items", Object.entries(data).map(([key, value]) => tuple([key, value]))),
  };
  const write: Record<string, Method> = {
    copy: () => ({ ...data }),
    update: (args, kwargs) => {
      const other = args[0];
      if (isMapping(other)) for (const [key, value] of Object.entries(mappingData(other))) setKey(data, key, value);
      else if (other !== undefined) for (const pair of iterate(other)) { const [key, value] = iterate(pair); setKey(data, String(key), value); }
      for (const [key, value] of Object.entries(kwargs)) setKey(data, key, value);
      return null;
    },
    pop: (args) => {
      const key = hashableKey(args[0]);
      if (key !== undefined && hasKey(data, key)) {
        const value = data[key];
        delete data[key];
        return value;
      }
      if (args.length > 1) return args[1];
      throw pyError("KeyError", "dict.pop(key): key not found");
    },
    setdefault: (args) => {
      const key = hashableKey(args[0]);
      if (key === undefined) throw typeError("dict keys are strings here");
      if (!hasKey(data, key)) setKey(data, key, args[1] ?? null);
      return data[key];
    },
    clear: () => {
      for (const key of Object.keys(data)) delete data[key];
      return null;
    },
  };
  const found = own(read, name) ?? (readOnly ? undefined : own(write, name));
  return found ? method(name, found) : NOT_FOUND;
}

function listMethods(list: unknown[], name: string): PyFunction | typeof NOT_FOUND {
  const indexOf = (value: unknown) => list.findIndex((item) => pyEquals(item, value));
  const read: Record<string, Method> = {
    index: (args) => {
      const at = indexOf(args[0]);
      if (at < 0) throw valueError("list.index(x): x not in list");
      return at;
    },
    count: (args) => list.filter((item) => pyEquals(item, args[0])).length,
    copy: () => [...list],
  };
  const write: Record<string, Method> = {
    append: (args) => (list.push(bind("append", [["object", REQUIRED]], args, {})[0]), null),
    extend: (args) => (list.push(...iterate(args[0])), null),
    insert: (args) => (list.splice(numberOf(args[0]), 0, args[1]), null),
    pop: (args) => {
      if (list.length === 0) throw pyError("IndexError", "pop from empty list");
      const at = args.length ? numberOf(args[0]) : -1;
      const index = at < 0 ? list.length + at : at;
      if (index < 0 || index >= list.length) throw pyError("IndexError", "pop index out of range");
      return list.splice(index, 1)[0];
    },
    remove: (args) => {
      const at = indexOf(args[0]);
      if (at < 0) throw valueError("list.remove(x): x not in list");
      list.splice(at, 1);
      return null;
    },
    reverse: () => (list.reverse(), null),
    sort: (_args, kwargs) => {
      list.sort((a, b) => (pyEquals(a, b) ? 0 : pyCompare(a, b, "<") ? -1 : 1));
      if (kwargs.reverse) list.reverse();
      return null;
    },
    clear: () => (list.splice(0), null),
  };
  const found = own(read, name) ?? (isTuple(list) ? undefined : own(write, name));
  return found ? method(name, found) : NOT_FOUND;
}

function dateAttribute(value: PyDateTime | PyDate, name: string): unknown {
  switch (name) {
    case "year": case "month": case "day": return value[name];
    case "strftime": return method(name, (args, kwargs) => {
      const [format] = bind("strftime", [["format", REQUIRED]], args, kwargs);
      if (typeof format !== "string") throw typeError(`strftime() argument 1 must be str, not ${typeName(format)}`);
      return strftime(value, format);
    });
    case "weekday": return method(name, () => value.weekday());
    case "isoweekday": return method(name, () => value.weekday() + 1);
  }
  if (value instanceof PyDate) {
    if (name === "isoformat") return method(name, () => value.isoformat());
    if (name === "replace") return method(name, (_args, kwargs) => PyDate.of(Number(kwargs.year ?? value.year), Number(kwargs.month ?? value.month), Number(kwargs.day ?? value.day)));
    return NOT_FOUND;
  }
  switch (name) {
    case "hour": case "minute": case "second": case "microsecond": return value[name];
    case "tzinfo": return value.offsetMinutes === null ? null : value.offsetMinutes === 0 ? "UTC" : `UTC${value.utcOffsetText(":")}`;
    case "isoformat": return method(name, (args, kwargs) => {
      const [separator, timespec] = bind("isoformat", [["sep", "T"], ["timespec", "auto"]], args, kwargs);
      return value.isoformat(String(separator), String(timespec));
    });
    case "date": return method(name, () => value.date());
    case "timestamp": return method(name, () => makeFloat(value.timestamp()));
    case "astimezone": return method(name, () => value.toOffset(0));
    case "replace": return method(name, (_args, kwargs) => {
      const parts = { year: value.year, month: value.month, day: value.day, hour: value.hour, minute: value.minute, second: value.second, micro: value.microsecond };
      for (const key of ["year", "month", "day", "hour", "minute", "second"] as const) if (hasKey(kwargs, key)) parts[key] = numberOf(kwargs[key]);
      if (hasKey(kwargs, "microsecond")) parts.micro = numberOf(kwargs.microsecond);
      const offset = hasKey(kwargs, "tzinfo") ? (kwargs.tzinfo === null ? null : 0) : value.offsetMinutes;
      return PyDateTime.of(parts, offset);
    });
  }
  return NOT_FOUND;
}

/** The Python attribute `name` of `value`, or NOT_FOUND. */
function pythonAttribute(value: unknown, name: string): unknown {
  if (name.startsWith("_")) {
    return value instanceof StreamSlice && name === "_partition" ? value.partition : NOT_FOUND;
  }
  if (typeof value === "string") {
    const found = own(STR_METHODS, name);
    return found ? method(name, (args, kwargs) => found(value, args, kwargs)) : NOT_FOUND;
  }
  if (value instanceof StreamSlice) {
    if (name === "partition" || name === "cursor_slice" || name === "extra_fields") return value[name];
    return mappingMethods(value.merged, name, true);
  }
  if (isDict(value)) return mappingMethods(value, name, false);
  if (Array.isArray(value)) return listMethods(value, name);
  if (value instanceof PyDateTime || value instanceof PyDate) return dateAttribute(value, name);
  if (value instanceof PyTimedelta) {
    if (name === "days" || name === "seconds" || name === "microseconds") return value[name];
    if (name === "total_seconds") return method(name, () => makeFloat(value.totalSeconds()));
  }
  if (value instanceof PyDuration && (name === "years" || name === "months")) return value[name];
  if (isFloat(value) && name === "is_integer") return method(name, () => Number.isInteger(numberOf(value)));
  if ((isInt(value) || isFloat(value)) && name === "real") return value;
  return NOT_FOUND;
}

/** obj[key] as Python evaluates it, or NOT_FOUND where Python raises a LookupError/TypeError. */
function pythonItem(value: unknown, key: unknown): unknown {
  if (isMapping(value)) {
    // An unhashable key is a TypeError, which Jinja's getitem turns into Undefined.
    if ((Array.isArray(key) && !isTuple(key)) || isDict(key)) return NOT_FOUND;
    const text = hashableKey(key);
    const data = mappingData(value);
    return text !== undefined && hasKey(data, text) ? data[text] : NOT_FOUND;
  }
  if (typeof value === "string" || Array.isArray(value)) {
    if (!(isInt(key) || typeof key === "boolean")) return NOT_FOUND;
    const items = typeof value === "string" ? Array.from(value) : value;
    const index = numberOf(key) < 0 ? items.length + numberOf(key) : numberOf(key);
    return index >= 0 && index < items.length ? items[index] : NOT_FOUND;
  }
  return NOT_FOUND;
}

export function getAttribute(value: unknown, name: string): unknown {
  if (value instanceof Undefined) value.fail();
  const attribute = pythonAttribute(value, name);
  if (attribute !== NOT_FOUND) return attribute;
  const item = pythonItem(value, name);
  return item !== NOT_FOUND ? item : undefinedAttribute(value, name);
}

/** `keyShown`: whether the key may appear in the Undefined's message (a literal of the template, not a value). */
export function getItem(value: unknown, key: unknown, keyShown = true): unknown {
  if (value instanceof Undefined) value.fail();
  const item = pythonItem(value, key);
  if (item !== NOT_FOUND) return item;
  if (typeof key === "string") {
    const attribute = pythonAttribute(value, key);
    if (attribute !== NOT_FOUND) return attribute;
  }
  if (!keyShown) return new Undefined(`'${typeName(value)} object' has no such item`);
  return undefinedAttribute(value, typeof key === "string" ? key : (key as number));
}

/** Python slicing of a str, list or tuple. */
export function sliceOf(value: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (value instanceof Undefined) value.fail();
  if (typeof value !== "string" && !Array.isArray(value)) return undefinedAttribute(value, "slice");
  for (const bound of [start, stop, step]) {
    if (bound !== null && bound !== undefined && !isInt(bound) && typeof bound !== "boolean") return undefinedAttribute(value, "slice");
  }
  const items: unknown[] = typeof value === "string" ? Array.from(value) : value;
  const length = items.length;
  const by = step === null || step === undefined ? 1 : numberOf(step);
  if (by === 0) throw valueError("slice step cannot be zero");
  const clamp = (bound: unknown, fallback: number) => {
    if (bound === null || bound === undefined) return fallback;
    let index = numberOf(bound);
    if (index < 0) index += length;
    return by > 0 ? Math.min(Math.max(index, 0), length) : Math.min(Math.max(index, -1), length - 1);
  };
  const from = clamp(start, by > 0 ? 0 : length - 1);
  const to = clamp(stop, by > 0 ? length : -1);
  const picked: unknown[] = [];
  for (let index = from; by > 0 ? index < to : index > to; index += by) picked.push(items[index]);
  if (typeof value === "string") return picked.join("");
  return isTuple(value) ? tuple(picked) : picked;
}
