// Every field and choice of a definition for the current values, answered or not, so a message
// can name any of them ("actually the port is 6543"). Fields of every oneOf option are listed
// (the chosen option's first), since a person may name a field of the option they are choosing.
import { choiceOps, questionAt, setAt } from "../../specs/index.ts";
import { objectItems } from "../../specs/schema-nav.ts";
import type { Definition, JsonSchema, Question } from "../../specs/types.ts";

/**
 * A value the spec fixes: a const, or a one-value enum where it tells a oneOf's options apart or
 * must be there. An optional one-value enum elsewhere is a setting one turns on by naming its
 * value ("include the Facebook shares one"), so it stays a field.
 */
function hasFixedValue(node: JsonSchema, inOption: boolean, required: boolean): boolean {
  return "const" in node || (Array.isArray(node.enum) && node.enum.length === 1 && (inOption || required));
}

/** A choice's option a path was found under: its question is read with that option chosen. */
interface Under {
  choice: string;
  option: number;
}

function pathsOf(node: JsonSchema, prefix: string, out: string[], inOption = false, under: Under[] = [], homes: Map<string, Under[]> = new Map()): void {
  for (const [name, child] of Object.entries<JsonSchema>(node.properties ?? {})) {
    const required = Array.isArray(node.required) && node.required.includes(name);
    if (!child || typeof child !== "object" || child.airbyte_hidden === true || hasFixedValue(child, inOption, required)) continue;
    const path = `${prefix}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (Array.isArray(child.oneOf)) {
      out.push(path);
      (child.oneOf as JsonSchema[]).forEach((option, index) => {
        if (option && typeof option === "object") pathsOf(option, path, out, true, [...under, { choice: path, option: index }], homes);
      });
    } else if (child.properties && (child.type === "object" || child.type === undefined)) {
      pathsOf(child, path, out, inOption, under, homes);
    } else {
      // A required list of objects (a file source's streams) is named through its first item's fields
      // ("one stream called orders, csv files"), as the walk asks them; no sentence gives the
      // whole list (a JSON answer to it is read without a name).
      // (Only a required list: an optional one's items are no values to take in passing.)
      const items = Array.isArray(node.required) && node.required.includes(name) ? objectItems(child) : undefined;
      if (!items) {
        out.push(path);
        if (!homes.has(path)) homes.set(path, under);
      } else if (Array.isArray(items.oneOf)) out.push(`${path}/0`);
      else pathsOf(items, `${path}/0`, out, false, under, homes);
    }
  }
}

/**
 * Values that choose the options a field was first found under where it has no fixed value:
 * "tickets_rate_limit" is a const 50 under a Free plan and a number to give under Custom.
 */
function choosing(definition: Definition, under: Under[]): Record<string, unknown> {
  let values: Record<string, unknown> = {};
  for (const { choice, option } of under) {
    try {
      for (const op of choiceOps(definition, choice, option, values)) if (op.op === "set") values = setAt(values, op.path, op.value);
    } catch {
      return {};
    }
  }
  return values;
}

// Names, titles and types of a definition's fields do not depend on the answers, so the list is
// built once per definition (the walker's questionAt is too slow to call per field per turn).
const cache = new WeakMap<Definition, Question[]>();

/** Every field and choice, for finding field names in text. Read `required` from questionAt. */
export function listFields(definition: Definition): Question[] {
  const cached = cache.get(definition);
  if (cached) return cached;
  const paths: string[] = [];
  const homes = new Map<string, Under[]>();
  pathsOf(definition.connectionSpecification, "", paths, false, [], homes);
  const questions: Question[] = [];
  for (const path of new Set(paths)) {
    // (Only where another option fixes the value, a one-value enum: other fields keep the reading they had.)
    let question = questionAt(definition, path, {});
    const under = homes.get(path) ?? [];
    if (question && question.enum?.length === 1 && under.length) question = questionAt(definition, path, choosing(definition, under)) ?? question;
    if (question) questions.push(question);
  }
  cache.set(definition, questions);
  return questions;
}
