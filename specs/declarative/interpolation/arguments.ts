// Python-style argument binding for the functions, methods and filters templates call:
// positional or keyword, defaults, and the TypeError Python raises for a missing or extra one.
import { typeError } from "./errors.ts";
import { hasKey, type Kwargs } from "./values.ts";

export const REQUIRED = Symbol("required");

/** Binds `args`/`kwargs` to `params` (name → default, or REQUIRED), in order. */
export function bind(name: string, params: Array<[string, unknown]>, args: unknown[], kwargs: Kwargs): unknown[] {
  if (args.length > params.length) {
    throw typeError(`${name}() takes at most ${params.length} argument${params.length === 1 ? "" : "s"} (${args.length} given)`);
  }
  const known = new Set(params.map(([param]) => param));
  for (const key of Object.keys(kwargs)) {
    if (!known.has(key)) throw typeError(`${name}() got an unexpected keyword argument '${key}'`);
  }
  return params.map(([param, fallback], index) => {
    if (index < args.length) {
      if (hasKey(kwargs, param)) throw typeError(`${name}() got multiple values for argument '${param}'`);
      return args[index];
    }
    if (hasKey(kwargs, param)) return kwargs[param];
    if (fallback === REQUIRED) throw typeError(`${name}() missing required argument: '${param}'`);
    return fallback;
  });
}
