import { describe, expect, it } from "vitest";
import { exampleConfig, exampleConfigResult } from "./example-config.ts";
import { FORMAT_SAMPLES } from "./example-candidates.ts";
import { ajv } from "./ajv.ts";
import { validateConfig } from "./validate.ts";
import { planQuestions } from "./walker.ts";
import { builtinDefinitions } from "./builtins/index.ts";
import { sampleForPattern } from "./regex-sample.ts";
import { corpusDefinition, corpusPresent } from "./testing/corpus.ts";
import type { Definition } from "./types.ts";

describe("example filler", () => {
  it.each(builtinDefinitions().map((definition) => [definition.name, definition] as const))("%s: valid, and leaves no required question", (_name, definition) => {
    const config = exampleConfig(definition);
    expect(validateConfig(definition, config)).toEqual([]);
    expect(planQuestions(definition, config).filter((question) => question.required)).toEqual([]);
  });

  it("uses examples, defaults, enums, consts, formats and patterns", () => {
    const definition: Definition = {
      id: "x",
      name: "source-fill",
      kind: "source",
      displayName: "Fill",
      origin: "test",
      connectionSpecification: {
        type: "object",
        required: ["port", "mode", "kind", "day", "code", "mail", "list", "choice"],
        properties: {
          port: { type: "integer", examples: ["5432"] },
          mode: { type: "string", enum: ["a", "b"] },
          kind: { type: "string", const: "fixed" },
          day: { type: "string", format: "date", pattern: "^\\d{4}-\\d{2}-\\d{2}$" },
          code: { type: "string", pattern: "^[A-Z]{3}-[0-9]{2}$" },
          mail: { type: "string", format: "email" },
          list: { type: "array", items: { type: "string" }, minItems: 2 },
          choice: {
            type: "object",
            oneOf: [
              { required: ["t", "x"], properties: { t: { const: "one" }, x: { type: "string", pattern: "^never$", minLength: 100 } } },
              { required: ["t"], properties: { t: { const: "two" } } },
            ],
          },
        },
      },
    };
    const config = exampleConfig(definition);
    expect(validateConfig(definition, config)).toEqual([]);
    expect(config).toMatchObject({ port: 5432, mode: "a", kind: "fixed", day: "2024-01-01", mail: "user@example.com", choice: { t: "two" } });
    expect(config.code).toMatch(/^[A-Z]{3}-[0-9]{2}$/);
    expect((config.list as string[]).length).toBe(2);
  });

  it("samples regular expressions", () => {
    for (const pattern of ["^[a-z0-9_\\-]+$", "^(https?://)?[^/]+(/.*)?$", "^\\d{4}-\\d{2}(-\\d{2})?$", "^(?:foo|bar){2}$", "^[\\w.-]+/(\\*|[\\w.-]+(?<!\\.git))$"]) {
      const sample = sampleForPattern(pattern);
      expect(sample, pattern).toBeDefined();
      expect(new RegExp(pattern).test(sample!)).toBe(true);
    }
  });

  it.skipIf(!corpusPresent)("fills real specs with nested oneOfs", () => {
    for (const name of ["destination-s3", "source-github", "source-hubspot", "source-postgres", "source-google-analytics-data-api"]) {
      const definition = corpusDefinition(name);
      expect(validateConfig(definition, exampleConfig(definition)), name).toEqual([]);
    }
  });

  describe("keywords small hand-made specs use", () => {
    const spec = (properties: Record<string, unknown>): Definition => ({
      id: "x",
      name: "source-keywords",
      kind: "source",
      displayName: "Keywords",
      origin: "test",
      connectionSpecification: { type: "object", required: Object.keys(properties), properties },
    });
    const valid = (properties: Record<string, unknown>) => {
      const definition = spec(properties);
      const result = exampleConfigResult(definition);
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
      expect(validateConfig(definition, result.config)).toEqual([]);
      return result.config;
    };

    it("multipleOf, integer and fractional, within bounds", () => {
      expect(valid({ n: { type: "integer", multipleOf: 7, minimum: 10 } }).n).toBe(14);
      expect(valid({ n: { type: "number", multipleOf: 0.25, minimum: 0.3, maximum: 0.6 } }).n).toBe(0.5);
      // 0.1 · k is inexact for most k; Ajv's whole-quotient rule must still hold.
      expect(valid({ n: { type: "number", multipleOf: 0.1, exclusiveMinimum: 0.25 } }).n).toBeGreaterThan(0.25);
    });

    it("uniqueItems with minItems 2 over enum items", () => {
      expect(valid({ list: { type: "array", uniqueItems: true, minItems: 2, items: { type: "string", enum: ["a", "b", "c"] } } }).list).toEqual(["a", "b"]);
      expect(valid({ list: { type: "array", uniqueItems: true, minItems: 3, items: { type: "integer", default: 1 } } }).list).toHaveLength(3);
    });

    it("anyOf, of scalars and of an object or null", () => {
      expect(valid({ when: { anyOf: [{ type: "integer", minimum: 5 }, { type: "string", format: "date" }] } }).when).toBe(5);
      expect(valid({ limit: { anyOf: [{ type: "string", pattern: "^never$", minLength: 9 }, { type: "integer", maximum: 3 }] } }).limit).toBe(3);
      expect(valid({ nested: { anyOf: [{ type: "object", required: ["x"], properties: { x: { type: "integer" } } }, { type: "null" }] } }).nested).toEqual({ x: 1 });
    });

    it("not", () => {
      const config = valid({ name: { type: "string", not: { pattern: "^example" } }, mode: { type: "string", enum: ["a", "b"], not: { const: "a" } } });
      expect(config).toMatchObject({ mode: "b" });
    });

    it("allOf parts are merged", () => {
      expect(valid({ port: { allOf: [{ type: "integer" }, { minimum: 1000, maximum: 2000 }] } }).port).toBe(1000);
    });

    it("every format the Ajv instance checks has a sample it accepts", () => {
      const formats = Object.keys((ajv as unknown as { formats: Record<string, unknown> }).formats);
      expect(formats.length).toBeGreaterThan(10);
      const strings = formats.filter((format) => !["int32", "int64", "float", "double", "password", "binary"].includes(format));
      for (const format of strings) {
        expect(FORMAT_SAMPLES[format], format).toBeDefined();
        const config = valid({ value: { type: "string", format } });
        expect(FORMAT_SAMPLES[format], format).toContain(config.value);
      }
    });

    it("says so when no valid config was found, and exampleConfig still returns the last attempt", () => {
      const definition = spec({ code: { type: "string", pattern: "^a$", minLength: 3 } });
      const result = exampleConfigResult(definition);
      expect(result.valid).toBe(false);
      expect(result.errors).toEqual([expect.objectContaining({ path: "/code" })]);
      expect(exampleConfig(definition)).toEqual(result.config);
    });
  });
});
