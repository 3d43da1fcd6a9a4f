import { describe, expect, it } from "vitest";
import { validateConfig, validatePaths, describeError } from "./validate.ts";
import { compileSpec } from "./ajv.ts";
import { questionAt } from "./walker.ts";
import { builtinDefinitions } from "./builtins/index.ts";
import { definitionFromObject } from "./definition-file.ts";
import { corpusDefinition, corpusPresent } from "./testing/corpus.ts";

const postgres = builtinDefinitions().find((definition) => definition.name === "source-postgres")!;

describe("validation", () => {
  it("reports { path, keyword, message } per field", () => {
    const errors = validateConfig(postgres, { host: "db", port: 70000, database: "d" });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: "/port", keyword: "maximum" }),
        expect.objectContaining({ path: "/username", keyword: "required" }),
      ]),
    );
    for (const error of errors) expect(typeof error.message).toBe("string");
    expect(validateConfig(postgres, { host: "db", port: 5432, database: "d", username: "u" })).toEqual([]);
  });

  it("keeps only the chosen oneOf option's complaints", () => {
    const config = { host: "db", port: 5432, database: "d", username: "u", ssl_mode: { mode: "verify-ca" } };
    expect(validateConfig(postgres, config)).toEqual([expect.objectContaining({ path: "/ssl_mode/ca_certificate", keyword: "required" })]);
    const unknown = validateConfig(postgres, { ...config, ssl_mode: { mode: "bogus" } });
    expect(unknown).toEqual([expect.objectContaining({ path: "/ssl_mode", keyword: "oneOf" })]);
  });

  it("filters by path", () => {
    const errors = validatePaths(postgres, { host: 1, port: "x", database: "d", username: "u" }, ["/port"]);
    expect(errors.map((error) => error.path)).toEqual(["/port"]);
  });

  it("describes errors in plain words without echoing values", () => {
    const canary = "canary-" + Math.random().toString(36).slice(2);
    const errors = validateConfig(postgres, { host: "db", port: canary, database: "d", username: "u" });
    const text = errors.map((error) => describeError(error, questionAt(postgres, error.path, {}))).join(" ");
    expect(text).toContain("Port must be a whole number.");
    expect(text).not.toContain(canary);
    expect(describeError({ path: "/username", keyword: "required", message: "x" })).toBe("Username is required.");
  });

  it("compiles each schema once", () => {
    const schema = postgres.connectionSpecification;
    expect(compileSpec(schema)).toBe(compileSpec(schema));
  });
});

describe("broken upstream specs load with a reported repair", () => {
  it("dedupes enum items and required entries, relaxes a pattern, accepts https draft-07", () => {
    const definition = definitionFromObject(
      {
        connectionSpecification: {
          $schema: "https://json-schema.org/draft-07/schema#",
          type: "object",
          required: ["a", "a"],
          properties: {
            a: { type: "string", enum: ["x", "y", "x"] },
            day: { type: "string", pattern: "^\\d{4}\\-\\d{2}$" },
          },
        },
      },
      "test",
      "source-broken.json",
    );
    expect(definition.repairs).toHaveLength(4);
    expect(definition.connectionSpecification.required).toEqual(["a"]);
    expect(definition.connectionSpecification.properties.a.enum).toEqual(["x", "y"]);
    expect(validateConfig(definition, { a: "x", day: "2024-01" })).toEqual([]);
    expect(validateConfig(definition, { a: "x", day: "24-1" })[0]).toMatchObject({ path: "/day", keyword: "pattern" });
  });

  it("compiles a spec straight from an upstream file that was never repaired", () => {
    const schema = { required: ["a", "a"], properties: { a: { type: "string" } } };
    const compiled = compileSpec(schema);
    expect(compiled.repairs.length).toBe(1);
    expect(compiled.validate({ a: "x" })).toBe(true);
  });

  it.skipIf(!corpusPresent)("the corpus's broken specs", () => {
    expect(corpusDefinition("source-hellobaton").repairs?.[0]).toMatch(/duplicate required/);
    const guardian = corpusDefinition("source-the-guardian-api");
    expect(guardian.repairs?.join(" ")).toMatch(/unicode flag/);
    expect(validateConfig(guardian, { api_key: "k", start_date: "2024-01-31" }).filter((error) => error.path === "/start_date")).toEqual([]);
  });
});

