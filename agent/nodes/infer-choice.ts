// "mongo on mongo.acme.local port 27018": values given for fields inside a oneOf whose option is
// not chosen yet. When exactly one option has every field given, that option is the answer: it
// is chosen (its discriminator set, the values kept) instead of being asked.
import { chosenOption, getAt, isChoice, parsePointer, schemaAt, toPointer, choiceOps } from "../../specs/index.ts";
import type { Definition, JsonSchema } from "../../specs/types.ts";
import type { FormOp } from "../protocol.ts";

export function inferredChoices(definition: Definition, values: Record<string, unknown>, writtenPaths: string[]): Array<{ path: string; ops: FormOp[] }> {
  const schema = definition.connectionSpecification;
  const found = new Map<string, FormOp[]>();
  for (const written of writtenPaths) {
    const segments = parsePointer(written);
    for (let depth = segments.length - 1; depth >= 1; depth--) {
      const path = toPointer(segments.slice(0, depth));
      if (found.has(path)) break;
      const node = schemaAt(schema, path, values);
      if (!node || !isChoice(node)) continue;
      const current = getAt(values, path);
      if (!current || typeof current !== "object" || Array.isArray(current) || chosenOption(node, current) !== undefined) break;
      const keys = Object.keys(current);
      const fitting = (node.oneOf as JsonSchema[])
        .map((option, index) => ({ option, index }))
        .filter(({ option }) => keys.length > 0 && keys.every((key) => option?.properties?.[key] !== undefined));
      if (fitting.length === 1) found.set(path, choiceOps(definition, path, fitting[0].index, values) as FormOp[]);
      break;
    }
  }
  return [...found].map(([path, ops]) => ({ path, ops }));
}
