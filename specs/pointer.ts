// JSON pointers (RFC 6901) over plain config objects. Writers return new objects so a form
// document can be patched without surprising anyone who still holds the old one.
import { LRUCache } from "lru-cache";

// The same few hundred pointers of a spec are parsed on every turn (the understander and the
// walker look fields up by pointer); parsed once, each caller gets its own copy.
const parsed = new LRUCache<string, readonly string[]>({ max: 10_000 });

export function parsePointer(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  const known = parsed.get(pointer);
  if (known) return known.slice();
  if (!pointer.startsWith("/")) throw new Error(`Not a JSON pointer: "${pointer}"`);
  const segments = pointer
    .slice(1)
    .split("/")
    .map((segment) => (segment.includes("~") ? segment.replace(/~1/g, "/").replace(/~0/g, "~") : segment));
  parsed.set(pointer, segments);
  return segments.slice();
}

export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((segment) => "/" + String(segment).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

export function getAt(object: unknown, pointer: string): unknown {
  let current: any = object;
  for (const segment of parsePointer(pointer)) {
    if (current === null || typeof current !== "object") return undefined;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
    current = current[segment];
  }
  return current;
}

export function hasAt(object: unknown, pointer: string): boolean {
  let current: any = object;
  for (const segment of parsePointer(pointer)) {
    if (current === null || typeof current !== "object") return false;
    if (!Object.prototype.hasOwnProperty.call(current, segment)) return false;
    current = current[segment];
  }
  return true;
}

function isIndex(segment: string): boolean {
  return /^(0|[1-9]\d*)$/.test(segment);
}

function setIn(current: unknown, segments: string[], value: unknown): unknown {
  if (segments.length === 0) return value;
  const [head, ...rest] = segments;
  if (Array.isArray(current)) {
    const copy = current.slice();
    const index = head === "-" ? copy.length : Number(head);
    copy[index] = setIn(copy[index], rest, value);
    return copy;
  }
  const base = current !== null && typeof current === "object" ? (current as Record<string, unknown>) : {};
  // A missing container under a numeric segment becomes an array, as a form would expect.
  if ((current === undefined || current === null) && (isIndex(head) || head === "-")) {
    return setIn([], segments, value);
  }
  return { ...base, [head]: setIn(base[head], rest, value) };
}

export function setAt<T>(object: T, pointer: string, value: unknown): T {
  return setIn(object, parsePointer(pointer), value) as T;
}

function unsetIn(current: unknown, segments: string[]): unknown {
  if (current === null || typeof current !== "object") return current;
  const [head, ...rest] = segments;
  if (Array.isArray(current)) {
    const index = Number(head);
    if (!(index in current)) return current;
    const copy = current.slice();
    if (rest.length === 0) copy.splice(index, 1);
    else copy[index] = unsetIn(copy[index], rest);
    return copy;
  }
  const record = current as Record<string, unknown>;
  if (!Object.prototype.hasOwnProperty.call(record, head)) return current;
  if (rest.length === 0) {
    const { [head]: _removed, ...remaining } = record;
    return remaining;
  }
  return { ...record, [head]: unsetIn(record[head], rest) };
}

export function unsetAt<T>(object: T, pointer: string): T {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return {} as T;
  return unsetIn(object, segments) as T;
}
