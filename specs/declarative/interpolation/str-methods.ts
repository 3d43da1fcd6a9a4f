// Python str methods (`x.split(',')`, `.replace`, `.strip`, `.startswith`, `.format`, `.join`...).
import { bind, REQUIRED } from "./arguments.ts";
import { typeError, valueError } from "./errors.ts";
import { strFormat } from "./string-format.ts";
import { isTuple, iterate, numberOf, typeName, Undefined, type Kwargs } from "./values.ts";

type Method = (self: string, args: unknown[], kwargs: Kwargs) => unknown;

const WHITESPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

function requireString(method: string, value: unknown, position = 1): string {
  if (value instanceof Undefined) value.fail();
  if (typeof value !== "string") throw typeError(`${method}() argument ${position} must be str, not ${typeName(value)}`);
  return value;
}

function optionalChars(method: string, value: unknown): string {
  return value === null || value === undefined ? WHITESPACE : requireString(method, value);
}

function stripStart(self: string, chars: string): string {
  let start = 0;
  while (start < self.length && chars.includes(self[start])) start++;
  return self.slice(start);
}
function stripEnd(self: string, chars: string): string {
  let end = self.length;
  while (end > 0 && chars.includes(self[end - 1])) end--;
  return self.slice(0, end);
}

function split(self: string, separator: unknown, maxSplit: unknown, fromRight: boolean): string[] {
  const limit = maxSplit === undefined || maxSplit === null ? -1 : numberOf(maxSplit);
  if (separator === null || separator === undefined) {
    const words = self.split(/[\s\x1c-\x1f\x85\xa0]+/).filter(Boolean);
    if (limit < 0 || words.length <= limit + 1) return words;
    if (!fromRight) {
      const head: string[] = [];
      let rest = self.replace(/^\s+/, "");
      for (let index = 0; index < limit; index++) {
        const match = /\s+/.exec(rest)!;
        head.push(rest.slice(0, match.index));
        rest = rest.slice(match.index + match[0].length);
      }
      return [...head, rest];
    }
    const kept = words.slice(words.length - limit);
    let rest = self.replace(/\s+$/, "");
    for (let index = 0; index < limit; index++) rest = rest.replace(/\s*\S+$/, "");
    return [rest, ...kept];
  }
  const sep = requireString("split", separator);
  if (sep === "") throw valueError("empty separator");
  const parts = self.split(sep);
  if (limit < 0 || parts.length <= limit + 1) return parts;
  return fromRight ? [parts.slice(0, parts.length - limit).join(sep), ...parts.slice(parts.length - limit)] : [...parts.slice(0, limit), parts.slice(limit).join(sep)];
}

function affix(method: "startswith" | "endswith") {
  return (self: string, args: unknown[], kwargs: Kwargs) => {
    const [prefix, start, end] = bind(method, [["prefix", REQUIRED], ["start", null], ["end", null]], args, kwargs);
    const text = self.slice(start === null ? 0 : numberOf(start), end === null ? undefined : numberOf(end));
    const candidates = isTuple(prefix) ? prefix : [prefix];
    return candidates.some((candidate) => {
      if (typeof candidate !== "string") throw typeError(`${method} first arg must be str or a tuple of str, not ${typeName(candidate)}`);
      return method === "startswith" ? text.startsWith(candidate) : text.endsWith(candidate);
    });
  };
}

function find(method: string, fromRight: boolean, raise: boolean) {
  return (self: string, args: unknown[], kwargs: Kwargs) => {
    const [sub, start, end] = bind(method, [["sub", REQUIRED], ["start", null], ["end", null]], args, kwargs);
    const from = start === null ? 0 : numberOf(start);
    const text = self.slice(0, end === null ? undefined : numberOf(end));
    const needle = requireString(method, sub);
    const at = fromRight ? text.lastIndexOf(needle) : text.indexOf(needle, from);
    const found = at >= from ? at : -1;
    if (found < 0 && raise) throw valueError("substring not found");
    return found;
  };
}

function pad(method: string, place: (self: string, padding: string) => string) {
  return (self: string, args: unknown[], kwargs: Kwargs) => {
    const [width, fill] = bind(method, [["width", REQUIRED], ["fillchar", " "]], args, kwargs);
    const missing = numberOf(width) - self.length;
    return missing > 0 ? place(self, requireString(method, fill).repeat(missing)) : self;
  };
}

const titleCase = (self: string) => self.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_all, before: string, letter: string) => before + letter.toUpperCase());

export const STR_METHODS: Record<string, Method> = {
  split: (self, args, kwargs) => split(self, ...(bind("split", [["sep", null], ["maxsplit", -1]], args, kwargs) as [unknown, unknown]), false),
  rsplit: (self, args, kwargs) => split(self, ...(bind("rsplit", [["sep", null], ["maxsplit", -1]], args, kwargs) as [unknown, unknown]), true),
  replace: (self, args, kwargs) => {
    const [old, replacement, count] = bind("replace", [["old", REQUIRED], ["new", REQUIRED], ["count", -1]], args, kwargs);
    const parts = self.split(requireString("replace", old));
    const limit = numberOf(count);
    const withNew = requireString("replace", replacement, 2);
    if (limit < 0 || parts.length <= limit + 1) return parts.join(withNew);
    return parts.slice(0, limit + 1).join(withNew) + requireString("replace", old) + parts.slice(limit + 1).join(requireString("replace", old));
  },
  strip: (self, args) => stripEnd(stripStart(self, optionalChars("strip", args[0])), optionalChars("strip", args[0])),
  lstrip: (self, args) => stripStart(self, optionalChars("lstrip", args[0])),
  rstrip: (self, args) => stripEnd(self, optionalChars("rstrip", args[0])),
  lower: (self) => self.toLowerCase(),
  upper: (self) => self.toUpperCase(),
  casefold: (self) => self.toLowerCase(),
  swapcase: (self) => Array.from(self, (char) => (char === char.toUpperCase() ? char.toLowerCase() : char.toUpperCase())).join(""),
  capitalize: (self) => self.charAt(0).toUpperCase() + self.slice(1).toLowerCase(),
  title: titleCase,
  startswith: affix("startswith"),
  endswith: affix("endswith"),
  format: (self, args, kwargs) => strFormat(self, args, kwargs),
  join: (self, args) => {
    const items = iterate(bind("join", [["iterable", REQUIRED]], args, {})[0]);
    return items.map((item, index) => {
      if (typeof item !== "string") throw typeError(`sequence item ${index}: expected str instance, ${typeName(item)} found`);
      return item;
    }).join(self);
  },
  find: find("find", false, false),
  rfind: find("rfind", true, false),
  index: find("index", false, true),
  rindex: find("rindex", true, true),
  count: (self, args) => {
    const needle = requireString("count", args[0]);
    return needle === "" ? self.length + 1 : self.split(needle).length - 1;
  },
  isdigit: (self) => /^\d+$/.test(self),
  isnumeric: (self) => /^\d+$/.test(self),
  isdecimal: (self) => /^\d+$/.test(self),
  isalpha: (self) => /^\p{L}+$/u.test(self),
  isalnum: (self) => /^[\p{L}\p{N}]+$/u.test(self),
  isspace: (self) => /^\s+$/.test(self),
  islower: (self) => /\p{Ll}/u.test(self) && self === self.toLowerCase(),
  isupper: (self) => /\p{Lu}/u.test(self) && self === self.toUpperCase(),
  istitle: (self) => /\p{L}/u.test(self) && titleCase(self) === self,
  zfill: (self, args) => {
    const width = numberOf(args[0]);
    const sign = /^[+-]/.test(self) ? self[0] : "";
    return self.length >= width ? self : sign + "0".repeat(width - self.length) + self.slice(sign.length);
  },
  center: pad("center", (self, padding) => padding.slice(0, Math.floor(padding.length / 2)) + self + padding.slice(Math.floor(padding.length / 2))),
  ljust: pad("ljust", (self, padding) => self + padding),
  rjust: pad("rjust", (self, padding) => padding + self),
  splitlines: (self, args) => {
    const keep = Boolean(args[0]);
    const lines = self.match(/[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029])|[^\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+$/g) ?? [];
    return keep ? lines : lines.map((line) => line.replace(/(?:\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029])$/, ""));
  },
  partition: (self, args) => {
    const sep = requireString("partition", args[0]);
    const at = self.indexOf(sep);
    return at < 0 ? [self, "", ""] : [self.slice(0, at), sep, self.slice(at + sep.length)];
  },
  rpartition: (self, args) => {
    const sep = requireString("rpartition", args[0]);
    const at = self.lastIndexOf(sep);
    return at < 0 ? ["", "", self] : [self.slice(0, at), sep, self.slice(at + sep.length)];
  },
  removeprefix: (self, args) => {
    const prefix = requireString("removeprefix", args[0]);
    return prefix && self.startsWith(prefix) ? self.slice(prefix.length) : self;
  },
  removesuffix: (self, args) => {
    const suffix = requireString("removesuffix", args[0]);
    return suffix && self.endsWith(suffix) ? self.slice(0, -suffix.length) : self;
  },
  isidentifier: (self) => /^[A-Za-z_]\w*$/.test(self),
};
