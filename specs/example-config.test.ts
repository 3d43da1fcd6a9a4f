import { describe, expect, it } from "vitest";
import { exampleConfig } from "./example-config.ts";
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
});
