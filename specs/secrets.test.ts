import { describe, expect, it } from "vitest";
import { isSecretPath, secretPaths, secretName } from "./secrets.ts";
import { corpusDefinition, corpusPresent } from "./testing/corpus.ts";

describe("secret detection", () => {
  const schema = {
    type: "object",
    properties: {
      host: { type: "string" },
      password: { type: "string" },
      apiKey: { type: "string" },
      token_expiry_date: { type: "string" },
      client_id: { type: "string" },
      note: { type: "string", format: "password" },
      opaque_flag: { type: "string", airbyte_secret: "true" },
      use_password: { type: "boolean" },
      credentials: {
        type: "object",
        oneOf: [
          { properties: { kind: { const: "a" }, opaque: { type: "string" } } },
          { properties: { kind: { const: "b" }, opaque: { type: "string", airbyte_secret: true } } },
        ],
      },
      keys: { type: "array", items: { type: "string" }, airbyte_secret: true },
    },
  };

  it("counts airbyte_secret in any oneOf option, whatever the values say", () => {
    expect(isSecretPath(schema, "/credentials/opaque")).toBe(true);
  });

  it("reads names and formats", () => {
    expect(isSecretPath(schema, "/password")).toBe(true);
    expect(isSecretPath(schema, "/apiKey")).toBe(true);
    expect(isSecretPath(schema, "/note")).toBe(true);
    expect(isSecretPath(schema, "/opaque_flag")).toBe(true);
    expect(isSecretPath(schema, "/host")).toBe(false);
    expect(isSecretPath(schema, "/token_expiry_date")).toBe(false);
    expect(isSecretPath(schema, "/client_id")).toBe(false);
    expect(isSecretPath(schema, "/use_password")).toBe(false);
    expect(isSecretPath(schema, "/keys/0")).toBe(true);
    // Unknown to the spec, still a secret by name.
    expect(isSecretPath(schema, "/extra/private_key")).toBe(true);
    for (const name of ["client_secret", "refresh_token", "access_token", "secret_access_key", "tunnel_user_password", "personal_access_token", "api_token", "app_key"]) {
      expect(secretName(name), name).toBe(true);
    }
    for (const name of ["token_type", "username", "start_date", "access_key_id", "secret_name"]) {
      expect(secretName(name), name).toBe(false);
    }
  });

  it("lists secret paths of the chosen options and of values", () => {
    const values = { host: "h", credentials: { kind: "b", opaque: "x" }, extra: { api_token: "t" } };
    const found = secretPaths(schema, values);
    expect(found).toEqual(expect.arrayContaining(["/password", "/apiKey", "/note", "/credentials/opaque", "/extra/api_token", "/keys"]));
    expect(found).not.toContain("/host");
  });

  it.skipIf(!corpusPresent)("finds the secrets of real specs", () => {
    const github = corpusDefinition("source-github").connectionSpecification;
    expect(isSecretPath(github, "/credentials/personal_access_token")).toBe(true);
    expect(isSecretPath(github, "/credentials/client_id")).toBe(true);
    expect(isSecretPath(github, "/repositories")).toBe(false);
    const s3 = corpusDefinition("destination-s3").connectionSpecification;
    expect(isSecretPath(s3, "/secret_access_key")).toBe(true);
    expect(isSecretPath(s3, "/s3_bucket_name")).toBe(false);
  });
});
