// A spec's root `groups` ([{ id, title }]): the sections its fields are shown in. Fields name a
// group by id; people read its title.
import type { JsonSchema } from "./types.ts";

export interface SpecGroup {
  id: string;
  title: string;
}

function titleFromId(id: string): string {
  const words = id.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The declared groups in order; a group without a title is named after its id. */
export function specGroups(schema: JsonSchema): SpecGroup[] {
  const groups: unknown[] = Array.isArray(schema.groups) ? schema.groups : [];
  return groups
    .filter((group): group is { id: string; title?: unknown } => !!group && typeof (group as any).id === "string")
    .map((group) => ({ id: group.id, title: typeof group.title === "string" && group.title ? group.title : titleFromId(group.id) }));
}

const cache = new WeakMap<object, Map<string, string>>();

/** The title of group `id` when the spec declares it (undefined for a group it does not list). */
export function groupTitleOf(schema: JsonSchema, id: string): string | undefined {
  let titles = cache.get(schema);
  if (!titles) {
    titles = new Map(specGroups(schema).map((group) => [group.id, group.title]));
    cache.set(schema, titles);
  }
  return titles.get(id);
}
