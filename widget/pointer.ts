// A tiny JSON pointer for the widget (the specs package has a fuller one, but the widget may
// import only the protocol's types, so it carries its own few lines).

export function parsePointer(pointer: string): string[] {
  if (pointer === "" || pointer === "/") return [];
  return pointer
    .replace(/^\//, "")
    .split("/")
    .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export function toPointer(segments: Array<string | number>): string {
  return segments.length === 0 ? "" : "/" + segments.map((s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("/");
}

export function joinPointer(base: string, key: string | number): string {
  return base + toPointer([key]);
}

export function getAt(value: unknown, pointer: string): unknown {
  let current: any = value;
  for (const segment of parsePointer(pointer)) {
    if (current === null || typeof current !== "object") return undefined;
    current = current[segment];
  }
  return current;
}

function isIndex(segment: string): boolean {
  return /^\d+$/.test(segment);
}

/** Returns a copy with `value` at `pointer`; containers on the way are created (arrays for numeric keys). */
export function setAt<T>(root: T, pointer: string, value: unknown): T {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return value as T;
  const write = (node: any, index: number): any => {
    const key = segments[index];
    const copy = Array.isArray(node) ? [...node] : node && typeof node === "object" ? { ...node } : isIndex(key) ? [] : {};
    copy[key] = index === segments.length - 1 ? value : write(copy[key], index + 1);
    return copy;
  };
  return write(root, 0);
}

/** Returns a copy without the value at `pointer` (array items are spliced out). */
export function unsetAt<T>(root: T, pointer: string): T {
  const segments = parsePointer(pointer);
  if (segments.length === 0) return {} as T;
  const remove = (node: any, index: number): any => {
    if (node === null || typeof node !== "object") return node;
    const key = segments[index];
    if (!(key in node)) return node;
    if (index === segments.length - 1) {
      if (Array.isArray(node)) return node.filter((_, i) => String(i) !== key);
      const { [key]: _removed, ...rest } = node;
      return rest;
    }
    const copy: any = Array.isArray(node) ? [...node] : { ...node };
    copy[key] = remove(node[key], index + 1);
    return copy;
  };
  return remove(root, 0);
}
