import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { CORPUS_DIR, corpusPresent } from "./testing/corpus.ts";
import { definitionFromObject } from "./definition-file.ts";
import { isSecretPath } from "./secrets.ts";
import { withSecretMarks } from "./secret-marks.ts";
import type { JsonSchema } from "./types.ts";

describe("withSecretMarks", () => {
  it("flags fields secret by name or format, inside oneOf options too, and leaves the original alone", () => {
    const schema: JsonSchema = {
      type: "object",
      properties: {
        host: { type: "string" },
        api_key: { type: "string" },
        pin: { type: "string", format: "password" },
        auth: {
          type: "object",
          oneOf: [{ properties: { kind: { const: "token" }, access_token: { type: "string" } } }],
        },
      },
    };
    const marked = withSecretMarks(schema);
    expect(marked.properties.api_key.airbyte_secret).toBe(true);
    expect(marked.properties.pin.airbyte_secret).toBe(true);
    expect(marked.properties.auth.oneOf[0].properties.access_token.airbyte_secret).toBe(true);
    expect(marked.properties.host.airbyte_secret).toBeUndefined();
    expect(marked.properties.auth.oneOf[0].properties.kind.airbyte_secret).toBeUndefined();
    expect(schema.properties.api_key.airbyte_secret).toBeUndefined();
    expect(withSecretMarks(schema)).toBe(marked);
  });

  it.skipIf(!corpusPresent)("agrees with isSecretPath on every top-level field of the corpus", () => {
    let disagreements: string[] = [];
    for (const file of readdirSync(CORPUS_DIR).filter((name) => name.endsWith(".json"))) {
      const definition = definitionFromObject(JSON.parse(readFileSync(path.join(CORPUS_DIR, file), "utf8")), CORPUS_DIR, file);
      const schema = definition.connectionSpecification;
      const marked = withSecretMarks(schema);
      for (const [name, child] of Object.entries<JsonSchema>(schema.properties ?? {})) {
        if (child?.properties || child?.oneOf) continue;
        const secret = isSecretPath(schema, `/${name.replace(/~/g, "~0").replace(/\//g, "~1")}`);
        const flagged = marked.properties[name]?.airbyte_secret === true || marked.properties[name]?.airbyte_secret === "true";
        if (secret !== flagged) disagreements.push(`${definition.name}/${name}`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});
