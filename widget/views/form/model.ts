// The form's field model: a pure function from a connector spec and the current values to the
// fields to show. Kept free of DOM and Preact so it can be checked against every Airbyte spec.
import { joinPointer } from "../../pointer.ts";

type Schema = Record<string, any>;
export type Scalar = string | number | boolean;

interface NodeBase {
  path: string;
  key: string;
  title: string;
  description?: string;
  required: boolean;
  alwaysShow: boolean;
  order: number;
  group?: string;
}

export type FieldNode = NodeBase &
  (
    | { kind: "text"; type: "string" | "integer" | "number"; secret: boolean; multiline: boolean; enum?: Scalar[]; example?: unknown; default?: unknown; format?: string; hint?: string }
    | { kind: "boolean"; default?: unknown }
    | { kind: "object"; children: FieldNode[] }
    | { kind: "choice"; discriminator?: string; options: ChoiceOption[]; selected: number; children: FieldNode[] }
    | { kind: "list"; itemType: "string" | "integer" | "number"; enum?: Scalar[]; default?: unknown }
    | { kind: "objects"; items: FieldNode[][]; itemTitle: string }
    | { kind: "json"; default?: unknown }
  );

export interface ChoiceOption {
  index: number;
  title: string;
  value?: Scalar;
}

export interface Section {
  id: string;
  title?: string;
  fields: FieldNode[];
}

function mainType(schema: Schema): string | undefined {
  const type = schema.type;
  if (Array.isArray(type)) return type.find((t) => t !== "null");
  if (type) return type;
  if (schema.properties) return "object";
  if (schema.oneOf) return "object";
  if (schema.enum?.length) return typeof schema.enum[0];
  return undefined;
}

export function humanize(key: string): string {
  const words = key.replace(/[_-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A spec title fit to show. Generated specs leak their schema class names ("ProcessingConfigModel",
 * "FileBasedStreamConfig"): one CamelCase word ending in Model/Config/Spec is no title for a person.
 */
export function shownTitle(title: unknown): string | undefined {
  if (typeof title !== "string" || !title.trim()) return undefined;
  return /^[A-Z][A-Za-z0-9]*(Model|Config|Spec)$/.test(title) ? undefined : title;
}

/** "field_name_mappings" → "Field name mapping": what one item of a list is called. */
function singular(words: string): string {
  return /[^s]s$/.test(words) ? words.slice(0, -1) : words;
}

function constOf(schema: Schema | undefined): Scalar | undefined {
  if (!schema || typeof schema !== "object") return undefined;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length === 1) return schema.enum[0];
  return undefined;
}

/** The property whose const tells a oneOf's options apart, when every option has one. */
export function discriminatorOf(options: Schema[]): string | undefined {
  const first = options[0]?.properties ?? {};
  for (const key of Object.keys(first)) {
    if (options.every((option) => constOf(option?.properties?.[key]) !== undefined)) return key;
  }
  return undefined;
}

/** Which oneOf option the current value is in (-1 when none is chosen yet). */
export function selectedOption(options: Schema[], value: unknown, discriminator?: string): number {
  if (!value || typeof value !== "object") return -1;
  const record = value as Record<string, unknown>;
  if (discriminator) {
    const found = options.findIndex((option) => constOf(option?.properties?.[discriminator]) === record[discriminator]);
    if (found >= 0) return found;
  }
  // No discriminator (or an unknown value): the first option whose required keys are all present.
  const keys = Object.keys(record);
  if (keys.length === 0) return -1;
  const byRequired = options.findIndex((option) => (option?.required ?? []).every((key: string) => key in record) && (option?.required ?? []).length > 0);
  if (byRequired >= 0) return byRequired;
  return options.findIndex((option) => keys.some((key) => key in (option?.properties ?? {})));
}

function byAskOrder(a: FieldNode, b: FieldNode): number {
  if (a.required !== b.required) return a.required ? -1 : 1;
  return a.order - b.order;
}

export function fieldsOf(schema: Schema, values: unknown, base = ""): FieldNode[] {
  const properties: Record<string, Schema> = schema?.properties ?? {};
  const required = new Set<string>(Array.isArray(schema?.required) ? schema.required : []);
  const record = values && typeof values === "object" ? (values as Record<string, unknown>) : {};
  const nodes: FieldNode[] = [];
  Object.keys(properties).forEach((key, index) => {
    const property = properties[key];
    if (!property || typeof property !== "object" || property.airbyte_hidden) return;
    const order = typeof property.order === "number" ? property.order : 1000 + index;
    const node = nodeFor(property, record[key], joinPointer(base, key), key, required.has(key), order);
    if (node) nodes.push(node);
  });
  return nodes.sort(byAskOrder);
}

function nodeFor(schema: Schema, value: unknown, path: string, key: string, required: boolean, order: number): FieldNode | null {
  // A property that is a fixed const (a oneOf discriminator) is set by the choice, not typed.
  if (schema.const !== undefined) return null;
  const base: NodeBase = {
    path,
    key,
    title: shownTitle(schema.title) ?? humanize(key),
    description: typeof schema.description === "string" ? schema.description : undefined,
    required,
    alwaysShow: schema.always_show === true,
    order,
    group: typeof schema.group === "string" ? schema.group : undefined,
  };
  if (Array.isArray(schema.oneOf) && schema.oneOf.length > 0) {
    const options: Schema[] = schema.oneOf.filter((option: unknown) => option && typeof option === "object");
    const discriminator = discriminatorOf(options);
    const selected = selectedOption(options, value, discriminator);
    return {
      ...base,
      kind: "choice",
      discriminator,
      options: options.map((option, index) => ({
        index,
        title: shownTitle(option.title) ?? (discriminator ? String(constOf(option.properties[discriminator])) : `Option ${index + 1}`),
        value: discriminator ? constOf(option.properties[discriminator]) : undefined,
      })),
      selected,
      children: selected >= 0 ? fieldsOf(options[selected], value, path) : [],
    };
  }
  const type = mainType(schema);
  switch (type) {
    case "boolean":
      return { ...base, kind: "boolean", default: schema.default };
    case "object":
      if (schema.properties && Object.keys(schema.properties).length > 0) {
        return { ...base, kind: "object", children: fieldsOf(schema, value, path) };
      }
      return { ...base, kind: "json", default: schema.default };
    case "array": {
      const items: Schema = Array.isArray(schema.items) ? schema.items[0] ?? {} : schema.items ?? {};
      const itemType = mainType(items);
      if (itemType === "object" && (items.properties || items.oneOf)) {
        const list = Array.isArray(value) ? value : [];
        return {
          ...base,
          kind: "objects",
          itemTitle: shownTitle(items.title) ?? singular(humanize(key)),
          items: list.map((item, index) => {
            const itemPath = joinPointer(path, index);
            if (items.oneOf) {
              const node = nodeFor(items, item, itemPath, String(index), true, 0);
              return node ? [node] : [];
            }
            return fieldsOf(items, item, itemPath);
          }),
        };
      }
      if (itemType === "string" || itemType === "integer" || itemType === "number") {
        return { ...base, kind: "list", itemType, enum: Array.isArray(items.enum) ? items.enum : undefined, default: schema.default };
      }
      return { ...base, kind: "json", default: schema.default };
    }
    case "integer":
    case "number":
    case "string":
    default: {
      const examples = Array.isArray(schema.examples) ? schema.examples[0] : schema.example ?? schema.examples;
      return {
        ...base,
        kind: "text",
        type: type === "integer" || type === "number" ? type : "string",
        secret: schema.airbyte_secret === true,
        multiline: schema.multiline === true,
        enum: Array.isArray(schema.enum) && schema.enum.length > 0 ? schema.enum : undefined,
        example: examples,
        default: schema.default,
        format: typeof schema.format === "string" ? schema.format : undefined,
        hint: typeof schema.pattern_descriptor === "string" ? schema.pattern_descriptor : undefined,
      };
    }
  }
}

/** The top level split by the spec's `groups` (ungrouped fields first), each in ask order. */
export function formSections(spec: Schema | null, values: Record<string, unknown>): Section[] {
  if (!spec) return [];
  if (Array.isArray(spec.oneOf) && !spec.properties) {
    const node = nodeFor(spec, values, "", "config", true, 0);
    return [{ id: "", fields: node ? [node] : [] }];
  }
  const fields = fieldsOf(spec, values);
  const groups: Array<{ id: string; title?: string }> = Array.isArray(spec.groups) ? spec.groups.filter((g: any) => g && g.id) : [];
  const known = new Set(groups.map((group) => group.id));
  const sections: Section[] = [{ id: "", fields: fields.filter((field) => !field.group || !known.has(field.group)) }];
  for (const group of groups) {
    const grouped = fields.filter((field) => field.group === group.id);
    if (grouped.length) sections.push({ id: group.id, title: group.title ?? humanize(group.id), fields: grouped });
  }
  return sections.filter((section) => section.fields.length > 0);
}

/** Shown at once: required fields and always_show ones; the rest sit in a collapsed "Optional". */
export function splitOptional(fields: FieldNode[]): { shown: FieldNode[]; optional: FieldNode[] } {
  return {
    shown: fields.filter((field) => field.required || field.alwaysShow),
    optional: fields.filter((field) => !field.required && !field.alwaysShow),
  };
}

/** Every node path in the tree, depth first (for "every required field is present" checks). */
export function flattenFields(fields: FieldNode[]): FieldNode[] {
  return fields.flatMap((field) => {
    if (field.kind === "object" || field.kind === "choice") return [field, ...flattenFields(field.children)];
    if (field.kind === "objects") return [field, ...field.items.flatMap(flattenFields)];
    return [field];
  });
}

/** The ops that choose a oneOf option: a fresh object carrying the discriminator const. */
export function chooseOptionOps(field: Extract<FieldNode, { kind: "choice" }>, index: number) {
  const option = field.options[index];
  const value = field.discriminator && option?.value !== undefined ? { [field.discriminator]: option.value } : {};
  return [{ op: "set" as const, path: field.path, value }];
}

/** A human title for a pointer, walking the spec (used by the test card's field links). */
export function titleAt(spec: Schema | null, values: Record<string, unknown>, path: string): string {
  const found = flattenFields(formSections(spec, values).flatMap((section) => section.fields)).find((field) => field.path === path);
  return found?.title ?? humanize(path.split("/").pop() || path);
}
