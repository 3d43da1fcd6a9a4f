// JSON Schema patterns are compiled with the unicode flag (Ajv sets it), but upstream specs carry
// patterns like `[\-_]` that the flag rejects. Rather than refuse such a spec, the pattern is
// compiled without the flag. One routine, so Ajv, the repair report and the example filler agree
// on what a pattern means.

/** `new RegExp(pattern, flags)`, retried without "u" when only the unicode flag makes it invalid. */
export function lenientRegExp(pattern: string, flags = "u"): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch (error) {
    if (!flags.includes("u")) throw error;
    return new RegExp(pattern, flags.replace("u", ""));
  }
}

/** The pattern compiled leniently, or undefined when it is no regular expression even without the flag. */
export function tryRegExp(pattern: string, flags = "u"): RegExp | undefined {
  try {
    return lenientRegExp(pattern, flags);
  } catch {
    return undefined;
  }
}

/** True when the pattern compiles only once the unicode flag is dropped (a fault worth reporting). */
export function needsUnicodeRelax(pattern: string): boolean {
  const regex = tryRegExp(pattern, "u");
  return regex !== undefined && !regex.unicode;
}
