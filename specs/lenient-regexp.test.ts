import { describe, expect, it } from "vitest";
import { lenientRegExp, needsUnicodeRelax, tryRegExp } from "./lenient-regexp.ts";
import { ajv } from "./ajv.ts";

describe("lenient regular expressions", () => {
  it("drops the unicode flag only when it alone makes the pattern invalid", () => {
    expect(lenientRegExp("^a-b$").unicode).toBe(true);
    const relaxed = lenientRegExp("^a\\-b$");
    expect(relaxed.unicode).toBe(false);
    expect(relaxed.test("a-b")).toBe(true);
    expect(needsUnicodeRelax("^a\\-b$")).toBe(true);
    expect(needsUnicodeRelax("^[\\-_]+$")).toBe(false);
    expect(needsUnicodeRelax("(")).toBe(false);
    expect(tryRegExp("(")).toBeUndefined();
    expect(() => lenientRegExp("(")).toThrow();
  });

  it("lets the one Ajv instance compile, unrepaired, a pattern the unicode flag rejects", () => {
    const validate = ajv.compile({ type: "object", properties: { code: { type: "string", pattern: "^a\\-b$" } } });
    expect(validate({ code: "a-b" })).toBe(true);
    expect(validate({ code: "ab" })).toBe(false);
  });
});
