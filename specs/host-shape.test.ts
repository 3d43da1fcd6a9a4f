import { describe, expect, it } from "vitest";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { hostShapeErrors } from "./host-shape.ts";
import { describeError, validateConfig } from "./validate.ts";
import { builtinDefinitions } from "./builtins/index.ts";
import { CORPUS_DIR, corpusPresent } from "./testing/corpus.ts";

const postgres = builtinDefinitions().find((definition) => definition.name === "source-postgres")!;

describe("host shape", () => {
  it("flags a host with spaces in words, and leaves good hosts alone", () => {
    const config = { host: "my db host", port: 5432, database: "d", username: "u" };
    const errors = validateConfig(postgres, config);
    expect(errors).toEqual([expect.objectContaining({ path: "/host", keyword: "host" })]);
    expect(describeError(errors[0])).toBe("Host must be a host name or IP address, without spaces.");
    for (const host of ["db.example.com", "127.0.0.1", "::1", "localhost"]) expect(validateConfig(postgres, { ...config, host })).toEqual([]);
  });

  it("looks inside the chosen oneOf option (an SSH tunnel's host)", () => {
    const schema = {
      type: "object",
      properties: {
        tunnel_method: {
          type: "object",
          oneOf: [
            { properties: { tunnel_method: { const: "NO_TUNNEL" } } },
            { properties: { tunnel_method: { const: "SSH_KEY_AUTH" }, tunnel_host: { type: "string" } } },
          ],
        },
        patterned_host: { type: "string", pattern: "^.*$" },
      },
    };
    expect(hostShapeErrors(schema, { tunnel_method: { tunnel_method: "SSH_KEY_AUTH", tunnel_host: "bastion host" }, patterned_host: "a b" }).map((error) => error.path)).toEqual([
      "/tunnel_method/tunnel_host",
    ]);
  });

  it.skipIf(!corpusPresent)("accepts every host example of the shared corpus", () => {
    for (const file of readdirSync(CORPUS_DIR).filter((name) => name.endsWith(".json"))) {
      const spec = JSON.parse(readFileSync(path.join(CORPUS_DIR, file), "utf8")).connectionSpecification;
      for (const [key, child] of Object.entries<any>(spec.properties ?? {})) {
        for (const example of Array.isArray(child?.examples) ? child.examples : []) {
          if (typeof example === "string") expect(hostShapeErrors(spec, { [key]: example }), `${file} ${key}`).toEqual([]);
        }
      }
    }
  });
});
