// The runtime's one door to interpolation (../interpolation, Jinja as the CDK has it). A component
// gets a Templates bound to the config, its own $parameters and the clock; each call adds the
// variables the CDK passes at that spot (stream_slice, next_page_token, response, record...).
import { interpolateBoolean, interpolateMapping, interpolateString, InterpolationError, StreamSlice, type InterpolationContext } from "../interpolation/index.ts";

export { InterpolationError, StreamSlice };

/** The slice a request is made for: a partition (parent id, list value) and a cursor window. */
export interface Slice {
  partition: Record<string, unknown>;
  cursor: Record<string, unknown>;
  /** Values carried along for records (the parent record of a substream partition). */
  extra?: Record<string, unknown>;
}

export const EMPTY_SLICE: Slice = { partition: {}, cursor: {} };

export interface Clock {
  now?: () => Date;
  uuid?: () => string;
}

export type Variables = Omit<InterpolationContext, "config" | "parameters">;

/** What request-time templates see for a slice and page token, as the CDK's get_interpolation_context. */
export function requestVariables(slice: Slice, nextPageToken: Record<string, unknown> | undefined): Variables {
  const streamSlice = new StreamSlice(slice.partition, slice.cursor, slice.extra);
  return { stream_slice: streamSlice, stream_partition: slice.partition, stream_interval: slice.cursor, next_page_token: nextPageToken ?? null };
}

export class Templates {
  constructor(
    readonly config: Record<string, unknown>,
    readonly parameters: Record<string, unknown>,
    readonly clock: Clock = {},
  ) {}

  /** Same config and clock, another component's $parameters. */
  with(parameters: Record<string, unknown> | undefined): Templates {
    return new Templates(this.config, parameters ?? {}, this.clock);
  }

  private context(variables: Variables): InterpolationContext {
    return { ...variables, config: this.config, parameters: this.parameters };
  }

  /** InterpolatedString: a non-string value is returned as it is. */
  string(template: unknown, variables: Variables = {}, fallback?: unknown): unknown {
    if (typeof template !== "string") return template;
    return interpolateString(template, this.context(variables), { ...this.clock, fallback });
  }

  /** The rendered value as text ("" for nothing), for URLs, headers and tokens. */
  text(template: unknown, variables: Variables = {}, fallback?: unknown): string {
    const value = this.string(template, variables, fallback);
    return value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
  }

  boolean(condition: unknown, variables: Variables = {}): boolean {
    if (typeof condition === "boolean") return condition;
    if (typeof condition !== "string" || condition === "") return false;
    return interpolateBoolean(condition, this.context(variables), this.clock);
  }

  /** InterpolatedMapping / InterpolatedNestedMapping: entries rendering to nothing are dropped. */
  mapping(mapping: unknown, variables: Variables = {}): Record<string, unknown> {
    if (mapping === undefined || mapping === null) return {};
    if (typeof mapping === "string") {
      const value = this.string(mapping, variables);
      return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
    }
    const value = interpolateMapping(mapping, this.context(variables), this.clock);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  }
}
