import { describe, expect, it } from "vitest";
import { agentModelOptions } from "./bootstrap.ts";
import { loadConfig } from "./config.ts";

describe("the model timeout", () => {
  it("is read from ONRAMP_MODEL_TIMEOUT_MS and handed to the setup agent", () => {
    const config = loadConfig({ ONRAMP_MODEL: "openai:test-model", ONRAMP_MODEL_TIMEOUT_MS: "2500" });
    expect(config.modelTimeoutMs).toBe(2500);
    expect(agentModelOptions(config).openai?.timeoutMs).toBe(2500);
  });

  it("is left to the gateway's default when unset, and refuses a value that is no duration", () => {
    expect(loadConfig({}).modelTimeoutMs).toBeUndefined();
    expect(() => loadConfig({ ONRAMP_MODEL_TIMEOUT_MS: "8s" })).toThrow(/ONRAMP_MODEL_TIMEOUT_MS/);
    expect(() => loadConfig({ ONRAMP_MODEL_TIMEOUT_MS: "0" })).toThrow(/ONRAMP_MODEL_TIMEOUT_MS/);
  });
});

describe("ONRAMP_CATALOG_REGISTRY", () => {
  it("takes files and URLs, comma-separated; files are resolved, URLs kept whole", () => {
    const config = loadConfig({ ONRAMP_CATALOG_REGISTRY: "https://connectors.example/oss_registry.json, ./reg.json,file:///tmp/cloud.json" });
    expect(config.catalogRegistries).toEqual(["https://connectors.example/oss_registry.json", expect.stringMatching(/\/reg\.json$/), "/tmp/cloud.json"]);
    expect(loadConfig({}).catalogRegistries).toEqual([]);
  });
});

describe("ONRAMP_AGENT_WORKERS", () => {
  it("defaults to one agent worker per core, at most four, and none on one core", async () => {
    const { availableParallelism } = await import("node:os");
    const cores = availableParallelism();
    const expected = cores > 1 ? Math.min(4, cores) : 0;
    expect(loadConfig({}).agentWorkers).toBe(expected);
    expect(loadConfig({ ONRAMP_AGENT_WORKERS: "auto" }).agentWorkers).toBe(expected);
  });

  it("takes a count, 0 for the main thread, and refuses anything else", () => {
    expect(loadConfig({ ONRAMP_AGENT_WORKERS: "0" }).agentWorkers).toBe(0);
    expect(loadConfig({ ONRAMP_AGENT_WORKERS: "3" }).agentWorkers).toBe(3);
    for (const bad of ["-1", "two", "1.5", "65"]) expect(() => loadConfig({ ONRAMP_AGENT_WORKERS: bad })).toThrow(/ONRAMP_AGENT_WORKERS/);
  });
});
