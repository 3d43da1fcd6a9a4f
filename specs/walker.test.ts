import { describe, expect, it } from "vitest";
import type { Definition, Question } from "./types.ts";
import { planQuestions, questionAt, choiceOps, impliedOps } from "./walker.ts";
import { setAt } from "./pointer.ts";
import { corpusDefinition, corpusPresent } from "./testing/corpus.ts";
import { builtinDefinitions } from "./builtins/index.ts";

function choose(definition: Definition, values: any, path: string, index: number): any {
  for (const op of choiceOps(definition, path, index, values)) values = setAt(values, op.path, op.value);
  return values;
}
const paths = (questions: Question[]) => questions.map((question) => question.path);

describe.skipIf(!corpusPresent)("walker on real Airbyte specs", () => {
  it("source-postgres: required in order, then secrets, then the rest; oneOf as one choice", () => {
    const definition = corpusDefinition("source-postgres");
    const questions = planQuestions(definition, {});
    expect(paths(questions).slice(0, 5)).toEqual(["/host", "/port", "/database", "/username", "/password"]);
    expect(questions.slice(0, 4).every((question) => question.required)).toBe(true);
    const password = questions[4];
    expect(password).toMatchObject({ secret: true, required: false, type: "string" });
    const port = questions[1];
    expect(port).toMatchObject({ type: "integer", default: 5432, example: "5432", group: "db" });
    const ssl = questions.find((question) => question.path === "/ssl_mode")!;
    expect(ssl.kind).toBe("choice");
    expect(ssl.discriminator).toBe("mode");
    expect(ssl.options!.map((option) => option.value)).toEqual(["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]);
    // Fields of an option stay hidden until it is chosen.
    expect(paths(questions)).not.toContain("/ssl_mode/ca_certificate");
    const schemas = questions.find((question) => question.path === "/schemas")!;
    expect(schemas).toMatchObject({ type: "array", itemType: "string", default: ["public"] });
  });

  it("source-postgres: choosing verify-ca sets the const and asks its certificate next", () => {
    const definition = corpusDefinition("source-postgres");
    let values: any = { host: "h", port: 5432, database: "d", username: "u" };
    values = choose(definition, values, "/ssl_mode", 4);
    expect(values.ssl_mode).toEqual({ mode: "verify-ca" });
    const questions = planQuestions(definition, values);
    expect(paths(questions)[0]).toBe("/ssl_mode/ca_certificate");
    expect(questions[0]).toMatchObject({ secret: true, required: true, multiline: true });
    expect(paths(questions)).not.toContain("/ssl_mode");
  });

  it("source-mysql: the required replication choice comes with the required fields", () => {
    const definition = corpusDefinition("source-mysql");
    const questions = planQuestions(definition, {});
    const required = questions.filter((question) => question.required);
    expect(paths(required)).toEqual(["/host", "/port", "/username", "/database", "/replication_method"]);
    expect(required[4]).toMatchObject({ kind: "choice", discriminator: "method" });
    // A one-value enum is a discriminator too.
    expect(required[4].options!.map((option) => option.value)).toEqual(["STANDARD", "CDC"]);
    expect(questions[5].path).toBe("/password");
  });

  it("source-github: the OAuth option, then its own fields; skipped paths are not asked again", () => {
    const definition = corpusDefinition("source-github");
    const first = planQuestions(definition, {});
    expect(first[0]).toMatchObject({ path: "/credentials", kind: "choice", required: true, discriminator: "option_title" });
    expect(first[0].options![0]).toMatchObject({ title: "OAuth", value: "OAuth Credentials" });
    const values = choose(definition, {}, "/credentials", 0);
    expect(values).toEqual({ credentials: { option_title: "OAuth Credentials" } });
    const next = planQuestions(definition, values);
    expect(next[0]).toMatchObject({ path: "/credentials/access_token", secret: true, required: true });
    expect(paths(next)).toContain("/credentials/client_secret");
    expect(paths(next)).not.toContain("/credentials/personal_access_token");
    const skipped = planQuestions(definition, values, { skipped: ["/credentials/client_id", "/start_date"] });
    expect(paths(skipped)).not.toContain("/credentials/client_id");
    expect(paths(skipped)).not.toContain("/start_date");
    // Switching option drops the old option's secret.
    const switched = choose(definition, setAt(values, "/credentials/access_token", "x"), "/credentials", 1);
    expect(switched.credentials).toEqual({ option_title: "PAT Credentials" });
  });

  it("source-hubspot: the credentials choice is first and answered once its const is present", () => {
    const definition = corpusDefinition("source-hubspot");
    const questions = planQuestions(definition, {});
    expect(questions[0]).toMatchObject({ path: "/credentials", kind: "choice", discriminator: "credentials_title" });
    const values = { credentials: { credentials_title: "Private App Credentials" } };
    const next = planQuestions(definition, values);
    expect(next[0]).toMatchObject({ path: "/credentials/access_token", secret: true, required: true });
  });

  it("destination-s3: a oneOf inside a chosen oneOf is its own choice", () => {
    const definition = corpusDefinition("destination-s3");
    let values = choose(definition, {}, "/format", 0);
    expect(values.format).toEqual({ format_type: "CSV" });
    const compression = planQuestions(definition, values).find((question) => question.path === "/format/compression");
    expect(compression).toMatchObject({ kind: "choice", discriminator: "compression_type", required: false });
    values = choose(definition, values, "/format/compression", 1);
    expect(values.format).toEqual({ format_type: "CSV", compression: { compression_type: "GZIP" } });
    expect(paths(planQuestions(definition, values))).not.toContain("/format/compression");
    expect(questionAt(definition, "/format/compression", values)?.kind).toBe("choice");
  });

  it("destination-dev-null: one required choice, and nested choices after it", () => {
    const definition = corpusDefinition("destination-dev-null");
    const questions = planQuestions(definition, {});
    expect(paths(questions)).toEqual(["/test_destination"]);
    const logging = questions[0].options!.findIndex((option) => option.value === "LOGGING");
    const values = choose(definition, {}, "/test_destination", logging);
    const next = planQuestions(definition, values);
    expect(next[0]).toMatchObject({ path: "/test_destination/logging_config", kind: "choice" });
  });
});

describe("walker rules", () => {
  const definition: Definition = {
    id: "x",
    name: "source-rules",
    kind: "source",
    displayName: "Rules",
    origin: "test",
    connectionSpecification: {
      type: "object",
      required: ["b_required", "a_required"],
      properties: {
        plain_optional: { type: "string", order: 0 },
        a_required: { type: "string", order: 2 },
        b_required: { type: "string", order: 1 },
        hidden: { type: "string", airbyte_hidden: true },
        fixed: { type: "string", const: "v1" },
        shown: { type: "string", always_show: true, order: 5 },
        api_key: { type: "string", order: 9 },
        with_default: { type: "integer", default: 7 },
        nested: {
          type: "object",
          required: ["inner"],
          properties: { inner: { type: "string" } },
        },
      },
    },
  };

  it("orders required, then secret/always_show, then the rest; hidden and consts never asked", () => {
    expect(paths(planQuestions(definition, {}))).toEqual([
      "/b_required",
      "/a_required",
      "/shown",
      "/api_key",
      "/plain_optional",
      "/with_default",
      "/nested/inner",
    ]);
  });

  it("treats a present value as answered, offers a default without writing it", () => {
    const questions = planQuestions(definition, { b_required: "x", nested: { inner: "y" } });
    expect(paths(questions)).not.toContain("/b_required");
    expect(paths(questions)).not.toContain("/nested/inner");
    expect(questions.find((question) => question.path === "/with_default")?.default).toBe(7);
  });

  it("requires a nested object's required field once the object is present", () => {
    const questions = planQuestions(definition, { nested: {} });
    expect(questions.find((question) => question.path === "/nested/inner")?.required).toBe(true);
  });

  it("impliedOps fills required consts", () => {
    const withRequiredConst = structuredClone(definition);
    withRequiredConst.connectionSpecification.required.push("fixed");
    expect(impliedOps(withRequiredConst, {})).toEqual([{ op: "set", path: "/fixed", value: "v1" }]);
    // Listed while missing (for callers that do not apply impliedOps), with its one value offered.
    const fixed = planQuestions(withRequiredConst, {}).find((question) => question.path === "/fixed");
    expect(fixed).toMatchObject({ required: true, enum: ["v1"], default: "v1" });
    expect(planQuestions(withRequiredConst, { fixed: "v1" }).map((question) => question.path)).not.toContain("/fixed");
  });

  it("questionAt answers for fields of an option not chosen yet", () => {
    const github = builtinDefinitions().find((candidate) => candidate.name === "source-taskboard")!;
    expect(questionAt(github, "/credentials/api_token", {})).toMatchObject({ secret: true, kind: "field" });
    expect(questionAt(github, "/nope", {})).toBeUndefined();
    expect(() => choiceOps(github, "/start_date", 0)).toThrow();
  });
});
