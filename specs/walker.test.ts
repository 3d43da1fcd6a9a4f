import { describe, expect, it } from "vitest";
import type { Definition, Question } from "./types.ts";
import { planQuestions, questionAt } from "./walker.ts";
import { choiceOps, impliedOps } from "./config-ops.ts";
import { setAt } from "./pointer.ts";
import { validateConfig } from "./validate.ts";
import { specGroups } from "./spec-groups.ts";
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

  it("source-s3: no streams yet walks the first stream's fields; an existing item is walked per index", () => {
    const definition = corpusDefinition("source-s3");
    const empty = planQuestions(definition, { bucket: "b" });
    expect(paths(empty)).not.toContain("/streams");
    expect(paths(empty.filter((question) => question.required)).filter((path) => path.startsWith("/streams/"))).toEqual(["/streams/0/name", "/streams/0/format"]);
    expect(empty.find((question) => question.path === "/streams/0/name")).toMatchObject({ title: "Streams #1: Name", required: true });
    // Answering the first item's name makes the list.
    expect(paths(planQuestions(definition, setAt({ bucket: "b" }, "/streams/0/name", "orders")).filter((question) => question.required))).toEqual(["/streams/0/format"]);

    const values = { bucket: "b", streams: [{}, { name: "second" }] };
    const questions = planQuestions(definition, values);
    const required = questions.filter((question) => question.required);
    // The walker asks exactly what the validator misses.
    const missing = validateConfig(definition, values).map((error) => error.path);
    expect(paths(required).sort()).toEqual([...new Set(missing)].sort());
    expect(paths(required)).toEqual(["/streams/0/name", "/streams/0/format", "/streams/1/format"]);
    expect(required[0]).toMatchObject({ title: "Streams #1: Name", type: "string", kind: "field" });
    expect(required[1]).toMatchObject({ title: "Streams #1: Format", kind: "choice", discriminator: "filetype" });
    expect(required[2].title).toBe("Streams #2: Format");
    expect(paths(questions)).toContain("/streams/0/globs");
    expect(paths(questions)).not.toContain("/streams");
    expect(paths(questions)).not.toContain("/streams/0/legacy_prefix");
    expect(questionAt(definition, "/streams/3/name", {})).toMatchObject({ title: "Streams #4: Name", required: true });

    // A choice inside an item is answered like any other, and then nothing required is left.
    let answered: any = setAt(values, "/streams/0/name", "first");
    answered = choose(definition, answered, "/streams/0/format", 0);
    answered = choose(definition, answered, "/streams/1/format", 0);
    expect(answered.streams[0].format).toEqual({ filetype: "avro" });
    expect(validateConfig(definition, answered)).toEqual([]);
    expect(planQuestions(definition, answered).filter((question) => question.required)).toEqual([]);
  });

  it("destination-customer-io: a required hidden field's default is written with its option, never asked", () => {
    const definition = corpusDefinition("destination-customer-io");
    const s3 = questionAt(definition, "/object_storage_config", {})!.options!.findIndex((option) => option.value === "S3");
    const values = choose(definition, { credentials: { siteId: "s", apiKey: "k" } }, "/object_storage_config", s3);
    expect(values.object_storage_config).toMatchObject({ storage_type: "S3", format: "CSV" });
    expect(paths(planQuestions(definition, values))).not.toContain("/object_storage_config/format");
    // Without the default in place (a config written by hand), impliedOps supplies it.
    const { format: _format, ...withoutFormat } = values.object_storage_config;
    expect(impliedOps(definition, { ...values, object_storage_config: withoutFormat })).toContainEqual({
      op: "set",
      path: "/object_storage_config/format",
      value: "CSV",
    });
  });

  it("destination-bigquery: questions carry their group's title; specGroups lists the groups", () => {
    const definition = corpusDefinition("destination-bigquery");
    expect(specGroups(definition.connectionSpecification)).toEqual([
      { id: "connection", title: "Connection" },
      { id: "sync_behavior", title: "Sync Behavior" },
      { id: "advanced", title: "Advanced" },
    ]);
    const projectId = planQuestions(definition, {}).find((question) => question.path === "/project_id");
    expect(projectId).toMatchObject({ group: "connection", groupTitle: "Connection" });
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

  it("a required hidden field without const or default is asked rather than left impossible", () => {
    const hidden: Definition = structuredClone(definition);
    Object.assign(hidden.connectionSpecification.properties, {
      hidden_needed: { type: "string", airbyte_hidden: true },
      hidden_default: { type: "string", airbyte_hidden: true, default: "d" },
    });
    hidden.connectionSpecification.required.push("hidden_needed", "hidden_default");
    const answered = { b_required: "b", a_required: "a" };
    const open = planQuestions(hidden, answered).filter((question) => question.required);
    expect(open).toEqual([
      expect.objectContaining({ path: "/hidden_needed", required: true }),
      expect.objectContaining({ path: "/hidden_default", required: true, default: "d" }),
    ]);
    expect(impliedOps(hidden, answered)).toEqual([{ op: "set", path: "/hidden_default", value: "d" }]);
    // Once present (or when optional, as /hidden is) a hidden field is never a question.
    const filled = { ...answered, hidden_needed: "x", hidden_default: "d" };
    expect(validateConfig(hidden, filled)).toEqual([]);
    expect(paths(planQuestions(hidden, filled)).filter((path) => path.startsWith("/hidden"))).toEqual([]);
  });

  it("a required list of objects starts at its first item's fields; a list shorter than its minItems is not an answer", () => {
    const lists: Definition = structuredClone(definition);
    lists.connectionSpecification.properties.reports = {
      type: "array",
      minItems: 1,
      items: { type: "object", required: ["name"], properties: { name: { type: "string" } } },
    };
    lists.connectionSpecification.required.push("reports");
    const base = { b_required: "b", a_required: "a" };
    expect(paths(planQuestions(lists, { ...base, reports: [] }).filter((question) => question.required))).toEqual(["/reports/0/name"]);
    expect(validateConfig(lists, { ...base, reports: [] }).map((error) => error.path)).toEqual(["/reports"]);
    expect(paths(planQuestions(lists, { ...base, reports: [{}] }).filter((question) => question.required))).toEqual(["/reports/0/name"]);
    expect(paths(planQuestions(lists, { ...base, reports: [{ name: "daily" }] }).filter((question) => question.required))).toEqual([]);
    // An item with nothing required of its own stays one question for the whole list.
    const loose: Definition = structuredClone(lists);
    loose.connectionSpecification.properties.reports.items.required = [];
    expect(paths(planQuestions(loose, { ...base }).filter((question) => question.required))).toEqual(["/reports"]);
  });

  it("a secret object is one secret question, answered by its mask, never walked into", () => {
    const sealed: Definition = structuredClone(definition);
    sealed.connectionSpecification.properties.service_account = {
      type: "object",
      airbyte_secret: true,
      required: ["client_email"],
      properties: { client_email: { type: "string" }, private_key: { type: "string" } },
    };
    sealed.connectionSpecification.required.push("service_account");
    const base = { b_required: "b", a_required: "a" };
    expect(planQuestions(sealed, base).filter((question) => question.path.startsWith("/service_account"))).toEqual([
      expect.objectContaining({ path: "/service_account", secret: true, type: "object", required: true }),
    ]);
    expect(paths(planQuestions(sealed, { ...base, service_account: "**********" })).filter((path) => path.startsWith("/service_account"))).toEqual([]);
  });

  it("a switch to another option keeps the values the new option also has", () => {
    const definition: Definition = {
      id: "source-switchy", name: "source-switchy", kind: "source", displayName: "Switchy", origin: "test",
      connectionSpecification: {
        type: "object",
        properties: {
          auth: {
            type: "object",
            oneOf: [
              { title: "Key pair", properties: { method: { type: "string", const: "key" }, user: { type: "string" }, private_key: { type: "string", airbyte_secret: true } } },
              { title: "Password", properties: { method: { type: "string", const: "password" }, user: { type: "string" }, password: { type: "string", airbyte_secret: true } } },
            ],
          },
        },
      },
    };
    const keyed = choose(definition, { auth: { method: "key", user: "svc", private_key: "**********" } }, "/auth", 1);
    expect(keyed.auth).toEqual({ method: "password", user: "svc" });
  });

  it("questionAt answers for fields of an option not chosen yet", () => {
    const github = builtinDefinitions().find((candidate) => candidate.name === "source-taskboard")!;
    expect(questionAt(github, "/credentials/api_token", {})).toMatchObject({ secret: true, kind: "field" });
    expect(questionAt(github, "/nope", {})).toBeUndefined();
    expect(() => choiceOps(github, "/start_date", 0)).toThrow();
  });
});
