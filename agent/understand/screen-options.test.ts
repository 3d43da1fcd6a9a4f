// Screening chat with what the connector tells: its secret fields' names and its own name.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { builtinDefinitions } from "../../specs/index.ts";
import { corpusDefinition, corpusPresent } from "../../specs/testing/corpus.ts";
import type { FieldAsk } from "../protocol.ts";
import { REDACTED, screenUserText } from "../screen-secrets.ts";
import { screenOptionsFor } from "./screen-options.ts";
import { definitionOf } from "./testing/definition.ts";

const hostAsk: FieldAsk = { path: "/host", kind: "field", title: "Host", type: "string", secret: false, required: true };
const postgres = builtinDefinitions().find((definition) => definition.name === "source-postgres")!;

describe.skipIf(!corpusPresent)("screening with a connector's names", () => {
  it("cuts a short key given under its field's name, and stores it as that field, while another field is asked", () => {
    const alpha = corpusDefinition("source-alpha-vantage");
    const key = `QX7R${randomBytes(6).toString("hex").toUpperCase()}`;
    const symbolAsk: FieldAsk = { ...hostAsk, path: "/symbol", title: "Symbol" };
    const screened = screenUserText(`Alpha Vantage for TSCO.LON please, my key is ${key}`, symbolAsk, screenOptionsFor(alpha, {}, null));
    expect(screened.secret).toEqual({ path: "/api_key", value: key });
    expect(screened.text).toBe(`Alpha Vantage for TSCO.LON please, my key is ${REDACTED}`);
    // Without the connector's names the same key (16 characters, not random enough) would pass.
    expect(screenUserText(`my key is ${key}`, symbolAsk).secret).toBeNull();
  });

  it("takes the key from a sentence while the key itself is asked", () => {
    const alpha = corpusDefinition("source-alpha-vantage");
    const key = `K${randomBytes(7).toString("hex")}`;
    const keyAsk: FieldAsk = { ...hostAsk, path: "/api_key", title: "API Key", secret: true };
    const screened = screenUserText(`Alpha Vantage for TSCO.LON please, my key is ${key}`, keyAsk, screenOptionsFor(alpha, {}, "/api_key"));
    expect(screened.secret).toEqual({ path: "/api_key", value: key });
    expect(screened.text).not.toContain(key);
  });

  it("hears a lone connector name while a secret is asked as chat, not as the secret", () => {
    const coinmarketcap = corpusDefinition("source-coinmarketcap");
    const keyAsk: FieldAsk = { ...hostAsk, path: "/api_key", title: "API Key", secret: true };
    const options = screenOptionsFor(coinmarketcap, {}, "/api_key");
    expect(screenUserText("coinmarketcap", keyAsk, options)).toEqual({ text: "coinmarketcap", secret: null, secrets: [] });
    expect(screenUserText("CoinMarketCap!", keyAsk, options).secret).toBeNull();
    const key = `cmc-${randomBytes(8).toString("hex")}`;
    expect(screenUserText(key, keyAsk, options).secret).toEqual({ path: "/api_key", value: key });
    // Once something is answered the same word is a secret like any other ("postgres" as a password).
    const later = screenOptionsFor(coinmarketcap, { data_type: "latest" }, "/api_key");
    expect(screenUserText("coinmarketcap", keyAsk, later).secret).toEqual({ path: "/api_key", value: "coinmarketcap" });
  });
});

describe("screening with a built-in's names", () => {
  it("stores 'password is X' as the password, and leaves 'password is not set' and 'key please' alone", () => {
    const options = screenOptionsFor(postgres, {}, null);
    const password = `pw${randomBytes(4).toString("hex")}`;
    expect(screenUserText(`user reader, password is ${password}`, hostAsk, options).secret).toEqual({ path: "/password", value: password });
    expect(screenUserText("the password is not set yet", hostAsk, options).secret).toBeNull();
    expect(screenUserText("host db.internal, password please", hostAsk, options).secret).toBeNull();
  });
});

describe("weak passwords named loosely (built-in Postgres)", () => {
  const options = screenOptionsFor(postgres, {}, null);

  it.each([
    ["host db1.internal, password %s", "host db1.internal, password [redacted secret]"],
    ["the pw for user bob is %s", "the pw for user bob is [redacted secret]"],
    ["user reader pwd %s", "user reader pwd [redacted secret]"],
    ["the password we use: %s", "the password we use: [redacted secret]"],
  ])("takes the word after a credential's name as the password: %j", (template, redacted) => {
    const password = `Summer${randomBytes(2).readUInt16BE()}`;
    const screened = screenUserText(template.replace("%s", password), hostAsk, options);
    expect(screened.secret).toEqual({ path: "/password", value: password });
    expect(screened.text).toBe(redacted);
  });

  it("hears a plain word after the name as a password too", () => {
    expect(screenUserText("host db1.internal, password hunter", hostAsk, options).secret).toEqual({ path: "/password", value: "hunter" });
  });

  it("gives a secret named by a longer name to that field", () => {
    expect(screenUserText("client key password hunter", hostAsk, options).secret).toEqual({ path: "/ssl_mode/client_key_password", value: "hunter" });
  });

  it.each([
    "host db.internal, password please",
    "no password needed",
    "what is the password for?",
    "password and port is 5432",
    "the password for bob is stored in vault",
    "password not needed host is db1.internal",
    "the password policy says twelve characters",
    "pass the port along, it is 5432",
  ])("leaves words about a password alone: %j", (text) => {
    expect(screenUserText(text, hostAsk, options)).toEqual({ text, secret: null, secrets: [] });
  });

  it("hears talk while a secret is asked: the field said missing, a question, a change of course; a passphrase stays the secret", () => {
    const tokenAsk: FieldAsk = { ...hostAsk, path: "/refresh_token", title: "Refresh token", secret: true };
    const definition = {
      id: "source-ticketly",
      name: "source-ticketly",
      kind: "source" as const,
      displayName: "Ticketly",
      origin: "test",
      connectionSpecification: {
        type: "object",
        properties: {
          refresh_token: { type: "string", title: "Refresh token", airbyte_secret: true },
          api_key: { type: "string", title: "API key", airbyte_secret: true },
        },
      },
    };
    const options = screenOptionsFor(definition, { refresh_token: undefined }, "/refresh_token");
    for (const talk of ["hmm, we never made a refresh token for this one", "which token is this exactly, the one from the admin page?", "let's go with the API key instead then"]) {
      expect(screenUserText(talk, tokenAsk, options).secret).toBeNull();
    }
    expect(screenUserText("correct horse battery staple", tokenAsk, options).secret).toEqual({ path: "/refresh_token", value: "correct horse battery staple" });
  });
});


describe("secret fields whose values look ordinary (inline spec)", () => {
  const telephony = definitionOf(
    "Telephony",
    {
      tenant: { type: "string", title: "Tenant" },
      member_number: { type: "string", title: "Member number", airbyte_secret: true },
      line_code: { type: "string", title: "Line code", airbyte_secret: true },
      bearer_token: { type: "string", title: "Bearer token", airbyte_secret: true },
    },
    ["tenant", "member_number", "line_code", "bearer_token"],
  );
  const memberAsk: FieldAsk = { ...hostAsk, path: "/member_number", title: "Member number", secret: true };

  it("cuts a plain number given under a secret field's name and keeps it as that field", () => {
    const screened = screenUserText("tenant north-3, member number 80417723 and line code 55120948003.", memberAsk, screenOptionsFor(telephony, {}, "/member_number"));
    expect(screened.secrets).toEqual([
      { path: "/member_number", value: "80417723" },
      { path: "/line_code", value: "55120948003" },
    ]);
    expect(screened.text).toBe(`tenant north-3, member number ${REDACTED} and line code ${REDACTED}.`);
    // Shaped like a host name, a value named for a secret field is that secret all the same.
    const hostLike = screenUserText("line code 55120-a7.lines.example.net, thanks", null, screenOptionsFor(telephony, {}, null));
    expect(hostLike.secrets).toEqual([{ path: "/line_code", value: "55120-a7.lines.example.net" }]);
  });

  it("hears a secret's name after a verb of handing over as a promise, not as the secret", () => {
    const screened = screenUserText("I will send the bearer token separately", null, screenOptionsFor(telephony, {}, null));
    expect(screened).toEqual({ text: "I will send the bearer token separately", secret: null, secrets: [] });
    // Said as a label, the word after it is the value still.
    expect(screenUserText("bearer token Kettle42x", null, screenOptionsFor(telephony, {}, null)).secrets).toEqual([{ path: "/bearer_token", value: "Kettle42x" }]);
  });

  it("hears sentences typed while a secret is asked as talk, and 'to follow' as a promise", () => {
    const options = screenOptionsFor(telephony, {}, "/bearer_token");
    const tokenAsk: FieldAsk = { ...hostAsk, path: "/bearer_token", title: "Bearer token", secret: true };
    for (const text of ["hang on, the tenant changed. it is north-4 now", "ok no need for that, turn it off"]) {
      expect(screenUserText(text, tokenAsk, options)).toEqual({ text, secret: null, secrets: [] });
    }
    // A passphrase of plain words is still the secret.
    expect(screenUserText("violet lantern orbit seven", tokenAsk, options).secret).toEqual({ path: "/bearer_token", value: "violet lantern orbit seven" });
    expect(screenUserText("tenant: north-3\nbearer token to follow", null, screenOptionsFor(telephony, {}, null)).secrets).toEqual([]);
  });

  it("hears a sentence that names the secret asked, with no credential-like word, as talk", () => {
    const tokenAsk: FieldAsk = { ...hostAsk, path: "/bearer_token", title: "Bearer token", secret: true };
    const text = "I generated a bearer token under Settings just now.";
    expect(screenUserText(text, tokenAsk, screenOptionsFor(telephony, {}, "/bearer_token"))).toEqual({ text, secret: null, secrets: [] });
    expect(screenUserText(text, null, screenOptionsFor(telephony, {}, null)).secrets).toEqual([]);
  });
});


describe("paths of words", () => {
  const warehouse = definitionOf(
    "Lakehouse",
    {
      hostname: { type: "string", title: "Server Hostname" },
      http_path: { type: "string", title: "HTTP Path", examples: ["sql/1.0/endpoints/0000-1111111-abcd90"] },
      token: { type: "string", title: "Access Token", airbyte_secret: true },
    },
    ["hostname", "http_path", "token"],
  );
  const pathAsk: FieldAsk = { path: "/http_path", kind: "field", title: "HTTP Path", type: "string", secret: false, required: true };

  it("keeps a path of words named or asked for a plain field, though its last part looks random; cuts base64 with slashes", () => {
    const place = `sql/1.0/warehouses/${randomBytes(8).toString("hex")}`;
    const named = screenUserText(`lake.example.net, path ${place}, please`, hostAsk, screenOptionsFor(warehouse, {}, "/hostname"));
    expect(named.secrets).toEqual([]);
    expect(screenUserText(`it's ${place}`, pathAsk, screenOptionsFor(warehouse, {}, "/http_path")).secrets).toEqual([]);
    const base64 = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    expect(screenUserText(`it's ${base64}`, pathAsk, screenOptionsFor(warehouse, {}, "/http_path")).secret?.value).toBe(base64);
  });
});

describe("a credential's shape named for a plain field (inline spec)", () => {
  const bucketFiles = (secretKeyId: boolean) =>
    definitionOf("Bucket Files", {
      dataset_name: { type: "string", title: "Dataset name" },
      aws_access_key_id: { type: "string", title: "AWS Access Key ID", ...(secretKeyId ? { airbyte_secret: true } : {}) },
      aws_secret_access_key: { type: "string", title: "AWS Secret Access Key", airbyte_secret: true },
    });
  const datasetAsk: FieldAsk = { ...hostAsk, path: "/dataset_name", title: "Dataset name" };
  const keyId = `AKIA${randomBytes(8).toString("hex").toUpperCase()}`;
  const text = `call it orders; access key id is ${keyId} and I'll give you the secret key separately`;

  it("leaves an access key id in the message where the spec keeps it in plain sight, and cuts it where the spec says it is secret", () => {
    expect(screenUserText(text, datasetAsk, screenOptionsFor(bucketFiles(false), {}, "/dataset_name")).secrets).toEqual([]);
    expect(screenUserText(text, datasetAsk, screenOptionsFor(bucketFiles(true), {}, "/dataset_name")).text).not.toContain(keyId);
    // (With nothing known of the connector, the shape alone still cuts it.)
    expect(screenUserText(text, datasetAsk).text).not.toContain(keyId);
  });
});
