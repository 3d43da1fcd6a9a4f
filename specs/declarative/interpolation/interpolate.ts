// The CDK's wrappers around a render (jinja.py's JinjaInterpolation.eval, InterpolatedString,
// InterpolatedBoolean, InterpolatedMapping/InterpolatedNestedMapping), returning Python values:
//   render; a TypeError during the render yields the template text itself; a non-empty result
//   goes through ast.literal_eval; an empty one, or an UndefinedError, renders the default
//   instead (InterpolatedString: the template again, so an UndefinedError then propagates;
//   InterpolatedBoolean: "False"; mappings: None).
import { PyDateTime } from "./datetime.ts";
import { InterpolationError, valueError } from "./errors.ts";
import { render } from "./evaluator.ts";
import { literalEval, NOT_LITERAL } from "./literal-eval.ts";
import { macros, type Clock } from "./macros.ts";
import { compileTemplate } from "./template.ts";
import { hasKey, isDict, isTuple, own, setKey, pyEquals, PyFloat, StreamSlice, Undefined } from "./values.ts";

const ALIASES: Record<string, string> = { stream_interval: "stream_slice", stream_partition: "stream_slice" };
const UNSUPPORTED_VARIABLES: Record<string, string> = {
  stream_state:
    "`stream_state` is no longer supported for interpolation. We recommend using `stream_interval` instead. Please reference the CDK Migration Guide for more information.",
};

export interface RenderContext {
  config: Record<string, unknown>;
  [name: string]: unknown;
}

export interface EvalOptions {
  now?: () => Date;
  uuid?: () => string;
}

const defaultClock: Clock = { now: () => new Date(), uuid: () => crypto.randomUUID() };
// Macros close over the clock; built once per (now, uuid) pair a caller passes.
const macroTables = new WeakMap<() => Date, WeakMap<() => string, ReturnType<typeof macros>>>();

function macrosFor(options: EvalOptions | undefined): ReturnType<typeof macros> {
  const now = options?.now ?? defaultClock.now;
  const uuid = options?.uuid ?? defaultClock.uuid;
  let byUuid = macroTables.get(now);
  if (!byUuid) macroTables.set(now, (byUuid = new WeakMap()));
  let table = byUuid.get(uuid);
  if (!table) byUuid.set(uuid, (table = macros({ now, uuid })));
  return table;
}

/** Context values as templates see them: JS undefined is None, a Date is an aware datetime. */
function asPython(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return PyDateTime.fromEpochSeconds(value.getTime() / 1000);
  return value;
}

/** JinjaInterpolation._eval: render, or the template text on a TypeError. */
function renderText(template: unknown, context: RenderContext, options?: EvalOptions): unknown {
  if (typeof template !== "string") return template;
  let compiled;
  try {
    compiled = compileTemplate(template);
  } catch (error) {
    if (error instanceof InterpolationError && error.kind === "TypeError") return template;
    throw error;
  }
  const aliasOf = (name: string) => own(ALIASES, name);
  const declared = (name: string) => hasKey(context, name) || (aliasOf(name) !== undefined && hasKey(context, aliasOf(name)!));
  const missing = [...compiled.undeclared].filter((name) => !declared(name));
  if (missing.length) throw valueError(`Jinja macro has undeclared variables: {${missing.map((name) => `'${name}'`).join(", ")}}`);
  const globals = macrosFor(options);
  const resolve = (name: string): unknown => {
    if (hasKey(context, name)) return asPython(context[name]);
    const alias = aliasOf(name);
    if (alias && hasKey(context, alias)) return asPython(context[alias]);
    return hasKey(globals, name) ? globals[name] : undefined;
  };
  try {
    return render(compiled.body, resolve);
  } catch (error) {
    if (error instanceof InterpolationError && error.kind === "TypeError") return template;
    throw error;
  }
}

/** JinjaInterpolation._literal_eval. */
function literalOf(result: unknown, validTypes?: "str"): unknown {
  if (typeof result !== "string") return result;
  const evaluated = literalEval(result);
  if (evaluated === NOT_LITERAL) return result;
  if (validTypes === "str" && typeof evaluated !== "string") return result;
  return evaluated;
}

/** JinjaInterpolation.eval. `fallback` is the default: a string is rendered as a template too. */
export function jinjaEval(template: string, context: RenderContext, fallback: unknown, options?: EvalOptions, validTypes?: "str"): unknown {
  for (const [name, message] of Object.entries(UNSUPPORTED_VARIABLES)) {
    if (template.includes(name)) throw new InterpolationError("AirbyteTracedException", message);
  }
  try {
    const result = renderText(template, context, options);
    if (typeof result === "string" ? result !== "" : result !== null && result !== undefined) return literalOf(result, validTypes);
  } catch (error) {
    if (!(error instanceof InterpolationError && error.kind === "UndefinedError")) throw error;
  }
  return literalOf(renderText(fallback, context, options), validTypes);
}

export function withParameters(context: RenderContext): RenderContext {
  return hasKey(context, "parameters") && context.parameters !== undefined ? context : { ...context, parameters: {} };
}

/** InterpolatedString.eval: the default is the template itself unless given. A non-string (a
 * number or boolean straight from the manifest) is returned as it is. */
export function evalString(template: unknown, context: RenderContext, options?: EvalOptions & { fallback?: unknown }): unknown {
  if (typeof template !== "string") return template;
  const fallback = options && "fallback" in options && options.fallback !== undefined ? options.fallback : template;
  return jinjaEval(template, withParameters(context), fallback, options);
}

const FALSE_VALUES: unknown[] = ["False", "false", "{}", "[]", "()", "", "0", "0.0", {}, false, []];

/** InterpolatedBoolean.eval: false when the result equals one of the CDK's FALSE_VALUES. */
export function evalBoolean(condition: string | boolean, context: RenderContext, options?: EvalOptions): boolean {
  if (typeof condition === "boolean") return condition;
  const evaluated = jinjaEval(condition, withParameters(context), "False", options);
  if (isTuple(evaluated) && evaluated.length === 0) return false;
  return !FALSE_VALUES.some((falsy) => pyEquals(evaluated, falsy));
}

/** InterpolatedNestedMapping.eval: keys and string values rendered, None values dropped. */
export function evalMapping(mapping: unknown, context: RenderContext, options?: EvalOptions): unknown {
  const full = withParameters(context);
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return jinjaEval(value, full, null, options);
    if (Array.isArray(value)) return value.map(walk);
    if (isDict(value)) {
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const renderedKey = jinjaEval(key, full, null, options, "str");
        const renderedValue = walk(item);
        if (renderedValue === null || renderedValue === undefined || renderedKey === null) continue;
        setKey(result, typeof renderedKey === "string" ? renderedKey : String(renderedKey), renderedValue);
      }
      return result;
    }
    return value;
  };
  return walk(mapping);
}

/** Python values out to plain JSON-shaped JavaScript (floats unboxed, tuples as arrays). */
export function toJs(value: unknown): unknown {
  if (value instanceof PyFloat) return value.value;
  if (value instanceof StreamSlice) return toJs(value.merged);
  if (Array.isArray(value)) return value.map(toJs);
  if (isDict(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, toJs(item)]));
  if (value instanceof Undefined) return undefined;
  return value;
}
