// "with my personal access token", "we log in with a password": naming a field that only one
// option of a oneOf has names that option too, when none is chosen yet.
import { chosenOption, getAt, isChoice, parsePointer, schemaAt, toPointer } from "../../specs/index.ts";
import type { Definition, JsonSchema, Question } from "../../specs/types.ts";
import type { Decision } from "./types.ts";

export function optionsOfNamedFields(definition: Definition, named: Question[], values: Record<string, unknown>): Decision[] {
  const schema = definition.connectionSpecification;
  const decisions = new Map<string, Set<number>>();
  for (const question of named) {
    const segments = parsePointer(question.path);
    if (segments.length < 2) continue;
    const parent = toPointer(segments.slice(0, -1));
    const node = schemaAt(schema, parent, values);
    if (!node || !isChoice(node) || chosenOption(node, getAt(values, parent)) !== undefined) continue;
    const name = segments[segments.length - 1];
    const holding = (node.oneOf as JsonSchema[]).flatMap((option, index) => (option?.properties?.[name] ? [index] : []));
    if (holding.length !== 1) continue;
    decisions.set(parent, (decisions.get(parent) ?? new Set()).add(holding[0]));
  }
  return [...decisions].filter(([, options]) => options.size === 1).map(([path, options]) => ({ kind: "choose", path, optionIndex: [...options][0] }));
}
