import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { chooseOptionOps, flattenFields, formSections, shownTitle, splitOptional, type FieldNode } from "./model.ts";
import { setAt } from "../../pointer.ts";

const specsDir = path.resolve(import.meta.dirname, "../../../../shared/airbyte-specs");
const load = (name: string) => JSON.parse(readFileSync(path.join(specsDir, `${name}.json`), "utf8"));
const hasSpecs = existsSync(specsDir);
if (!hasSpecs) console.warn(`[skip] ${specsDir} is absent: the form model is not checked against the Airbyte corpus`);

function topFields(spec: any, values: Record<string, unknown> = {}): FieldNode[] {
  return formSections(spec, values).flatMap((section) => section.fields);
}

describe("form model on a hand-written spec", () => {
  const spec = {
    type: "object",
    required: ["b", "a"],
    groups: [{ id: "adv", title: "Advanced" }],
    properties: {
      z: { type: "string", order: 0 },
      a: { type: "string", order: 2 },
      b: { type: "integer", order: 1 },
      shown: { type: "boolean", always_show: true, order: 5 },
      hidden: { type: "string", airbyte_hidden: true },
      tuning: { type: "string", group: "adv" },
    },
  };
  it("puts required first, then order, hides airbyte_hidden, groups by `groups`", () => {
    const sections = formSections(spec, {});
    expect(sections.map((s) => s.title)).toEqual([undefined, "Advanced"]);
    expect(sections[0].fields.map((f) => f.key)).toEqual(["b", "a", "z", "shown"]);
    const { shown, optional } = splitOptional(sections[0].fields);
    expect(shown.map((f) => f.key)).toEqual(["b", "a", "shown"]);
    expect(optional.map((f) => f.key)).toEqual(["z"]);
  });
});

describe("titles", () => {
  it("humanises the key when the title is a schema class name", () => {
    expect(shownTitle("ProcessingConfigModel")).toBeUndefined();
    expect(shownTitle("FileBasedStreamConfig")).toBeUndefined();
    expect(shownTitle("SourceAzureBlobStorageSpec")).toBeUndefined();
    expect(shownTitle("Processing Config")).toBe("Processing Config");
    expect(shownTitle("Model")).toBe("Model");
    expect(shownTitle("SSL Mode")).toBe("SSL Mode");
    expect(shownTitle("")).toBeUndefined();
    const spec = {
      type: "object",
      properties: {
        processing: { type: "object", title: "ProcessingConfigModel", properties: { chunk_size: { type: "integer" } } },
        field_name_mappings: { type: "array", items: { type: "object", title: "FieldNameMappingConfigModel", properties: { from: { type: "string" } } } },
        streams: { type: "array", items: { type: "object", properties: { name: { type: "string" } } } },
        reports: { type: "array", items: { type: "object", title: "Custom report", properties: { name: { type: "string" } } } },
      },
    };
    const fields = topFields(spec);
    const byKey = (key: string) => fields.find((field) => field.key === key)!;
    expect(byKey("processing").title).toBe("Processing");
    const itemTitle = (key: string) => {
      const field = byKey(key);
      return field.kind === "objects" ? field.itemTitle : null;
    };
    expect(itemTitle("field_name_mappings")).toBe("Field name mapping");
    expect(itemTitle("streams")).toBe("Stream");
    expect(itemTitle("reports")).toBe("Custom report");
  });
});

describe.skipIf(!hasSpecs)("form model on real Airbyte specs", () => {
  it("source-postgres: required fields first in spec order, oneOf options switch their fields", () => {
    const spec = load("source-postgres").connectionSpecification;
    const fields = topFields(spec);
    const required = fields.filter((f) => f.required).map((f) => f.key);
    expect(required).toEqual(["host", "port", "database", "username"]);
    const ssl = flattenFields(fields).find((f) => f.key === "ssl_mode");
    expect(ssl?.kind).toBe("choice");
    if (ssl?.kind !== "choice") return;
    expect(ssl.selected).toBe(-1);
    const verifyFull = ssl.options.findIndex((o) => o.value === "verify-full");
    const [op] = chooseOptionOps(ssl, verifyFull);
    expect(op).toEqual({ op: "set", path: "/ssl_mode", value: { mode: "verify-full" } });
    const chosen = flattenFields(topFields(spec, setAt({}, op.path, op.value))).find((f) => f.key === "ssl_mode");
    if (chosen?.kind !== "choice") throw new Error("ssl_mode is not a choice");
    expect(chosen.selected).toBe(verifyFull);
    expect(chosen.children.map((f) => f.key)).toContain("ca_certificate");
    const ca = chosen.children.find((f) => f.key === "ca_certificate");
    expect(ca?.kind === "text" && ca.secret && ca.multiline).toBe(true);
    // The discriminator is set by the choice, never typed.
    expect(chosen.children.some((f) => f.key === "mode")).toBe(false);
  });

  it("password fields are secret; arrays of strings are lists", () => {
    const fields = flattenFields(topFields(load("source-postgres").connectionSpecification));
    const password = fields.find((f) => f.key === "password");
    expect(password?.kind === "text" && password.secret).toBe(true);
    expect(fields.find((f) => f.key === "schemas")?.kind).toBe("list");
  });

  it("every one of the corpus specs yields a model with every required top-level field", () => {
    const files = readdirSync(specsDir).filter((file) => file.endsWith(".json"));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const spec = JSON.parse(readFileSync(path.join(specsDir, file), "utf8")).connectionSpecification;
      const fields = topFields(spec);
      const keys = new Set(fields.map((f) => f.key));
      const required: string[] = Array.isArray(spec.required) ? spec.required : [];
      for (const key of required) {
        const property = spec.properties?.[key];
        if (!property || property.airbyte_hidden || property.const !== undefined) continue;
        expect(keys.has(key), `${file}: required field ${key}`).toBe(true);
      }
      // Choosing each option of every top-level oneOf shows that option's required fields.
      for (const field of fields) {
        if (field.kind !== "choice") continue;
        for (const option of field.options) {
          const [op] = chooseOptionOps(field, option.index);
          const chosen = topFields(spec, setAt({}, op.path, op.value)).find((f) => f.path === field.path);
          if (chosen?.kind !== "choice") throw new Error(`${file}: ${field.path} lost its choice`);
          expect(chosen.selected, `${file}: ${field.path} option ${option.index}`).toBe(option.index);
        }
      }
    }
  });
});
