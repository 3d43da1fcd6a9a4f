import { describe, expect, it } from "vitest";
import { literalEval, NOT_LITERAL } from "./literal-eval.ts";
import { isTuple, PyFloat } from "./values.ts";

describe("literalEval (Python's ast.literal_eval)", () => {
  it("reads numbers, keeping floats apart from ints", () => {
    expect(literalEval("5")).toBe(5);
    expect(literalEval(" -5 \n")).toBe(-5);
    expect(literalEval("1_000")).toBe(1000);
    expect(literalEval("0x1f")).toBe(31);
    expect(literalEval("1.0")).toEqual(new PyFloat(1));
    expect(literalEval(".5")).toBe(0.5);
    for (const text of ["01", "1__0", "2024-01-01", "--5", "1+2j", "1j", "5 6", "\n 5"]) expect(literalEval(text), text).toBe(NOT_LITERAL);
  });

  it("reads strings with prefixes, escapes, triple quotes and implicit concatenation", () => {
    expect(literalEval("'a' \"b\"")).toBe("ab");
    expect(literalEval("'\\u00e9\\n'")).toBe("é\n");
    expect(literalEval("r'\\d'")).toBe("\\d");
    expect(literalEval('"""x"""')).toBe("x");
    expect(literalEval("b'x'")).toBe(NOT_LITERAL);
    expect(literalEval("f'x'")).toBe(NOT_LITERAL);
    expect(literalEval("'unterminated")).toBe(NOT_LITERAL);
  });

  it("reads containers, constants, comments, and bare tuples", () => {
    expect(literalEval("[1, # one\n 'a', None, True,]")).toEqual([1, "a", null, true]);
    expect(literalEval("{'a': {'b': [1]}}")).toEqual({ a: { b: [1] } });
    const pair = literalEval("1, 2");
    expect(isTuple(pair)).toBe(true);
    expect([...(pair as unknown[])]).toEqual([1, 2]);
    expect(literalEval("(1)")).toBe(1);
    expect(literalEval("{2, 1, 2}")).toEqual([1, 2]);
    expect(literalEval("set()")).toEqual([]);
    expect(literalEval("")).toBe(NOT_LITERAL);
    expect(literalEval("a, b")).toBe(NOT_LITERAL);
    expect(literalEval("[1][0]")).toBe(NOT_LITERAL);
  });
});
