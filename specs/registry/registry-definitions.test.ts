import { describe, expect, it } from "vitest";
import { definitionsFromRegistry, registryIcon, registryName } from "./registry-definitions.ts";
import { corpusPresent } from "../testing/corpus.ts";
import { registryFromCorpus } from "../testing/registry-fixture.ts";

const spec = { type: "object", required: ["host"], properties: { host: { type: "string" } } };

describe("definitionsFromRegistry", () => {
  it("maps an entry: name from the docker repository, display name, id, icon, support level, spec", () => {
    const { definitions, skipped } = definitionsFromRegistry(
      {
        sources: [
          {
            sourceDefinitionId: "decd338e-5647-4c0b-adf4-da0e75f5a750",
            name: "Postgres",
            dockerRepository: "airbyte/source-postgres",
            iconUrl: "https://connectors.example/postgres.svg",
            supportLevel: "certified",
            releaseStage: "generally_available",
            documentationUrl: "https://docs.example/postgres",
            spec: { connectionSpecification: spec, advanced_auth: { auth_flow_type: "oauth2.0" } },
          },
        ],
        destinations: [{ destinationDefinitionId: "d-1", name: "Dev Null", dockerRepository: "airbyte/destination-dev-null", spec: { documentationUrl: "https://x", connectionSpecification: spec } }],
      },
      "registry:test",
    );
    expect(skipped).toEqual([]);
    expect(definitions[0]).toMatchObject({
      id: "decd338e-5647-4c0b-adf4-da0e75f5a750",
      name: "source-postgres",
      kind: "source",
      displayName: "Postgres",
      icon: "https://connectors.example/postgres.svg",
      supportLevel: "certified",
      releaseStage: "generally_available",
      documentationUrl: "https://docs.example/postgres",
      origin: "registry:test",
      // The known database names keep their real check, as from a folder.
      check: "postgres",
      advanced_auth: { auth_flow_type: "oauth2.0" },
    });
    expect(definitions[1]).toMatchObject({ id: "d-1", name: "destination-dev-null", kind: "destination", documentationUrl: "https://x" });
  });

  it("skips tombstoned entries, entries without a spec and repeated names, and says why", () => {
    const { definitions, skipped } = definitionsFromRegistry(
      {
        sources: [
          { sourceDefinitionId: "a", name: "Gone", dockerRepository: "airbyte/source-gone", tombstone: true, spec: { connectionSpecification: spec } },
          { sourceDefinitionId: "b", name: "No spec", dockerRepository: "airbyte/source-nospec" },
          { sourceDefinitionId: "c", name: "Twin", dockerRepository: "airbyte/source-twin", spec: { connectionSpecification: spec } },
          { sourceDefinitionId: "d", name: "Twin again", dockerRepository: "airbyte/source-twin", spec: { connectionSpecification: spec } },
        ],
      },
      "registry:test",
    );
    expect(definitions.map((definition) => definition.name)).toEqual(["source-twin"]);
    expect(skipped).toEqual([
      { entry: "Gone", reason: expect.stringMatching(/tombstoned/) },
      { entry: "No spec", reason: "no spec.connectionSpecification" },
      { entry: "Twin again", reason: "another entry is already source-twin" },
    ]);
  });

  it("refuses what is not a registry", () => {
    expect(() => definitionsFromRegistry([], "x")).toThrow(/not an Airbyte connector registry/);
    expect(() => definitionsFromRegistry({ connectors: [] }, "x")).toThrow(/sources\[\]/);
  });

  it("names and icons without a docker repository or icon URL", () => {
    expect(registryName({ name: "My API (beta)" }, "source")).toBe("source-my-api-beta");
    expect(registryName({ name: "X", dockerRepository: "someone/custom-image" }, "destination")).toBe("destination-x");
    expect(registryIcon({ icon: "<svg xmlns='http://www.w3.org/2000/svg'/>" })).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(registryIcon({ iconUrl: "javascript:alert(1)" })).toBeUndefined();
  });

  it.skipIf(!corpusPresent)("loads every spec of the shared corpus in the registry's shape", () => {
    const registry = registryFromCorpus();
    const { definitions, skipped } = definitionsFromRegistry(registry, "registry:corpus");
    expect(skipped).toEqual([]);
    expect(definitions).toHaveLength(registry.sources.length + registry.destinations.length);
    expect(new Set(definitions.map((definition) => definition.supportLevel))).toEqual(new Set(["certified", "community", "archived"]));
  });
});
