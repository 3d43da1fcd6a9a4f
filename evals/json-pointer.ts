// JSON pointer helpers the graders and the exporter share.
import { isPlainObject } from "./case-facts.ts";

/** Is `path` the pointer `ancestor` or inside it (`/ssl_mode/mode` is inside `/ssl_mode`)? */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`) || ancestor === "";
}

/** Pointers of the leaves of a value (a non-empty plain object is walked into, anything else is a leaf). */
export function leafPointers(value: unknown, prefix = ""): Array<[string, unknown]> {
  if (isPlainObject(value) && Object.keys(value).length) {
    return Object.entries(value).flatMap(([key, inner]) =>
      leafPointers(inner, `${prefix}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`),
    );
  }
  return prefix ? [[prefix, value]] : [];
}
