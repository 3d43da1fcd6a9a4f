import { describe, expect, it } from "vitest";
import { splitConfig, joinConfig, matchAuthScheme } from "./split-config.ts";
import { builtinDefinitions } from "./builtins/index.ts";
import { readdirSync } from "node:fs";
import { validateConfig } from "./validate.ts";
import { exampleConfig } from "./example-config.ts";
import { CORPUS_DIR, corpusDefinition, corpusPresent } from "./testing/corpus.ts";
import type { Definition } from "./types.ts";

const builtin = (name: string) => builtinDefinitions().find((definition) => definition.name === name)!;

describe("credentials / replication_config split", () => {
  it("splits on the auth object and joins back unchanged", () => {
    const definition = builtin("source-taskboard");
    const config = { start_date: "2024-01-01", credentials: { auth_type: "api_token", api_token: "t-1" } };
    const parts = splitConfig(definition, config);
    expect(parts).toEqual({ credentials: { auth_type: "api_token", api_token: "t-1" }, replication_config: { start_date: "2024-01-01" } });
    expect(joinConfig(definition, parts.credentials, parts.replication_config)).toEqual(config);
  });

  it("uses the secret fields as credentials when there is no auth object", () => {
    const definition = builtin("source-postgres");
    const config = { host: "h", port: 5432, database: "d", username: "u", password: "p" };
    const parts = splitConfig(definition, config);
    expect(parts.credentials).toEqual({ password: "p" });
    expect(parts.replication_config).toEqual({ host: "h", port: 5432, database: "d", username: "u" });
    expect(joinConfig(definition, parts.credentials, parts.replication_config)).toEqual(config);
    expect(matchAuthScheme(definition, { password: "p" })).toEqual({ ok: true, scheme: "secrets" });
    expect(matchAuthScheme(definition, { api_key: "p" })).toMatchObject({ ok: false, provided: ["api_key"], available: ["password"] });
    expect(matchAuthScheme(definition, { username: "u", password: "p" })).toEqual({ ok: true, scheme: "secrets" });
    expect(matchAuthScheme(definition, { username: "u" })).toMatchObject({ ok: false });
    expect(matchAuthScheme(definition, {})).toEqual({ ok: true, scheme: "none" });
  });

  it("matches a scheme by discriminator or by keys, and says what is available otherwise", () => {
    const definition = builtin("source-http-api");
    expect(matchAuthScheme(definition, { auth_type: "bearer", token: "x" })).toEqual({ ok: true, scheme: "bearer" });
    expect(matchAuthScheme(definition, { token: "x" })).toEqual({ ok: true, scheme: "bearer" });
    const joined = joinConfig(definition, { token: "x" }, { base_url: "https://api.example.com" });
    expect(joined.auth).toEqual({ token: "x", auth_type: "bearer" });
    expect(validateConfig(definition, joined)).toEqual([]);
    const miss = matchAuthScheme(definition, { password_hash: "x" });
    expect(miss).toEqual({ ok: false, provided: ["password_hash"], available: ["none", "api_key", "bearer", "basic", "oauth2"] });
  });

  it.skipIf(!corpusPresent)("real specs: github credentials by option_title", () => {
    const definition = corpusDefinition("source-github");
    expect(matchAuthScheme(definition, { option_title: "PAT Credentials", personal_access_token: "x" })).toEqual({ ok: true, scheme: "PAT Credentials" });
    expect(matchAuthScheme(definition, { personal_access_token: "x" })).toEqual({ ok: true, scheme: "PAT Credentials" });
    const parts = splitConfig(definition, { repositories: ["a/b"], credentials: { option_title: "PAT Credentials", personal_access_token: "x" } });
    expect(parts.replication_config).toEqual({ repositories: ["a/b"] });
  });

  it.skipIf(!corpusPresent)("an optional auth object the config leaves out stays out, and counts as no credentials", () => {
    const asana = corpusDefinition("source-asana");
    expect(asana.connectionSpecification.required ?? []).not.toContain("credentials");
    expect(splitConfig(asana, {})).toEqual({ credentials: {}, replication_config: {} });
    expect(joinConfig(asana, {}, {})).toEqual({});
    expect(validateConfig(asana, joinConfig(asana, {}, {}))).toEqual([]);
    expect(matchAuthScheme(asana, {})).toEqual({ ok: true, scheme: "none" });
    // A required one is still demanded.
    const github = corpusDefinition("source-github");
    expect(joinConfig(github, {}, { repositories: ["a/b"] })).toEqual({ repositories: ["a/b"], credentials: {} });
    expect(matchAuthScheme(github, {})).toMatchObject({ ok: false, provided: [] });
  });

  const corpus: Definition[] = corpusPresent
    ? readdirSync(CORPUS_DIR)
        .filter((file) => file.endsWith(".json"))
        .sort()
        .map((file) => corpusDefinition(file.replace(/\.json$/, "")))
    : [];
  it.each([...builtinDefinitions(), ...corpus].map((definition) => [definition.name, definition] as const))(
    "%s: the example config survives split → join unchanged, valid, with a known scheme",
    (_name, definition) => {
      const config = exampleConfig(definition);
      const parts = splitConfig(definition, config);
      const joined = joinConfig(definition, parts.credentials, parts.replication_config);
      expect(joined).toStrictEqual(config);
      expect(validateConfig(definition, joined)).toEqual([]);
      expect(matchAuthScheme(definition, parts.credentials)).toMatchObject({ ok: true });
    },
  );
});
