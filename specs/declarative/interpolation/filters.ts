// Filters: Jinja's built-ins, then the Airbyte CDK's (airbyte-filters.ts), which override Jinja's
// `string`. map/select/selectattr/reject/unique return lazy generators as in Jinja, so an error
// in an item no one reads is never raised.
import { bind, REQUIRED } from "./arguments.ts";
import { getAttribute, getItem } from "./attributes.ts";
import { AIRBYTE_FILTERS } from "./airbyte-filters.ts";
import { binaryOperation } from "./operators.ts";
import { InterpolationError, pyError, typeError } from "./errors.ts";
import { toJson } from "./json.ts";
import { pyStr } from "./py-str.ts";
import { STR_METHODS } from "./str-methods.ts";
import { percentFormat } from "./string-format.ts";
import { registry, TESTS } from "./tests.ts";
import {
  hasKey, isFloat, isMapping, isNumber, iterate, own, makeFloat, mappingData, numberOf, pyCompare, pyEquals,
  pyLen, PyFloat, PyGenerator, truthy, tuple, typeName, Undefined, type Kwargs,
} from "./values.ts";

export type FilterFunction = (value: unknown, args: unknown[], kwargs: Kwargs) => unknown;

/** Python's float() of a string: surrounding whitespace and digit underscores allowed. */
export function parseFloatText(text: string): number | undefined {
  const clean = text.trim();
  if (/^[+-]?(inf|infinity)$/i.test(clean)) return clean.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(clean)) return NaN;
  if (!/^[+-]?(\d(_?\d)*)?(\.(\d(_?\d)*)?)?([eE][+-]?\d(_?\d)*)?$/.test(clean) || !/\d/.test(clean.replace(/[eE].*/, ""))) return undefined;
  return Number(clean.replace(/_/g, ""));
}

function toFloat(value: unknown): number | undefined {
  if (value instanceof Undefined) value.fail();
  if (isNumber(value)) return numberOf(value);
  return typeof value === "string" ? parseFloatText(value) : undefined;
}

function toInt(value: unknown, base: number): number | undefined {
  if (value instanceof Undefined) value.fail();
  if (typeof value === "string") {
    const clean = value.trim().toLowerCase().replace(/_/g, "");
    const prefixed = base === 0 || base === 16 ? /^[+-]?0x[0-9a-f]+$/.test(clean) : false;
    if (base === 10 && /^[+-]?\d+$/.test(clean) && !/_$|^_|__/.test(value.trim())) return Number(clean);
    if (prefixed) return parseInt(clean.replace("0x", ""), 16) * (clean.startsWith("-") ? -1 : 1);
    if (base !== 10 && new RegExp(`^[+-]?[0-9a-z]+$`).test(clean)) {
      const parsed = parseInt(clean, base);
      if (!Number.isNaN(parsed)) return parsed;
    }
  } else if (isNumber(value)) {
    const number = numberOf(value);
    if (!Number.isFinite(number)) throw pyError(Number.isNaN(number) ? "ValueError" : "OverflowError", "cannot convert float to integer");
    return Math.trunc(number);
  }
  const asFloat = toFloat(value);
  if (asFloat === undefined || Number.isNaN(asFloat)) return undefined;
  if (!Number.isFinite(asFloat)) throw pyError("OverflowError", "cannot convert float infinity to integer");
  return Math.trunc(asFloat);
}

/** Python's round(): correctly rounded, exact halves to even. */
export function pythonRound(value: number, digits: number): number {
  if (!Number.isFinite(value)) return value;
  const scaled = value * 10 ** digits;
  const floor = Math.floor(scaled);
  if (scaled - floor === 0.5 && Number.isInteger(digits) && digits >= 0 && Math.abs(scaled) < 2 ** 52) {
    return (floor % 2 === 0 ? floor : floor + 1) / 10 ** digits;
  }
  return digits >= 0 ? Number(value.toFixed(Math.min(digits, 100))) : Math.round(scaled) / 10 ** digits;
}

const PERCENT_SAFE = /[A-Za-z0-9_.\-~]/;
/** urllib.parse.quote over UTF-8 bytes, keeping `safe` characters. */
export function urlQuote(text: string, safe: string): string {
  let out = "";
  for (const char of text) {
    if (PERCENT_SAFE.test(char) || safe.includes(char)) out += char;
    else for (const byte of Buffer.from(char, "utf8")) out += `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function attributeGetter(attribute: unknown, fallback?: unknown): (item: unknown) => unknown {
  const parts = typeof attribute === "string" ? attribute.split(".") : [attribute];
  return (item) => {
    let value = item;
    for (const part of parts) value = typeof part === "string" && !/^\d+$/.test(part) ? getItem(value, part) : getItem(value, typeof part === "string" ? Number(part) : part);
    return fallback !== undefined && value instanceof Undefined ? fallback : value;
  };
}

function lazy(source: unknown, transform: (items: Iterator<unknown>) => Generator<unknown>): PyGenerator {
  return new PyGenerator(() => {
    const items = source instanceof PyGenerator ? source.iterator() : iterate(source)[Symbol.iterator]();
    return transform(items);
  });
}

function* each(items: Iterator<unknown>): Generator<unknown> {
  for (let step = items.next(); !step.done; step = items.next()) yield step.value;
}

function testFor(name: unknown): (value: unknown, ...args: unknown[]) => boolean {
  const test = typeof name === "string" ? own(TESTS, name) : undefined;
  if (!test) throw pyError("TemplateRuntimeError", `No test named '${String(name)}'.`);
  return test;
}

function selectFilter(useAttribute: boolean, keep: boolean): FilterFunction {
  return (value, args) => lazy(value, function* (items) {
    const [attribute, testName, ...testArgs] = useAttribute ? args : [undefined, ...args];
    const read = useAttribute ? attributeGetter(attribute) : (item: unknown) => item;
    let check: ((item: unknown) => boolean) | undefined;
    for (const item of each(items)) {
      // Jinja looks the test up when the first item arrives: an empty sequence never fails.
      if (!check) {
        const test = testName === undefined ? undefined : testFor(testName);
        check = test ? (candidate: unknown) => test(candidate, ...testArgs) : (candidate: unknown) => truthy(candidate);
      }
      if (check(read(item)) === keep) yield item;
    }
  });
}

function sortKey(caseSensitive: boolean) {
  return (value: unknown) => (!caseSensitive && typeof value === "string" ? value.toLowerCase() : value);
}

function extreme(wantMax: boolean): FilterFunction {
  return (value, args, kwargs) => {
    const [caseSensitive, attribute] = bind(wantMax ? "max" : "min", [["case_sensitive", false], ["attribute", null]], args, kwargs);
    const items = iterate(value);
    if (items.length === 0) return new Undefined(`No aggregated item, sequence was empty.`);
    const key = (item: unknown) => sortKey(Boolean(caseSensitive))(attribute === null ? item : attributeGetter(attribute)(item));
    return items.reduce((best, item) => (pyCompare(key(item), key(best), wantMax ? ">" : "<") ? item : best));
  };
}

export const FILTERS: Record<string, FilterFunction> = {
  abs: (value) => {
    if (!isNumber(value)) throw typeError(`bad operand type for abs(): '${typeName(value)}'`);
    const result = Math.abs(numberOf(value));
    return isFloat(value) ? makeFloat(result) : result;
  },
  attr: (value, args) => getAttribute(value, String(args[0])),
  batch: (value, args, kwargs) => {
    const [size, fill] = bind("batch", [["linecount", REQUIRED], ["fill_with", null]], args, kwargs);
    const count = numberOf(size);
    return lazy(value, function* (items) {
      let row: unknown[] = [];
      for (const item of each(items)) {
        if (row.length === count) { yield row; row = []; }
        row.push(item);
      }
      if (row.length) {
        if (fill !== null) while (row.length < count) row.push(fill);
        yield row;
      }
    });
  },
  capitalize: (value) => STR_METHODS.capitalize(pyStr(value), [], {}),
  center: (value, args) => STR_METHODS.center(pyStr(value), [args[0] ?? 80], {}),
  default: (value, args, kwargs) => {
    const [fallback, boolean] = bind("default", [["default_value", ""], ["boolean", false]], args, kwargs);
    return value instanceof Undefined || (truthy(boolean) && !truthy(value)) ? fallback : value;
  },
  dictsort: (value, args, kwargs) => {
    const [caseSensitive, by, reverse] = bind("dictsort", [["case_sensitive", false], ["by", "key"], ["reverse", false]], args, kwargs);
    if (!isMapping(value)) throw pyError("FilterArgumentError", "dictsort expects a mapping");
    const key = sortKey(Boolean(caseSensitive));
    const position = by === "value" ? 1 : 0;
    const pairs = Object.entries(mappingData(value)).map((pair) => tuple(pair));
    pairs.sort((a, b) => (pyEquals(key(a[position]), key(b[position])) ? 0 : pyCompare(key(a[position]), key(b[position]), "<") ? -1 : 1));
    return truthy(reverse) ? pairs.reverse() : pairs;
  },
  groupby: (value, args, kwargs) => {
    const [attribute, fallback] = bind("groupby", [["attribute", REQUIRED], ["default", null]], args, kwargs);
    const key = attributeGetter(attribute, fallback === null ? undefined : fallback);
    const sorted = iterate(value).slice().sort((a, b) => (pyEquals(key(a), key(b)) ? 0 : pyCompare(key(a), key(b), "<") ? -1 : 1));
    const groups: unknown[][] = [];
    for (const item of sorted) {
      const last = groups[groups.length - 1];
      if (last && pyEquals(last[0], key(item))) (last[1] as unknown[]).push(item);
      else groups.push(tuple([key(item), [item]]));
    }
    return groups;
  },
  escape: (value) => pyStr(value).replace(/&/g, "&amp;").replace(/>/g, "&gt;").replace(/</g, "&lt;").replace(/'/g, "&#39;").replace(/"/g, "&#34;"),
  first: (value) => {
    const items = value instanceof PyGenerator ? value.iterator() : iterate(value)[Symbol.iterator]();
    const step = items.next();
    return step.done ? new Undefined("No first item, sequence was empty.") : step.value;
  },
  float: (value, args, kwargs) => {
    const [fallback] = bind("float", [["default", new PyFloat(0)]], args, kwargs);
    const result = toFloat(value);
    return result === undefined ? fallback : makeFloat(result);
  },
  format: (value, args, kwargs) => percentFormat(pyStr(value), Object.keys(kwargs).length ? kwargs : tuple(args)),
  int: (value, args, kwargs) => {
    const [fallback, base] = bind("int", [["default", 0], ["base", 10]], args, kwargs);
    return toInt(value, numberOf(base)) ?? fallback;
  },
  items: (value) => (value instanceof Undefined ? [] : Object.entries(mappingData(value as never)).map((pair) => tuple(pair))),
  join: (value, args, kwargs) => {
    const [separator, attribute] = bind("join", [["d", ""], ["attribute", null]], args, kwargs);
    const items = iterate(value).map(attribute === null ? (item: unknown) => item : attributeGetter(attribute));
    return items.map(pyStr).join(pyStr(separator));
  },
  last: (value) => {
    if (value instanceof PyGenerator) throw typeError("'generator' object is not reversible");
    const items = iterate(value);
    return items.length ? items[items.length - 1] : new Undefined("No last item, sequence was empty.");
  },
  length: (value) => {
    if (value instanceof PyGenerator) throw typeError("object of type 'generator' has no len()");
    return pyLen(value);
  },
  list: (value) => iterate(value).slice(),
  lower: (value) => pyStr(value).toLowerCase(),
  map: (value, args, kwargs) => lazy(value, function* (items) {
    let transform: ((item: unknown) => unknown) | undefined;
    for (const item of each(items)) {
      if (!transform) {
        if (hasKey(kwargs, "attribute")) transform = attributeGetter(kwargs.attribute, hasKey(kwargs, "default") ? kwargs.default : undefined);
        else {
          const [name, ...rest] = args;
          const filter = typeof name === "string" ? own(FILTERS, name) : undefined;
          if (!filter) throw pyError("TemplateRuntimeError", `No filter named '${String(name)}'.`);
          transform = (element) => filter(element, rest, kwargs);
        }
      }
      yield transform(item);
    }
  }),
  max: extreme(true),
  min: extreme(false),
  reject: selectFilter(false, false),
  rejectattr: selectFilter(true, false),
  replace: (value, args, kwargs) => {
    const [old, replacement, count] = bind("replace", [["old", REQUIRED], ["new", REQUIRED], ["count", null]], args, kwargs);
    return STR_METHODS.replace(pyStr(value), [pyStr(old), pyStr(replacement), count ?? -1], {});
  },
  reverse: (value) => (typeof value === "string" ? Array.from(value).reverse().join("") : iterate(value).slice().reverse()),
  round: (value, args, kwargs) => {
    const [precision, method] = bind("round", [["precision", 0], ["method", "common"]], args, kwargs);
    if (!isNumber(value)) throw typeError(`type ${typeName(value)} doesn't define __round__ method`);
    const digits = numberOf(precision);
    const number = numberOf(value);
    if (method === "ceil" || method === "floor") {
      const factor = 10 ** digits;
      return makeFloat(Math[method](number * factor) / factor);
    }
    if (method !== "common") throw pyError("FilterArgumentError", "method must be common, ceil or floor");
    return makeFloat(pythonRound(number, digits));
  },
  safe: (value) => value,
  select: selectFilter(false, true),
  selectattr: selectFilter(true, true),
  sort: (value, args, kwargs) => {
    const [reverse, caseSensitive, attribute] = bind("sort", [["reverse", false], ["case_sensitive", false], ["attribute", null]], args, kwargs);
    const key = (item: unknown) => sortKey(Boolean(caseSensitive))(attribute === null ? item : attributeGetter(attribute)(item));
    const sorted = iterate(value).slice().sort((a, b) => (pyEquals(key(a), key(b)) ? 0 : pyCompare(key(a), key(b), "<") ? -1 : 1));
    return truthy(reverse) ? sorted.reverse() : sorted;
  },
  slice: (value, args, kwargs) => {
    const [slices, fill] = bind("slice", [["slices", REQUIRED], ["fill_with", null]], args, kwargs);
    const items = iterate(value);
    const count = numberOf(slices);
    const perSlice = Math.floor(items.length / count);
    const withExtra = items.length % count;
    const result: unknown[][] = [];
    let offset = 0;
    for (let index = 0; index < count; index++) {
      const size = perSlice + (index < withExtra ? 1 : 0);
      const part = items.slice(offset, offset + size);
      offset += size;
      if (fill !== null && index >= withExtra) part.push(fill);
      result.push(part);
    }
    return result;
  },
  striptags: (value) => pyStr(value).replace(/<!--.*?-->|<[^>]*>/gs, "").replace(/\s+/g, " ").trim(),
  sum: (value, args, kwargs) => {
    const [attribute, start] = bind("sum", [["attribute", null], ["start", 0]], args, kwargs);
    const items = iterate(value).map(attribute === null ? (item: unknown) => item : attributeGetter(attribute));
    return items.reduce((total, item) => binaryOperation("+", total, item), start);
  },
  title: (value) => STR_METHODS.title(pyStr(value), [], {}),
  tojson: (value, args, kwargs) => {
    const [indent] = bind("tojson", [["indent", null]], args, kwargs);
    return toJson(value, { sortKeys: true, indent: indent === null ? undefined : numberOf(indent) })
      .replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026").replace(/'/g, "\\u0027");
  },
  trim: (value, args) => STR_METHODS.strip(pyStr(value), args.length ? [args[0]] : [], {}),
  unique: (value, args, kwargs) => {
    const [caseSensitive, attribute] = bind("unique", [["case_sensitive", false], ["attribute", null]], args, kwargs);
    return lazy(value, function* (items) {
      const seen: unknown[] = [];
      for (const item of each(items)) {
        const key = sortKey(Boolean(caseSensitive))(attribute === null ? item : attributeGetter(attribute)(item));
        if (seen.some((known) => pyEquals(known, key))) continue;
        seen.push(key);
        yield item;
      }
    });
  },
  upper: (value) => pyStr(value).toUpperCase(),
  urlencode: (value) => {
    if (typeof value === "string") return urlQuote(value, "/");
    const pairs = isMapping(value) ? Object.entries(mappingData(value)) : iterate(value).map((pair) => iterate(pair));
    return pairs.map(([key, item]) => `${urlQuote(pyStr(key), "").replace(/%20/g, "+")}=${urlQuote(pyStr(item), "").replace(/%20/g, "+")}`).join("&");
  },
  wordcount: (value) => (pyStr(value).match(/\w+/g) ?? []).length,

  ...AIRBYTE_FILTERS,
};
FILTERS.d = FILTERS.default;
FILTERS.count = FILTERS.length;
FILTERS.e = FILTERS.escape;
registry.filters = new Set(Object.keys(FILTERS));

export function callFilter(name: string, value: unknown, args: unknown[], kwargs: Kwargs): unknown {
  const filter = own(FILTERS, name);
  if (!filter) throw new InterpolationError("TemplateAssertionError", `No filter named '${name}'.`);
  return filter(value, args, kwargs);
}
