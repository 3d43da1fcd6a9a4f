import { describe, expect, it } from "vitest";
import { choiceOps, definitionFromObject } from "../../specs/index.ts";
import { inferredChoices } from "./infer-choice.ts";

const definition = definitionFromObject(
  {
    name: "destination-x",
    connectionSpecification: {
      type: "object",
      properties: {
        instance_type: {
          type: "object",
          oneOf: [
            { title: "Standalone", properties: { instance: { const: "standalone" }, host: { type: "string" }, port: { type: "integer" } } },
            { title: "Replica set", properties: { instance: { const: "replica" }, server_addresses: { type: "string" } } },
          ],
        },
      },
    },
  },
  "/tmp",
  "/tmp/x.json",
);

describe("choices inferred from the fields given", () => {
  it("chooses the one option that has every field given, keeping their values", () => {
    const values = { instance_type: { host: "mongo.local", port: 27018 } };
    expect(inferredChoices(definition, values, ["/instance_type/host"])).toEqual([
      { path: "/instance_type", ops: [{ op: "set", path: "/instance_type", value: { host: "mongo.local", port: 27018, instance: "standalone" } }] },
    ]);
    // Fields of no single option (or an option already chosen) infer nothing.
    expect(inferredChoices(definition, { instance_type: { host: "h", server_addresses: "a" } }, ["/instance_type/host"])).toEqual([]);
    expect(inferredChoices(definition, { instance_type: { instance: "standalone", host: "h" } }, ["/instance_type/host"])).toEqual([]);
  });

  it("choiceOps keeps fields given before the choice, and drops those of another chosen option", () => {
    expect(choiceOps(definition, "/instance_type", 0, { instance_type: { host: "h", server_addresses: "x" } })[0].value).toEqual({ host: "h", instance: "standalone" });
    expect(choiceOps(definition, "/instance_type", 0, { instance_type: { instance: "replica", server_addresses: "x" } })[0].value).toEqual({ instance: "standalone" });
  });
});
