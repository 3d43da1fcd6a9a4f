import { describe, expect, it } from "vitest";
import { SECRET_MASK } from "../../specs/index.ts";
import { createMemorySecretStore } from "./create-secret-store.ts";
import { decodeSecretValue, encodeSecretValue, revealSecrets, sealSecrets } from "./seal-secrets.ts";

const schema = {
  type: "object",
  properties: {
    host: { type: "string" },
    password: { type: "string", airbyte_secret: true },
    pin: { type: "integer", airbyte_secret: true },
    key_file: { type: "object", airbyte_secret: true },
    either: { type: ["string", "integer"], airbyte_secret: true },
  },
  additionalProperties: true,
};

describe("sealSecrets / revealSecrets", () => {
  it("takes every value on a secret path out of the config, whatever its type", () => {
    const sealed = sealSecrets(schema, { host: "h", password: "pw", pin: 1234, key_file: { a: [1] }, extra: { api_key: 42 } }, {});
    expect(sealed.masked).toEqual({ host: "h", password: SECRET_MASK, pin: SECRET_MASK, key_file: SECRET_MASK, extra: { api_key: SECRET_MASK } });
    expect(Object.fromEntries(sealed.plaintext.map(({ path, value }) => [path, value]))).toEqual({
      "/password": "pw",
      "/pin": "1234",
      "/key_file": '{"a":[1]}',
      "/extra/api_key": "42",
    });
  });

  it("keeps a stored secret where the mask is sent back, and names the ones dropped or unbacked", () => {
    const sealed = sealSecrets(schema, { password: SECRET_MASK, pin: SECRET_MASK, "asked": SECRET_MASK }, { "/password": "sec_a", "/key_file": "sec_b", "/asked": "sec_c" });
    expect(sealed.kept).toEqual({ "/password": "sec_a", "/asked": "sec_c" });
    expect(sealed.unbacked).toEqual(["/pin"]);
    expect(sealed.dropped).toEqual(["sec_b"]);
    expect(sealed.plaintext).toEqual([]);
  });

  it("reads a stored text back as the type its field declares; text fields stay text", () => {
    expect(decodeSecretValue(schema, "/pin", encodeSecretValue(1234))).toBe(1234);
    expect(decodeSecretValue(schema, "/key_file", encodeSecretValue({ a: [1] }))).toEqual({ a: [1] });
    expect(decodeSecretValue(schema, "/password", "1234")).toBe("1234");
    expect(decodeSecretValue(schema, "/either", "1234")).toBe("1234");
    expect(decodeSecretValue(schema, "/unknown", "{}")).toBe("{}");
    // Not JSON in a number field: left as typed, so validation can name the field.
    expect(decodeSecretValue(schema, "/pin", "abc")).toBe("abc");
  });

  it("round-trips through the secret store", async () => {
    const store = createMemorySecretStore();
    const config = { host: "h", pin: 987654321, key_file: { private_key: "k" } };
    const sealed = sealSecrets(schema, config, {});
    const refs: Record<string, string> = {};
    for (const { path, value } of sealed.plaintext) refs[path] = await store.put(value, { workspaceId: "ws", owner: "test" });
    const revealed = await revealSecrets(schema, sealed.masked, { ...refs, "/password": "sec_gone" }, store);
    expect(revealed.config).toEqual(config);
    expect(revealed.missing).toEqual(["/password"]);
  });
});
