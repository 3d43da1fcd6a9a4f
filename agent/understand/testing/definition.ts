// Small inline definitions for the understander's unit tests: each test says the spec it reads,
// so a test shows which part of a spec (a key, a title, an enum) a behaviour comes from.
import { questionAt, type Definition, type JsonSchema, type Question } from "../../../specs/index.ts";
import { listFields } from "../fields.ts";
import type { Decision, UnderstandContext } from "../types.ts";

export function definitionOf(displayName: string, properties: Record<string, JsonSchema>, required: string[] = []): Definition {
  const name = `source-${displayName.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return {
    id: name,
    name,
    kind: "source",
    displayName,
    origin: "test",
    connectionSpecification: { type: "object", required, properties },
  };
}

export function contextOf(definition: Definition, pendingPath: string | null = null, values: Record<string, unknown> = {}): UnderstandContext {
  const pending = pendingPath ? (questionAt(definition, pendingPath, values) as Question) : null;
  return { definition, pending, fields: listFields(definition), values };
}

/** The values a set of decisions stores, by path: what most assertions compare. */
export function setsOf(decisions: Decision[]): Record<string, unknown> {
  return Object.fromEntries(decisions.flatMap((decision) => (decision.kind === "set" ? [[decision.path, decision.value]] : [])));
}
