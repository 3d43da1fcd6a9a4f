import { describe, expect, it } from "vitest";
import { builtinDefinitions } from "./index.ts";
import { exampleConfig } from "../example-config.ts";
import { validateConfig } from "../validate.ts";

describe("shared fragments", () => {
  const withPort = builtinDefinitions().filter((definition) => definition.connectionSpecification.properties?.port);

  it.each(withPort.map((definition) => [definition.name, definition] as const))("%s: a port is at most 65535", (_name, definition) => {
    const config = exampleConfig(definition);
    expect(validateConfig(definition, { ...config, port: 65535 })).toEqual([]);
    expect(validateConfig(definition, { ...config, port: 65536 })).toEqual([expect.objectContaining({ path: "/port", keyword: "maximum" })]);
  });
});
