// Which GET operations are tables. A list-like GET (path not ending in a variable, and a response
// that is or holds an array, or declares nothing to say otherwise) becomes an entity with a name,
// a record path, a primary key and a pagination kind; one under another list's detail path
// (`/users/{id}/posts`) becomes its substream. Parameters the entity needs on every request
// (required query or header parameters, path variables no parent fills) become config fields.
import type { JsonSchema } from "../types.ts";
import { isAuthParameter } from "./detect-auth.ts";
import { detectPagination } from "./detect-pagination.ts";
import { singular, snakeCase, titleCase } from "./names.ts";
import { guessRecordPath } from "./record-path.ts";
import { isArraySchema, propertiesOf } from "./schema-shape.ts";
import type { ApiModel, ApiOperation, ApiParameter, AuthGuess, ConfigFieldGuess, EntityGuess } from "./types.ts";

const ENDS_IN_VARIABLE = /\/\{[^/}]+\}(\.[a-z]+)?\/?$/i;
/** Parameters that page or shape a response: the runtime's paginator or nobody sets them. */
const PAGING = /^(page|page_?number|page_?no|p|index|offset|skip|start|from|\$skip|limit|size|count|\$top|top|per_?page|page_?size|pagesize|cursor|after|before|page_?token|next_?token|continuation_?token|starting_after|ending_before)$/i;

function literalSegments(path: string): string[] {
  return path.split("/").filter((segment) => segment && !segment.startsWith("{"));
}

function resourceOf(path: string): string {
  const segments = literalSegments(path);
  return (segments[segments.length - 1] ?? "records").replace(/\.(json|xml)$/i, "");
}

function primaryKeyOf(item: JsonSchema | undefined, resource: string, detailVariable: string | undefined): { key: string[]; reason: string } {
  const properties = Object.keys(propertiesOf(item));
  const one = singular(resource).toLowerCase().replace(/[-_]/g, "");
  const ranked = [
    (name: string) => name === "id",
    (name: string) => name.toLowerCase() === "_id" || name.toLowerCase() === "uuid",
    (name: string) => name.toLowerCase().replace(/[-_]/g, "") === `${one}id`,
    (name: string) => detailVariable !== undefined && name.toLowerCase() === detailVariable.toLowerCase(),
    (name: string) => /^(sid|key|pk|slug|guid|code|name)$/i.test(name),
  ];
  for (const test of ranked) {
    const hit = properties.find(test);
    if (hit) return { key: [hit], reason: `primary key: "${hit}", an id-like field of each record` };
  }
  if (properties.length === 0 && detailVariable) {
    return { key: ["id"], reason: `primary key: "id", a guess: records are not described, and the detail path takes {${detailVariable}}` };
  }
  return { key: [], reason: "primary key: none found among the record's fields" };
}

function isListLike(operation: ApiOperation): { list: boolean; reason: string } {
  if (ENDS_IN_VARIABLE.test(operation.path)) return { list: false, reason: "ends in a path variable (a detail endpoint)" };
  const schema = operation.response;
  if (!schema || Object.keys(schema).length === 0) {
    return { list: true, reason: "the path names a collection (no response schema to say otherwise)" };
  }
  if (isArraySchema(schema)) return { list: true, reason: "the response is an array" };
  const record = guessRecordPath(schema, resourceOf(operation.path));
  if (record) return { list: true, reason: `the response holds an array ("${record.path.join(".")}")` };
  return { list: false, reason: "the response is a single object" };
}

function fieldFor(parameter: ApiParameter, reason: string): ConfigFieldGuess {
  const schemaType = parameter.schema?.type;
  const type = schemaType === "integer" || schemaType === "number" || schemaType === "boolean" ? schemaType : "string";
  const enumValues = Array.isArray(parameter.schema?.enum) ? parameter.schema!.enum : undefined;
  const fallback = parameter.schema?.default ?? parameter.example;
  return {
    key: snakeCase(parameter.name) || parameter.name,
    title: titleCase(parameter.name),
    description: parameter.description?.slice(0, 500),
    type,
    required: true,
    secret: false,
    ...(fallback !== undefined && fallback !== null && fallback !== "" ? { default: fallback } : {}),
    ...(enumValues ? { enum: enumValues } : {}),
    reason,
  };
}

/**
 * The list a `{variable}` after `before` takes its values from: the list at `before` itself, else
 * (`/organization/{id}/users` beside `/organizations`) the shallowest list whose last segment
 * names the same resource, singular or plural.
 */
function parentListOf(before: string, listIds: Map<string, string>): string | undefined {
  if (listIds.has(before)) return before;
  const resource = resourceOf(before);
  if (!resource) return undefined;
  const wanted = singular(resource.toLowerCase());
  const candidates = [...listIds.keys()].filter((path) => path !== before && singular(resourceOf(path).toLowerCase()) === wanted && !ENDS_IN_VARIABLE.test(path));
  return candidates.sort((a, b) => a.split("/").length - b.split("/").length || a.length - b.length)[0];
}

/**
 * The parent record's field a path variable takes: one named as the variable, else the variable
 * without the resource's name (`{project_name}` under `/projects` → `name`, `{FlowSid}` → `sid`).
 */
function parentFieldFor(variable: string, parentResource: string, properties: string[]): string | undefined {
  const flat = (text: string) => text.toLowerCase().replace(/[-_]/g, "");
  const exact = properties.find((name) => flat(name) === flat(variable));
  if (exact) return exact;
  const prefix = flat(singular(parentResource));
  const rest = flat(variable).startsWith(prefix) ? flat(variable).slice(prefix.length) : undefined;
  return rest ? properties.find((name) => flat(name) === rest) : undefined;
}

export interface EntitiesResult {
  entities: EntityGuess[];
  fields: ConfigFieldGuess[];
  skipped: string[];
}

export function detectEntities(model: ApiModel, auth: AuthGuess[]): EntitiesResult {
  // One entity per path: a collection may hold the same request twice (with and without auth).
  const gets = model.operations.filter((operation, index, all) => operation.method === "GET" && all.findIndex((other) => other.method === "GET" && other.path === operation.path) === index);
  const byPath = new Map(gets.map((operation) => [operation.path.replace(/\/$/, ""), operation]));
  const fields = new Map<string, ConfigFieldGuess>();
  const entities: EntityGuess[] = [];
  const skipped: string[] = [];
  const names = new Set<string>();
  const listIds = new Map<string, string>();
  for (const operation of gets) {
    const verdict = isListLike(operation);
    if (!verdict.list || literalSegments(operation.path).length === 0) continue;
    listIds.set(operation.path.replace(/\/$/, ""), `GET ${operation.path}`);
  }
  for (const operation of gets) {
    const verdict = isListLike(operation);
    if (!verdict.list) continue;
    // The root (`GET /`) names no resource: a table only when its answer holds a named array.
    const rootArray = literalSegments(operation.path).length === 0 ? guessRecordPath(operation.response, "")?.path.at(-1) : undefined;
    if (literalSegments(operation.path).length === 0 && !rootArray) continue;
    const id = `GET ${operation.path}`;
    const resource = rootArray ?? resourceOf(operation.path);
    const reasons: Record<string, string> = { entity: `a table, because ${verdict.reason}` };
    const variables = [...operation.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]);
    // The nearest list ancestor fills the last variable; every other variable is a setting.
    let parent: EntityGuess["parent"];
    const lastVariable = variables[variables.length - 1];
    if (lastVariable) {
      const before = operation.path.slice(0, operation.path.lastIndexOf(`{${lastVariable}}`)).replace(/\/$/, "");
      const parentPath = parentListOf(before, listIds);
      const parentId = parentPath ? listIds.get(parentPath) : undefined;
      const parentOperation = parentPath ? byPath.get(parentPath) : undefined;
      if (parentId && parentOperation && parentId !== id) {
        const parentItem = guessRecordPath(parentOperation.response, resourceOf(before))?.item;
        const parentProperties = Object.keys(propertiesOf(parentItem));
        const parentKey = primaryKeyOf(parentItem, resourceOf(parentPath!), lastVariable).key[0];
        const parentField = parentFieldFor(lastVariable, resourceOf(parentPath!), parentProperties) ?? parentKey ?? "id";
        parent = { entityId: parentId, pathVariable: lastVariable, parentField };
        reasons.parent = `substream of ${parentId}: {${lastVariable}} takes each parent record's "${parentField}"`;
      }
    }
    // A variable the parent's own path has is filled as the parent fills it (its parent's record,
    // through the partition's parent_slice), so `/flows/{f}/executions/{e}/steps` asks for nothing.
    const parentPathOf = parent ? parent.entityId.slice("GET ".length) : "";
    const settingVariables = variables.filter((variable) => variable !== parent?.pathVariable && !parentPathOf.includes(`{${variable}}`));
    if (settingVariables.length > 1 && parent) {
      skipped.push(`${id}: needs more than one parent record`);
      continue;
    }
    const pathParameters = operation.parameters.filter((parameter) => parameter.in === "path");
    const pathFields: EntityGuess["pathFields"] = [];
    for (const variable of settingVariables) {
      const declared = pathParameters.find((parameter) => parameter.name === variable) ?? { name: variable, in: "path" as const, required: true };
      const field = fieldFor(declared, `the path variable {${variable}} has no list above it to take values from`);
      if (!fields.has(field.key)) fields.set(field.key, field);
      pathFields.push({ variable, field: field.key });
    }
    const queryFields: EntityGuess["queryFields"] = [];
    const headerFields: EntityGuess["headerFields"] = [];
    for (const parameter of operation.parameters) {
      if (!parameter.required || (parameter.in !== "query" && parameter.in !== "header")) continue;
      if (isAuthParameter(parameter, auth) || PAGING.test(parameter.name)) continue;
      const field = fieldFor(parameter, `the ${parameter.in} parameter "${parameter.name}" is required`);
      const known = fields.get(field.key);
      if (!known) fields.set(field.key, field);
      if (parameter.in === "query") queryFields.push({ param: parameter.name, field: field.key });
      else headerFields.push({ header: parameter.name, field: field.key });
    }
    const record = guessRecordPath(operation.response, resource);
    const detail = gets.find((other) => other.path.startsWith(`${operation.path.replace(/\/$/, "")}/{`) && ENDS_IN_VARIABLE.test(other.path) && other.path.split("/").length === operation.path.replace(/\/$/, "").split("/").length + 1);
    const detailVariable = detail ? /\{([^}]+)\}[^/]*\/?$/.exec(detail.path)?.[1] : undefined;
    const key = primaryKeyOf(record?.item, resource, detailVariable);
    reasons.recordPath = record ? `record path: ${record.path.length ? `"${record.path.join(".")}"` : "top level"}, because ${record.reason}` : "record path: top level, a guess: the response is not described";
    reasons.primaryKey = key.reason;
    const pagination = detectPagination(operation, operation.response);
    reasons.pagination = pagination.reason;
    let name = snakeCase(resource) || "records";
    if (names.has(name) && parent) name = `${snakeCase(resourceOf(parent.entityId.slice(4)))}_${name}`;
    for (let index = 2; names.has(name); index++) name = `${snakeCase(resource)}_${index}`;
    names.add(name);
    reasons.name = `name: "${name}", from the path's last segment "${resource}"`;
    entities.push({
      id,
      name,
      path: operation.path,
      selected: true,
      primaryKey: key.key,
      recordPath: record?.path ?? [],
      pagination: pagination.pagination,
      ...(parent ? { parent } : {}),
      pathFields,
      queryFields,
      headerFields,
      ...(record?.item ? { recordSchema: record.item } : {}),
      reasons,
    });
  }
  return { entities, fields: [...fields.values()], skipped };
}
