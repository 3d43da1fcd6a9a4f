// Makes up a string that matches a regular expression, for the example filler. Handles what
// connector specs use (anchors, classes, groups with alternation, quantifiers); the caller
// tests the result and falls back when a pattern is beyond it.

interface Cursor {
  pattern: string;
  index: number;
}

const ESCAPES: Record<string, string> = { d: "1", w: "a", s: " ", D: "a", W: "-", S: "a", n: "\n", t: "\t", b: "", B: "" };

function readClass(cursor: Cursor): string {
  // Called just after "[".
  const { pattern } = cursor;
  let negated = false;
  if (pattern[cursor.index] === "^") {
    negated = true;
    cursor.index++;
  }
  const members: string[] = [];
  let first = true;
  while (cursor.index < pattern.length && (pattern[cursor.index] !== "]" || first)) {
    first = false;
    let char = pattern[cursor.index++];
    if (char === "\\") {
      const escaped = pattern[cursor.index++];
      char = escaped in ESCAPES ? ESCAPES[escaped] || "a" : escaped;
    }
    if (pattern[cursor.index] === "-" && pattern[cursor.index + 1] !== "]" && cursor.index + 1 < pattern.length) {
      cursor.index++;
      let end = pattern[cursor.index++];
      if (end === "\\") end = pattern[cursor.index++];
      // A range that holds "1" yields "1": "1111-11-11T11:11:11" is a valid date, "0000-00-00" is not.
      members.push(char <= "1" && "1" <= end ? "1" : char <= end ? char : end);
      continue;
    }
    members.push(char);
  }
  cursor.index++;
  if (!negated) return members.includes("1") ? "1" : members[0] ?? "a";
  return ["a", "x", "1", "_", "Z"].find((candidate) => !members.includes(candidate)) ?? "~";
}

function readQuantifier(cursor: Cursor): number {
  const { pattern } = cursor;
  const char = pattern[cursor.index];
  let count = 1;
  if (char === "?" || char === "*") {
    cursor.index++;
    count = 0;
  } else if (char === "+") {
    cursor.index++;
    count = 1;
  } else if (char === "{") {
    const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(cursor.index));
    if (match) {
      cursor.index += match[0].length;
      count = Number(match[1]);
    }
  }
  if (pattern[cursor.index] === "?" || pattern[cursor.index] === "+") cursor.index++;
  return count;
}

function readSequence(cursor: Cursor): string {
  const { pattern } = cursor;
  let out = "";
  while (cursor.index < pattern.length) {
    const char = pattern[cursor.index];
    if (char === "|" || char === ")") break;
    cursor.index++;
    let atom: string;
    if (char === "^" || char === "$") continue;
    if (char === "(") {
      const look = /^\?(<[=!]|[=!:])/.exec(pattern.slice(cursor.index));
      if (look) {
        const lookahead = look[1] !== ":";
        cursor.index += look[0].length;
        const inner = readAlternation(cursor);
        cursor.index++;
        atom = lookahead ? "" : inner;
      } else {
        if (pattern.startsWith("?<", cursor.index)) cursor.index = pattern.indexOf(">", cursor.index) + 1;
        atom = readAlternation(cursor);
        cursor.index++;
      }
    } else if (char === "[") atom = readClass(cursor);
    else if (char === "\\") {
      const escaped = pattern[cursor.index++];
      atom = escaped in ESCAPES ? ESCAPES[escaped] : escaped;
    } else if (char === ".") atom = ".";
    else atom = char;
    out += atom.repeat(readQuantifier(cursor));
  }
  return out;
}

function readAlternation(cursor: Cursor): string {
  const options = [readSequence(cursor)];
  while (cursor.pattern[cursor.index] === "|") {
    cursor.index++;
    options.push(readSequence(cursor));
  }
  // An empty first option ("(|x)") would often leave a required part out; prefer a filled one.
  return options.find((option) => option.length > 0) ?? "";
}

/** A string meant to match `pattern`; undefined when the attempt does not match. */
export function sampleForPattern(pattern: string): string | undefined {
  try {
    const regex = new RegExp(pattern);
    const sample = readAlternation({ pattern, index: 0 });
    return regex.test(sample) ? sample : undefined;
  } catch {
    return undefined;
  }
}
