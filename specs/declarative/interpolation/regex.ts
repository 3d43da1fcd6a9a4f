// Python `re` patterns run on JavaScript's RegExp: the syntax that differs is translated
// ((?P<name>...), (?P=name), \A, \Z) and compiled patterns are cached.
import { pyError } from "./errors.ts";

const compiled = new Map<string, RegExp>();

export function pythonRegExp(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (regex) return regex;
  let flags = "u";
  const source = pattern
    .replace(/^\(\?([aiLmsux]+)\)/, (_all, inline: string) => {
      if (inline.includes("i")) flags += "i";
      if (inline.includes("m")) flags += "m";
      if (inline.includes("s")) flags += "s";
      return "";
    })
    .replace(/\(\?P<(\w+)>/g, "(?<$1>")
    .replace(/\(\?P=(\w+)\)/g, "\\k<$1>")
    .replace(/\\A/g, "^")
    .replace(/\\Z/g, "$");
  try {
    regex = new RegExp(source, flags);
  } catch {
    try {
      regex = new RegExp(source, flags.replace("u", ""));
    } catch (error) {
      throw pyError("error", `bad regular expression: ${(error as Error).message}`);
    }
  }
  if (compiled.size > 500) compiled.clear();
  compiled.set(pattern, regex);
  return regex;
}
