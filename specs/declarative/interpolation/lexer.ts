// Jinja's lexer with the default delimiters: text outside tags, `{{ }}` and `{% %}` tags with
// their tokens (a tag's end counts only outside brackets, so `{{ {'a': {'b': 1}} }}` works),
// `{# #}` comments, `{% raw %}`, and the `-` whitespace control. Newlines are normalized and the
// template loses one trailing newline, as Jinja does with keep_trailing_newline=False.
import { syntaxError } from "./errors.ts";

export type TokenType =
  | "data" | "variable_begin" | "variable_end" | "block_begin" | "block_end"
  | "name" | "string" | "integer" | "float" | "operator" | "eof";

export interface Token {
  type: TokenType;
  value: string;
  /** The parsed number of an integer/float token. */
  number?: number;
}

const OPERATORS = ["//", "**", "==", "!=", "<=", ">=", "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", "<", ">", "=", ".", ":", "|", ",", ";"];
const CLOSING: Record<string, string> = { "(": ")", "[": "]", "{": "}" };
const LINE_BREAKS = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/g;

export function normalizeNewlines(text: string): string {
  return text.replace(LINE_BREAKS, "\n");
}

const SIMPLE_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", v: "\v", "\n": "" };

/** Python's unicode-escape decoding of a string literal's body. */
export function decodeEscapes(body: string): string {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|N\{[^}]*\}|[\s\S])/g, (whole, escape: string) => {
    const head = escape[0];
    if (head === "x" || head === "u" || head === "U") return String.fromCodePoint(parseInt(escape.slice(1), 16));
    if (/[0-7]/.test(head)) return String.fromCodePoint(parseInt(escape, 8));
    if (head === "N") throw syntaxError(`named unicode escapes are not supported: ${whole}`);
    return SIMPLE_ESCAPES[escape] ?? whole;
  });
}

const NUMBER = /(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:\d+(?:_\d+)*)(?:\.\d+(?:_\d+)*)?(?:[eE][+-]?\d+(?:_\d+)*)?)/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const STRING = /(?:'([^'\\]*(?:\\[\s\S][^'\\]*)*)'|"([^"\\]*(?:\\[\s\S][^"\\]*)*)")/y;

/** A sticky regex matched at `position`, without slicing the text. */
function matchAt(pattern: RegExp, text: string, position: number): RegExpExecArray | null {
  pattern.lastIndex = position;
  return pattern.exec(text);
}

function numberToken(text: string): Token {
  const clean = text.replace(/_/g, "");
  if (/^0[xXoObB]/.test(clean)) {
    const base = { x: 16, o: 8, b: 2 }[clean[1].toLowerCase() as "x" | "o" | "b"];
    return { type: "integer", value: text, number: parseInt(clean.slice(2), base) };
  }
  const isFloat = /[.eE]/.test(clean);
  return { type: isFloat ? "float" : "integer", value: text, number: Number(clean) };
}

export function tokenize(source: string): Token[] {
  let text = normalizeNewlines(source);
  if (text.endsWith("\n")) text = text.slice(0, -1);
  const tokens: Token[] = [];
  let position = 0;
  let stripNext = false;
  const pushData = (data: string) => {
    if (stripNext) data = data.replace(/^\s+/, "");
    stripNext = false;
    if (data) tokens.push({ type: "data", value: data });
  };
  while (position < text.length) {
    const open = /\{[{%#]/g;
    open.lastIndex = position;
    const found = open.exec(text);
    if (!found) {
      pushData(text.slice(position));
      break;
    }
    let data = text.slice(position, found.index);
    const kind = found[0][1];
    let cursor = found.index + 2;
    const stripBefore = text[cursor] === "-";
    if (stripBefore || text[cursor] === "+") cursor++;
    if (stripBefore) data = data.replace(/\s+$/, "");
    pushData(data);
    if (kind === "#") {
      const end = text.indexOf("#}", cursor);
      if (end < 0) throw syntaxError("Missing end of comment tag");
      stripNext = text[end - 1] === "-";
      position = end + 2;
      continue;
    }
    const rawMatch = kind === "%" ? /^\s*raw\s*(-?)%\}/.exec(text.slice(cursor)) : null;
    if (rawMatch) {
      const bodyStart = cursor + rawMatch[0].length;
      const endRaw = /\{%(-?)\s*endraw\s*(-?)%\}/g;
      endRaw.lastIndex = bodyStart;
      const close = endRaw.exec(text);
      if (!close) throw syntaxError("Missing end of raw directive");
      let body = text.slice(bodyStart, close.index);
      if (rawMatch[1]) body = body.replace(/^\s+/, "");
      if (close[1]) body = body.replace(/\s+$/, "");
      if (body) tokens.push({ type: "data", value: body });
      stripNext = close[2] === "-";
      position = close.index + close[0].length;
      continue;
    }
    tokens.push({ type: kind === "{" ? "variable_begin" : "block_begin", value: found[0] });
    const end = kind === "{" ? "}}" : "%}";
    const stack: string[] = [];
    for (;;) {
      while (cursor < text.length && /\s/.test(text[cursor])) cursor++;
      if (cursor >= text.length) throw syntaxError(`unexpected end of template, expected '${end}'`);
      const rest = text.slice(cursor, cursor + 3);
      if (stack.length === 0 && (rest.startsWith(end) || rest === `-${end}`)) {
        stripNext = rest[0] === "-";
        cursor += stripNext ? 3 : 2;
        tokens.push({ type: kind === "{" ? "variable_end" : "block_end", value: end });
        break;
      }
      const name = matchAt(NAME, text, cursor);
      if (name) {
        tokens.push({ type: "name", value: name[0] });
        cursor += name[0].length;
        continue;
      }
      const string = matchAt(STRING, text, cursor);
      if (string) {
        const body = string[1] ?? string[2];
        tokens.push({ type: "string", value: body.includes("\\") ? decodeEscapes(body) : body });
        cursor += string[0].length;
        continue;
      }
      const number = /\d/.test(text[cursor]) ? matchAt(NUMBER, text, cursor) : null;
      if (number) {
        tokens.push(numberToken(number[0]));
        cursor += number[0].length;
        continue;
      }
      const operator = OPERATORS.find((candidate) => text.startsWith(candidate, cursor));
      if (!operator) throw syntaxError(`unexpected char '${text[cursor]}'`);
      if (CLOSING[operator]) stack.push(CLOSING[operator]);
      else if (operator === ")" || operator === "]" || operator === "}") {
        if (stack.pop() !== operator) throw syntaxError(`unexpected '${operator}'`);
      }
      tokens.push({ type: "operator", value: operator });
      cursor += operator.length;
    }
    position = cursor;
  }
  tokens.push({ type: "eof", value: "" });
  return tokens;
}
