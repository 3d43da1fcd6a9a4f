// The dpath lookups DpathExtractor and RemoveFields use: a path of keys (list indexes as
// numbers-in-text) where `*` matches every key or index at that level. Small enough that no
// library fits better (JSONPath libraries speak another syntax, and dpath's glob rules are these).

type Json = unknown;

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

function children(node: Json, segment: string): Json[] {
  if (segment === "*") {
    if (Array.isArray(node)) return node;
    if (isObject(node)) return Object.values(node);
    return [];
  }
  if (Array.isArray(node)) {
    const index = /^-?\d+$/.test(segment) ? Number(segment) : Number.NaN;
    const at = index < 0 ? node.length + index : index;
    return Number.isInteger(at) && at >= 0 && at < node.length ? [node[at]] : [];
  }
  if (isObject(node) && Object.prototype.hasOwnProperty.call(node, segment)) return [node[segment]];
  return [];
}

/** Every value at the path (globs expand); an empty path is the node itself. */
export function dpathValues(node: Json, path: string[]): Json[] {
  let level: Json[] = [node];
  for (const segment of path) level = level.flatMap((value) => children(value, segment));
  return level;
}

/** dpath.get: the one value at a path without globs, or undefined. */
export function dpathGet(node: Json, path: string[]): Json | undefined {
  const found = dpathValues(node, path);
  return found.length > 0 ? found[0] : undefined;
}

/** Deletes what the path (globs allowed) reaches; returns how many values went. */
export function dpathDelete(node: Json, path: string[]): number {
  if (path.length === 0) return 0;
  const parents = dpathValues(node, path.slice(0, -1));
  const last = path[path.length - 1];
  let removed = 0;
  for (const parent of parents) {
    if (isObject(parent)) {
      for (const key of last === "*" ? Object.keys(parent) : [last]) {
        if (Object.prototype.hasOwnProperty.call(parent, key)) {
          delete parent[key];
          removed++;
        }
      }
    } else if (Array.isArray(parent)) {
      if (last === "*") {
        removed += parent.length;
        parent.length = 0;
      } else if (/^\d+$/.test(last) && Number(last) < parent.length) {
        parent.splice(Number(last), 1);
        removed++;
      }
    }
  }
  return removed;
}

/** Sets a value at a path of plain keys, creating objects on the way. */
export function dpathSet(node: Record<string, unknown>, path: string[], value: Json): void {
  let current: Record<string, unknown> = node;
  for (const segment of path.slice(0, -1)) {
    if (!isObject(current[segment])) current[segment] = {};
    current = current[segment] as Record<string, unknown>;
  }
  current[path[path.length - 1]] = value;
}
