import { describe, expect, it } from "vitest";
import { getAt, setAt, unsetAt, parsePointer, toPointer, hasAt } from "./pointer.ts";

describe("JSON pointers", () => {
  it("round-trips segments with ~ and /", () => {
    const segments = ["a/b", "c~d", "0"];
    expect(toPointer(segments)).toBe("/a~1b/c~0d/0");
    expect(parsePointer(toPointer(segments))).toEqual(segments);
    expect(parsePointer("")).toEqual([]);
    expect(() => parsePointer("no-slash")).toThrow();
  });

  it("reads nested objects and arrays", () => {
    const config = { credentials: { auth_type: "x" }, schemas: ["public", "sales"] };
    expect(getAt(config, "/credentials/auth_type")).toBe("x");
    expect(getAt(config, "/schemas/1")).toBe("sales");
    expect(getAt(config, "/missing/deep")).toBeUndefined();
    expect(getAt(config, "")).toBe(config);
    expect(hasAt({ a: undefined }, "/a")).toBe(true);
    expect(hasAt({}, "/a")).toBe(false);
  });

  it("sets without mutating and creates containers", () => {
    const config = { host: "a", nested: { keep: 1 } };
    const next = setAt(config, "/nested/port", 5432);
    expect(next).toEqual({ host: "a", nested: { keep: 1, port: 5432 } });
    expect(config.nested).toEqual({ keep: 1 });
    expect(setAt({}, "/list/0", "x")).toEqual({ list: ["x"] });
    expect(setAt({ list: ["a"] }, "/list/-", "b")).toEqual({ list: ["a", "b"] });
  });

  it("unsets without mutating", () => {
    const config = { a: { b: 1, c: 2 }, list: [1, 2, 3] };
    expect(unsetAt(config, "/a/b")).toEqual({ a: { c: 2 }, list: [1, 2, 3] });
    expect(unsetAt(config, "/list/1")).toEqual({ a: { b: 1, c: 2 }, list: [1, 3] });
    expect(unsetAt(config, "/nope/x")).toEqual(config);
    expect(config.a).toEqual({ b: 1, c: 2 });
  });
});
