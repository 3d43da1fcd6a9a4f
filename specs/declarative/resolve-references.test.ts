import { describe, expect, it } from "vitest";
import { ManifestReferenceError, resolveReferences } from "./resolve-references.ts";

describe("resolveReferences (Airbyte's ManifestReferenceResolver)", () => {
  it("splats a $ref object under the node's own keys, which win", () => {
    const manifest = { definitions: { requester: { url_base: "https://a", http_method: "GET" } }, stream: { $ref: "#/definitions/requester", http_method: "POST" } };
    expect(resolveReferences(manifest).stream).toEqual({ url_base: "https://a", http_method: "POST" });
  });

  it("replaces a string reference, nested references included, and leaves the input alone", () => {
    const manifest = { definitions: { base: "https://api.example.com", requester: { url_base: "#/definitions/base" } }, streams: [{ requester: "#/definitions/requester" }] };
    const before = structuredClone(manifest);
    const resolved = resolveReferences(manifest);
    expect(resolved.streams[0].requester).toEqual({ url_base: "https://api.example.com" });
    expect(manifest).toEqual(before);
    // Each use is its own copy: changing one does not change the other.
    expect(resolved.streams[0].requester).not.toBe(resolved.definitions.requester);
  });

  it("reads a key holding a slash before walking segments, and list indexes", () => {
    const manifest = { nested: { path: "first" }, "nested/path": "whole key", list: [{ a: 1 }, { a: 2 }], x: "#/nested/path", y: "#/list/1/a" };
    const resolved = resolveReferences(manifest);
    expect(resolved.x).toBe("whole key");
    expect(resolved.y).toBe(2);
  });

  it("fails on a reference to nothing and on a cycle, naming the reference", () => {
    expect(() => resolveReferences({ a: "#/definitions/missing" })).toThrow(ManifestReferenceError);
    expect(() => resolveReferences({ a: "#/definitions/missing" })).toThrow(/#\/definitions\/missing/);
    expect(() => resolveReferences({ a: "#/b", b: "#/a" })).toThrow(/refers back to itself/);
  });

  it("returns a non-object $ref target as the node's value", () => {
    expect(resolveReferences({ n: 5, x: { $ref: "#/n", ignored: true } }).x).toBe(5);
  });
});
