// Airbyte's ManifestReferenceResolver, in TypeScript: `$ref: "#/definitions/x"` splats the
// referenced object under the node's own keys (the node's keys win), and a plain string
// `"#/definitions/x"` is replaced by what it points at, recursively. A path is looked up the way
// the CDK does it: the whole rest of the path as one key first, then one segment at a time, so a
// key that itself contains "/" can still be reached.
const REF_TAG = "$ref";

export class ManifestReferenceError extends Error {
  constructor(
    message: string,
    /** The reference as written, e.g. "#/definitions/base_requester". */
    readonly reference: string,
  ) {
    super(message);
    this.name = "ManifestReferenceError";
  }
}

const isRef = (node: unknown): node is string => typeof node === "string" && node.startsWith("#/");
const isObject = (node: unknown): node is Record<string, unknown> => node !== null && typeof node === "object" && !Array.isArray(node);

/** Next path segment and the rest ("foo/7/bar" → "foo", "7/bar"); an all-digit segment is an index. */
function splitPath(path: string): [string | number, string] {
  const slash = path.indexOf("/");
  const first = slash < 0 ? path : path.slice(0, slash);
  const rest = slash < 0 ? "" : path.slice(slash + 1);
  return [/^-?\d+$/.test(first) ? Number(first) : first, rest];
}

function readRef(reference: string, manifest: unknown): unknown {
  let path = reference.slice(2);
  let node: any = manifest;
  const undefinedRef = () => new ManifestReferenceError(`The manifest refers to ${reference}, which it does not define.`, reference);
  while (path) {
    if (isObject(node) && Object.prototype.hasOwnProperty.call(node, path)) return node[path];
    const [head, rest] = splitPath(path);
    if (typeof head === "number") {
      // Python: a list takes an int index; a dict has no int keys.
      if (!Array.isArray(node)) throw undefinedRef();
      const index = head < 0 ? node.length + head : head;
      if (index < 0 || index >= node.length) throw undefinedRef();
      node = node[index];
    } else {
      if (!isObject(node) || !Object.prototype.hasOwnProperty.call(node, head)) throw undefinedRef();
      node = node[head];
    }
    path = rest;
  }
  return node;
}

function evaluate(node: unknown, manifest: unknown, visiting: Set<string>): unknown {
  if (isObject(node)) {
    const own: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) if (key !== REF_TAG) own[key] = evaluate(value, manifest, visiting);
    if (!(REF_TAG in node)) return own;
    const referenced = evaluate(node[REF_TAG], manifest, visiting);
    return isObject(referenced) ? { ...referenced, ...own } : referenced;
  }
  if (Array.isArray(node)) return node.map((item) => evaluate(item, manifest, visiting));
  if (isRef(node)) {
    if (visiting.has(node)) throw new ManifestReferenceError(`The manifest reference ${node} refers back to itself.`, node);
    visiting.add(node);
    try {
      return evaluate(readRef(node, manifest), manifest, visiting);
    } finally {
      visiting.delete(node);
    }
  }
  return node;
}

/** A new manifest with every reference replaced by a fresh copy of what it points at. */
export function resolveReferences<T>(manifest: T): T {
  return evaluate(manifest, manifest, new Set()) as T;
}
