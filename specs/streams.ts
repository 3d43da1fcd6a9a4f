// The streams a connector offers, where its definition lists them. A connection chooses among
// these; Onramp does not discover streams by reading the source (that is a sync engine's job).
import type { Definition } from "./types.ts";
import { getAt } from "./pointer.ts";

/**
 * The stream names for a config of `definition`, or undefined when the definition lists none
 * (then a connection cannot offer a choice and replicates whatever the source has).
 */
export function definitionStreams(definition: Definition, config: Record<string, unknown> = {}): string[] | undefined {
  const streams = definition.streams;
  if (!streams) return undefined;
  if (Array.isArray(streams)) return [...streams];
  const value = getAt(config, streams.byValueAt);
  const key = typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : streams.default;
  const names = key === undefined ? undefined : streams.values[key];
  return names ? [...names] : undefined;
}
