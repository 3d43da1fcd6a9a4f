// Airbyte declarative interpolation: Jinja templates rendered as the Airbyte CDK (7.28) renders
// them. See README.md for the semantics and why this is an evaluator of our own.
import { InterpolationError } from "./errors.ts";
import { evalBoolean, evalMapping, evalString, toJs } from "./interpolate.ts";
import { StreamSlice } from "./values.ts";

export { InterpolationError, StreamSlice };

export interface InterpolationContext {
  config: Record<string, unknown>;
  parameters?: Record<string, unknown>;
  stream_slice?: unknown;
  stream_partition?: unknown;
  stream_interval?: unknown;
  next_page_token?: unknown;
  response?: unknown;
  headers?: unknown;
  last_record?: unknown;
  record?: unknown;
  stream_state?: unknown;
  last_page_size?: number;
  [name: string]: unknown;
}

/** Injectable clock and uuid source (tests, the golden corpus). */
export interface InterpolationOptions {
  now?: () => Date;
  uuid?: () => string;
}

/**
 * InterpolatedString: render; an empty/undefined result falls back to `fallback` (default: the
 * template text itself, rendered again); then Python `ast.literal_eval` of the text when it
 * parses (so "5" → 5, "[1, 2]" → [1, 2], "True" → true).
 */
export function interpolateString(template: string | number | boolean | null, context: InterpolationContext, options?: InterpolationOptions & { fallback?: unknown }): unknown {
  return toJs(evalString(template, context, options));
}

/** InterpolatedBoolean: false when the result is one of the CDK's false values ("False", "", "[]", 0, ...); a boolean is returned as is. */
export function interpolateBoolean(condition: string | boolean, context: InterpolationContext, options?: InterpolationOptions): boolean {
  return evalBoolean(condition, context, options);
}

/**
 * InterpolatedMapping / InterpolatedNestedMapping (request_parameters, headers, body): keys and
 * string values rendered; an empty or undefined render yields undefined (the entry is dropped).
 */
export function interpolateMapping(mapping: unknown, context: InterpolationContext, options?: InterpolationOptions): unknown {
  return toJs(evalMapping(mapping, context, options));
}
