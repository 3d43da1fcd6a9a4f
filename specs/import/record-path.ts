// Where a list response keeps its records: the top level when it is an array, else the least
// nested array property (one wrapper deep at most), preferring a key named after the resource,
// then the usual wrappers, over arrays of links or errors.
import type { JsonSchema } from "../types.ts";
import { singular } from "./names.ts";
import { isArraySchema, itemsOf, propertiesOf } from "./schema-shape.ts";

const WRAPPERS = ["data", "results", "items", "records", "entries", "value", "values", "list", "content", "elements", "_results", "rows", "hits", "objects", "nodes", "edges", "result"];
const NOT_RECORDS = /^(_?links|errors|warnings|messages|cursors|sort|facets|aggregations|included|meta|fields|columns|headers)$/i;

export interface RecordPathGuess {
  path: string[];
  /** The schema of one record, when known. */
  item?: JsonSchema;
  reason: string;
}

interface Candidate {
  path: string[];
  item?: JsonSchema;
  score: number;
}

function score(key: string, resource: string, depth: number, item: JsonSchema | undefined): number {
  let value = 10 - depth * 4;
  const lower = key.toLowerCase();
  if (resource && (lower === resource.toLowerCase() || singular(lower) === singular(resource.toLowerCase()))) value += 5;
  else if (WRAPPERS.includes(lower)) value += 4 - WRAPPERS.indexOf(lower) * 0.1;
  if (NOT_RECORDS.test(key)) value -= 8;
  if (item && Object.keys(propertiesOf(item)).length) value += 1;
  return value;
}

function candidates(schema: JsonSchema, resource: string): Candidate[] {
  const found: Candidate[] = [];
  const top = propertiesOf(schema);
  for (const [key, inner] of Object.entries(top)) {
    if (isArraySchema(inner)) found.push({ path: [key], item: itemsOf(inner), score: score(key, resource, 0, itemsOf(inner)) });
  }
  for (const [key, inner] of Object.entries(top)) {
    if (isArraySchema(inner)) continue;
    for (const [innerKey, deeper] of Object.entries(propertiesOf(inner))) {
      if (!isArraySchema(deeper)) continue;
      const item = itemsOf(deeper);
      // `_embedded.events`: the wrapper only passes the key through, so it counts as the inner key's.
      const wrapperBonus = /^(_embedded|data|result|response|paging)$/i.test(key) ? 2 : 0;
      found.push({ path: [key, innerKey], item, score: score(innerKey, resource, 1, item) + wrapperBonus - (NOT_RECORDS.test(key) ? 8 : 0) });
    }
  }
  return found.sort((a, b) => b.score - a.score);
}

/** `resource` is the last literal path segment (`/users/{id}/posts` → `posts`). */
export function guessRecordPath(schema: JsonSchema | undefined, resource: string): RecordPathGuess | undefined {
  if (!schema) return undefined;
  if (isArraySchema(schema)) return { path: [], item: itemsOf(schema), reason: "the response is an array" };
  const [best] = candidates(schema, resource);
  if (!best || best.score < 0) return undefined;
  const where = best.path.join(".");
  const why =
    best.path[best.path.length - 1].toLowerCase() === resource.toLowerCase()
      ? `the response keeps its array under "${where}", named after the resource`
      : `"${where}" is the least nested array of the response`;
  return { path: best.path, item: best.item, reason: why };
}
