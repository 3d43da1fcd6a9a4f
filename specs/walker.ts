// The spec walker: which questions are still open for a connector, in the order a person should
// meet them. Required before optional (secret and always_show first among optional ones, since
// people need them), then the spec's `order`, then document order; siblings stay together, and a
// chosen oneOf option's fields follow the choice. Items already in an array of objects are
// walked one by one ("/streams/0/name"); an empty array is one question.
import type { Definition, JsonSchema, Question, QuestionOption } from "./types.ts";
import { hasAt, parsePointer, toPointer } from "./pointer.ts";
import { chosenOption, discriminatorOf, fixedValue, hasFixedValue, isChoice, objectItems, typeOf } from "./schema-nav.ts";
import { flagSet, isSecretPath } from "./secrets.ts";
import { groupTitleOf } from "./spec-groups.ts";

export interface PlanOptions {
  /** Paths the person chose to skip; they (and anything under them) are not asked again. */
  skipped?: string[];
}

interface Entry {
  question: Question;
  answered: boolean;
  /** Required here and on every enclosing object/option. */
  required: boolean;
}

function titleFrom(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function exampleOf(node: JsonSchema): unknown {
  if (Array.isArray(node.examples) && node.examples.length > 0) return node.examples[0];
  if (node.examples !== undefined && !Array.isArray(node.examples)) return node.examples;
  return node.example;
}

function optionsOf(node: JsonSchema): QuestionOption[] {
  const discriminator = discriminatorOf(node);
  return (node.oneOf as JsonSchema[]).map((option, index) => {
    const value = discriminator?.values[index];
    return {
      index,
      title: option.title ?? (value !== undefined ? String(value) : `Option ${index + 1}`),
      ...(option.description ? { description: option.description } : {}),
      ...(value !== undefined ? { value } : {}),
    };
  });
}

function uniqueEnum(values: unknown[]): Array<string | number | boolean> {
  return [...new Set(values)].filter((value): value is string | number | boolean => value !== null && typeof value !== "object");
}

/** "Streams #1": what a question inside item `index` of the array named `name` is prefixed with. */
function itemLabel(prefix: string | undefined, name: string, index: number): string {
  const label = `${titleFrom(name)} #${index + 1}`;
  return prefix ? `${prefix}: ${label}` : label;
}

/** A required field the spec hides or fixes is still listed while missing (see collect). */
function hiddenOrFixed(node: JsonSchema): boolean {
  return flagSet(node, "airbyte_hidden") || hasFixedValue(node);
}

function buildQuestion(root: JsonSchema, node: JsonSchema, path: string, required: boolean, group: string | undefined, titlePrefix?: string): Question {
  const name = parsePointer(path).pop() ?? "";
  const choice = isChoice(node);
  const type = typeOf(node);
  const title = node.title ?? titleFrom(name);
  const question: Question = {
    path,
    kind: choice ? "choice" : "field",
    title: titlePrefix ? `${titlePrefix}: ${title}` : title,
    type,
    secret: choice ? false : isSecretPath(root, path),
    required,
  };
  if (node.description) question.description = node.description;
  if (choice) {
    question.options = optionsOf(node);
    const discriminator = discriminatorOf(node);
    if (discriminator) question.discriminator = discriminator.property;
  }
  if (type === "array") {
    const items = Array.isArray(node.items) ? node.items[0] : node.items;
    if (items) {
      question.itemType = typeOf(items);
      if (Array.isArray(items.enum)) question.enum = uniqueEnum(items.enum);
      if (typeof items.pattern === "string") question.itemPattern = items.pattern;
    } else question.itemType = "string";
  }
  if (Array.isArray(node.enum)) question.enum = uniqueEnum(node.enum);
  const example = exampleOf(node);
  if (example !== undefined) question.example = example;
  if (Array.isArray(node.examples) && node.examples.length > 1) question.examples = node.examples;
  if (node.default !== undefined) question.default = node.default;
  const fixed = fixedValue(node);
  if (fixed !== undefined && !choice) {
    question.enum = [fixed];
    question.default = fixed;
  }
  if (typeof node.pattern === "string") question.pattern = node.pattern;
  if (typeof node.pattern_descriptor === "string") question.pattern_descriptor = node.pattern_descriptor;
  if (typeof node.format === "string") question.format = node.format;
  if (flagSet(node, "multiline")) question.multiline = true;
  if (flagSet(node, "always_show")) question.always_show = true;
  if (group) {
    question.group = group;
    const groupTitle = groupTitleOf(root, group);
    if (groupTitle) question.groupTitle = groupTitle;
  }
  if (typeof node.order === "number") question.order = node.order;
  return question;
}

function sortedProperties(node: JsonSchema): Array<[string, JsonSchema]> {
  const entries = Object.entries<JsonSchema>(node.properties ?? {}).filter(([, child]) => child && typeof child === "object");
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => {
      const orderA = typeof a.entry[1].order === "number" ? a.entry[1].order : Number.POSITIVE_INFINITY;
      const orderB = typeof b.entry[1].order === "number" ? b.entry[1].order : Number.POSITIVE_INFINITY;
      return orderA !== orderB ? orderA - orderB : a.index - b.index;
    })
    .map(({ entry }) => entry);
}

/** Every question of the spec (answered or not) in tree order, for the values given. */
function collect(definition: Definition, values: unknown): Entry[] {
  const root = definition.connectionSpecification;
  const entries: Entry[] = [];
  const visitObject = (
    node: JsonSchema,
    segments: string[],
    value: unknown,
    required: boolean,
    group: string | undefined,
    prefix: string | undefined,
    skipProperty?: string,
  ) => {
    const requiredNames = new Set<string>(Array.isArray(node.required) ? node.required : []);
    for (const [name, child] of sortedProperties(node)) {
      if (name === skipProperty) continue;
      const childSegments = [...segments, name];
      const path = toPointer(childSegments);
      const childValue = value !== null && typeof value === "object" ? (value as any)[name] : undefined;
      const childRequired = required && requiredNames.has(name);
      // Hidden and fixed fields are not questions. But a required one still missing would leave
      // the config invalid with nothing to ask: it is listed (a const or a hidden default comes
      // as the question's default, and impliedOps would write it; a hidden field with neither is
      // simply asked), so a caller that does not apply impliedOps is never stuck.
      if (hiddenOrFixed(child) && !(childRequired && childValue === undefined)) continue;
      const childGroup = typeof child.group === "string" ? child.group : group;
      visitField(child, childSegments, path, childValue, childRequired, childGroup, hasAt(values, path), prefix);
    }
  };
  const visitField = (
    node: JsonSchema,
    segments: string[],
    path: string,
    value: unknown,
    required: boolean,
    group: string | undefined,
    present: boolean,
    prefix: string | undefined,
  ) => {
    if (isChoice(node)) {
      const chosen = chosenOption(node, value);
      entries.push({ question: buildQuestion(root, node, path, required, group, prefix), answered: chosen !== undefined, required });
      if (chosen !== undefined) {
        const option = node.oneOf[chosen];
        // Once an option is chosen its required fields are needed for a valid config.
        visitObject(option, segments, value, true, group, prefix, discriminatorOf(node)?.property);
      }
      return;
    }
    // A secret object (a service-account JSON, say) is one secret, entered whole in secret mode
    // and sealed as one: its inner fields are never separate questions.
    if (node.properties && typeOf(node) === "object" && !flagSet(node, "airbyte_secret")) {
      visitObject(node, segments, value, required || present, group, prefix);
      return;
    }
    // A list shorter than its minItems (often an empty one) is not an answer yet.
    const tooShort = Array.isArray(value) && typeof node.minItems === "number" && value.length < node.minItems;
    const items = objectItems(node);
    const name = segments[segments.length - 1] ?? "";
    // A required list of objects with none yet ("streams": each a name, a format, globs) is not one
    // question nobody can answer in a sentence: its first item is walked field by field, and
    // answering them makes the list. (An item without required fields stays one question.)
    const empty = value === undefined || (Array.isArray(value) && value.length === 0);
    if (items && required && empty && itemHasRequired(items)) {
      entries.push({ question: buildQuestion(root, node, path, required, group, prefix), answered: true, required });
      const itemSegments = [...segments, "0"];
      visitField(items, itemSegments, toPointer(itemSegments), undefined, true, group, true, itemLabel(prefix, name, 0));
      return;
    }
    entries.push({ question: buildQuestion(root, node, path, required, group, prefix), answered: present && !tooShort, required });
    if (!items || !Array.isArray(value)) return;
    // An item that exists needs its own required fields, whatever the array's own standing.
    value.forEach((item, index) => {
      const itemSegments = [...segments, String(index)];
      visitField(items, itemSegments, toPointer(itemSegments), item, true, group, true, itemLabel(prefix, name, index));
    });
  };
  visitObject(root, [], values, true, undefined, undefined);
  return entries;
}

/** Whether an item schema (an object, or a oneOf of objects) needs anything of its own. */
function itemHasRequired(items: JsonSchema): boolean {
  if (isChoice(items)) return true;
  return Array.isArray(items.required) && items.required.length > 0;
}

function isSkipped(path: string, skipped: string[]): boolean {
  return skipped.some((skip) => path === skip || path.startsWith(skip + "/"));
}

/** The open questions, in ask order. A chosen oneOf's own fields appear once the choice is made. */
export function planQuestions(definition: Definition, values: unknown = {}, opts: PlanOptions = {}): Question[] {
  const skipped = opts.skipped ?? [];
  const open = collect(definition, values).filter((entry) => !entry.answered && !isSkipped(entry.question.path, skipped));
  const required = open.filter((entry) => entry.required);
  const optional = open.filter((entry) => !entry.required);
  const eager = optional.filter((entry) => entry.question.secret || entry.question.always_show);
  const rest = optional.filter((entry) => !(entry.question.secret || entry.question.always_show));
  return [...required, ...eager, ...rest].map((entry) => entry.question);
}

/** The question for any field or choice at `path`, open or not (undefined when the spec has none). */
export function questionAt(definition: Definition, path: string, values: unknown = {}): Question | undefined {
  const found = collect(definition, values).find((entry) => entry.question.path === path);
  if (found) return found.question;
  // A field of an option not chosen yet: answer from the first option that has it.
  const root = definition.connectionSpecification;
  const segments = parsePointer(path);
  let node: JsonSchema | undefined = root;
  let required = true;
  let group: string | undefined;
  let prefix: string | undefined;
  for (const [depth, segment] of segments.entries()) {
    const items: JsonSchema | undefined = node && /^\d+$/.test(segment) ? objectItems(node) : undefined;
    if (items) {
      prefix = itemLabel(prefix, segments[depth - 1] ?? "", Number(segment));
      node = items;
      continue;
    }
    let parent: JsonSchema | undefined = node;
    if (parent && isChoice(parent)) parent = (parent.oneOf as JsonSchema[]).find((option) => option.properties?.[segment]);
    const child: JsonSchema | undefined = parent?.properties?.[segment];
    if (!parent || !child) return undefined;
    required = required && Array.isArray(parent.required) && parent.required.includes(segment);
    if (typeof child.group === "string") group = child.group;
    node = child;
  }
  return node && segments.length > 0 ? buildQuestion(root, node, path, required, group, prefix) : undefined;
}
