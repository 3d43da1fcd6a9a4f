// Every field and choice of a definition for the current values, answered or not, so a message
// can name any of them ("actually the port is 6543"). Fields of every oneOf option are listed
// (the chosen option's first), since a person may name a field of the option they are choosing.
import { questionAt } from "../../specs/index.ts";
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

function pathsOf(node: JsonSchema, prefix: string, out: string[], inOption = false): void {
  for (const [name, child] of Object.entries<JsonSchema>(node.properties ?? {})) {
    const required = Array.isArray(node.required) && node.required.includes(name);
    if (!child || typeof child !== "object" || child.airbyte_hidden === true || hasFixedValue(child, inOption, required)) continue;
    const path = `${prefix}/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`;
    if (Array.isArray(child.oneOf)) {
      out.push(path);
      for (const option of child.oneOf as JsonSchema[]) if (option && typeof option === "object") pathsOf(option, path, out, true);
    } else if (child.properties && (child.type === "object" || child.type === undefined)) {
      pathsOf(child, path, out, inOption);
    } else {
      // A required list of objects (a file source's streams) is named through its first item's fields
      // ("one stream called orders, csv files"), as the walk asks them; no sentence gives the
      // whole list (a JSON answer to it is read without a name).
      // (Only a required list: an optional one's items are no values to take in passing.)
      const items = Array.isArray(node.required) && node.required.includes(name) ? objectItems(child) : undefined;
      if (!items) out.push(path);
      else if (Array.isArray(items.oneOf)) out.push(`${path}/0`);
      else pathsOf(items, `${path}/0`, out);
    }
  }
}

// Names, titles and types of a definition's fields do not depend on the answers, so the list is
// built once per definition (the walker's questionAt is too slow to call per field per turn).
const cache = new WeakMap<Definition, Question[]>();

/** Every field and choice, for finding field names in text. Read `required` from questionAt. */
export function listFields(definition: Definition): Question[] {
  const cached = cache.get(definition);
  if (cached) return cached;
  const paths: string[] = [];
  pathsOf(definition.connectionSpecification, "", paths);
  const questions: Question[] = [];
  for (const path of new Set(paths)) {
    const question = questionAt(definition, path, {});
    if (question) questions.push(question);
  }
  cache.set(definition, questions);
  return questions;
}
