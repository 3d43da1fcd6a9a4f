// Python's ast.literal_eval, which the CDK applies to every rendered template: "5" → 5,
// "1.0" → 1.0 (a float), "[1, 2]" → a list, "'x'" → x, "True" → true, "None" → null, "a, b" stays
// text. Grammar: numbers (signed), strings (prefixes, triple quotes, escapes, implicit
// concatenation), True/False/None, tuples (bare or parenthesized), lists, dicts, sets, set().
// Returns NOT_LITERAL where Python raises (or returns a complex or bytes, which the CDK keeps as
// text).
import { decodeEscapes } from "./lexer.ts";
import { isTuple, makeFloat, pyCompare, pyEquals, setKey, tuple } from "./values.ts";

export const NOT_LITERAL = Symbol("not a literal");
// Thrown to unwind the parser: a plain object, since building an Error's stack on every
// non-literal render (most URLs and paths) costs more than the parse.
const FAIL = { notLiteral: true };
const fail = (): never => {
  throw FAIL;
};
/** What a Python literal can start with (after spaces, tabs and blank lines). */
const LITERAL_START = /^[\s]*(?:#|[0-9.'"([{+\-]|[rRuUbBfF]{1,2}['"]|True\b|False\b|None\b|set\b)/;

type Token = { kind: "number" | "string" | "name" | "op"; value: unknown; text: string };

const NUMBER = /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:(?:\d(?:_?\d)*)?\.\d(?:_?\d)*|\d(?:_?\d)*\.?)(?:[eE][+-]?\d(?:_?\d)*)?[jJ]?)/;
const STRING_START = /^([rRuUbBfF]{0,2})('''|"""|'|")/;

function numberValue(text: string): unknown {
  if (/[jJ]$/.test(text)) fail();
  const clean = text.replace(/_/g, "");
  if (/^0[xXoObB]/.test(clean)) return parseInt(clean.slice(2), { x: 16, o: 8, b: 2 }[clean[1].toLowerCase() as "x" | "o" | "b"]);
  if (/[.eE]/.test(clean)) return makeFloat(Number(clean));
  if (/^0+[1-9]/.test(clean)) fail();
  return Number(clean);
}

function readString(text: string, start: number, prefix: string, quote: string): [string, number] {
  const raw = /r/i.test(prefix);
  let index = start;
  let body = "";
  for (;;) {
    if (index >= text.length) fail();
    if (text.startsWith(quote, index)) return [raw ? body : decodeEscapes(body), index + quote.length];
    const char = text[index];
    if (char === "\\") {
      body += text.slice(index, index + 2);
      index += 2;
      continue;
    }
    if ((char === "\n" || char === "\r") && quote.length === 1) fail();
    body += char;
    index++;
  }
}

function tokenize(source: string): Token[] {
  let text = source.replace(/^[ \t]+/, "");
  // Blank and comment-only lines may precede the expression; its own line must not be indented.
  text = text.replace(/^(?:[ \t\f]*(?:#[^\r\n]*)?(?:\r\n|\n|\r))*/, "");
  if (/^[ \t]/.test(text)) fail();
  const tokens: Token[] = [];
  let depth = 0;
  let index = 0;
  while (index < text.length) {
    const char = text[index];
    if (char === " " || char === "\t" || char === "\f") { index++; continue; }
    if (char === "#") { while (index < text.length && text[index] !== "\n" && text[index] !== "\r") index++; continue; }
    if (char === "\\" && /^\\(\r\n|\n|\r)/.test(text.slice(index))) { index += text[index + 1] === "\r" && text[index + 2] === "\n" ? 3 : 2; continue; }
    if (char === "\n" || char === "\r") {
      if (depth > 0) { index++; continue; }
      // The logical line ends: only blank lines and comments may follow.
      if (!/^(?:\s|#[^\r\n]*)*$/.test(text.slice(index))) fail();
      break;
    }
    const rest = text.slice(index);
    const stringStart = STRING_START.exec(rest);
    if (stringStart && (stringStart[1] === "" || /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/.test(stringStart[1]))) {
      if (/[bBfF]/.test(stringStart[1])) fail();
      const [value, end] = readString(text, index + stringStart[0].length, stringStart[1], stringStart[2]);
      tokens.push({ kind: "string", value, text: text.slice(index, end) });
      index = end;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (name) { tokens.push({ kind: "name", value: name[0], text: name[0] }); index += name[0].length; continue; }
    const number = /^[0-9.]/.test(char) ? NUMBER.exec(rest) : null;
    if (number && number[0] !== ".") {
      if (/^[A-Za-z0-9_]/.test(rest.slice(number[0].length))) fail();
      tokens.push({ kind: "number", value: numberValue(number[0]), text: number[0] });
      index += number[0].length;
      continue;
    }
    if ("([{".includes(char)) depth++;
    if (")]}".includes(char)) depth--;
    if (!"()[]{},:+-".includes(char)) fail();
    tokens.push({ kind: "op", value: char, text: char });
    index++;
  }
  return tokens;
}

class LiteralParser {
  private index = 0;
  constructor(private readonly tokens: Token[]) {}
  private peek(value?: string): boolean {
    const token = this.tokens[this.index];
    return token !== undefined && (value === undefined || (token.kind === "op" && token.value === value));
  }
  private take(value: string): boolean {
    if (!this.peek(value)) return false;
    this.index++;
    return true;
  }
  parse(): unknown {
    const value = this.parseTupleOrValue(() => this.index >= this.tokens.length);
    if (this.index < this.tokens.length) fail();
    return value;
  }
  /** `a` or `a, b, ...` up to a closing token. */
  private parseTupleOrValue(atEnd: () => boolean): unknown {
    const first = this.parseValue();
    if (!this.peek(",")) return first;
    const items = [first];
    while (this.take(",")) {
      if (atEnd()) break;
      items.push(this.parseValue());
    }
    return tuple(items);
  }
  private parseSequence(close: string): unknown[] {
    const items: unknown[] = [];
    while (!this.take(close)) {
      if (items.length && !this.take(",")) fail();
      if (this.take(close)) break;
      items.push(this.parseValue());
    }
    return items;
  }
  private parseValue(): unknown {
    const token = this.tokens[this.index++] ?? fail();
    if (token.kind === "op" && (token.value === "-" || token.value === "+")) {
      const operand = this.tokens[this.index++];
      if (!operand || operand.kind !== "number") fail();
      const value = operand.value;
      if (token.value === "+") return value;
      return typeof value === "number" ? -value : makeFloat(-(value as { value: number }).value);
    }
    if (token.kind === "number") return token.value;
    if (token.kind === "string") {
      let text = token.value as string;
      while (this.tokens[this.index]?.kind === "string") text += this.tokens[this.index++].value as string;
      return text;
    }
    if (token.kind === "name") {
      if (token.value === "True") return true;
      if (token.value === "False") return false;
      if (token.value === "None") return null;
      if (token.value === "set" && this.take("(") && this.take(")")) return [];
      return fail();
    }
    if (token.value === "(") {
      if (this.take(")")) return tuple([]);
      const value = this.parseTupleOrValue(() => this.peek(")"));
      if (!this.take(")")) fail();
      return value;
    }
    if (token.value === "[") return this.parseSequence("]");
    if (token.value === "{") return this.parseBraces();
    return fail();
  }
  private parseBraces(): unknown {
    if (this.take("}")) return {};
    const firstKey = this.parseValue();
    if (this.take(":")) {
      const dict: Record<string, unknown> = {};
      const add = (key: unknown) => {
        if (Array.isArray(key) && !isTuple(key)) fail();
        if (key !== null && typeof key === "object" && !Array.isArray(key)) fail();
        setKey(dict, typeof key === "string" ? key : String(key), this.parseValue());
      };
      add(firstKey);
      while (this.take(",")) {
        if (this.take("}")) return dict;
        const key = this.parseValue();
        if (!this.take(":")) fail();
        add(key);
      }
      if (!this.take("}")) fail();
      return dict;
    }
    // A set: the CDK's corpus records sets as sorted lists.
    const items = [firstKey];
    while (this.take(",")) {
      if (this.peek("}")) break;
      items.push(this.parseValue());
    }
    if (!this.take("}")) fail();
    const unique = items.filter((item, index) => items.findIndex((other) => pyEquals(other, item)) === index);
    return unique.sort((a, b) => (pyCompare(a, b, "<") ? -1 : 1));
  }
}

export function literalEval(text: string): unknown {
  if (!LITERAL_START.test(text)) return NOT_LITERAL;
  try {
    const tokens = tokenize(text);
    if (tokens.length === 0) return NOT_LITERAL;
    return new LiteralParser(tokens).parse();
  } catch (error) {
    if (error === FAIL || (error instanceof Error && error.name === "InterpolationError")) return NOT_LITERAL;
    throw error;
  }
}
