import { describe, expect, it } from "vitest";
import { builtinDefinitions } from "../../specs/index.ts";
import { corpusDefinition, corpusPresent } from "../../specs/testing/corpus.ts";
import { REDACTED, screenUserText } from "../screen-secrets.ts";
import type { FieldAsk } from "../protocol.ts";
import { fillsOtherFields } from "./fills-other-fields.ts";

const postgres = builtinDefinitions().find((definition) => definition.name === "source-postgres")!;
const passwordAsk: FieldAsk = { path: "/password", kind: "field", title: "Password", type: "string", secret: true, required: true };

describe("fillsOtherFields", () => {
  it("reads values for named fields as chat, and leaves passphrases and single words alone", () => {
    expect(fillsOtherFields("host db.internal port 5433, database shop", postgres, {}, "/password")).toBe(true);
    expect(fillsOtherFields("correct horse battery staple", postgres, {}, "/password")).toBe(false);
    expect(fillsOtherFields("db.internal", postgres, {}, "/password")).toBe(false);
  });

  it.skipIf(!corpusPresent)("keeps an opening sentence out of the secret asked first (OpenWeather's appid)", () => {
    const openweather = corpusDefinition("source-openweather");
    const appidAsk: FieldAsk = { path: "/appid", kind: "field", title: "App ID", type: "string", secret: true, required: true };
    const opening = "Weather for Berlin: lat 52.52, lon 13.40, in metric units";
    const screened = screenUserText(opening, appidAsk, { fillsOtherFields: (text) => fillsOtherFields(text, openweather, {}, "/appid") });
    expect(screened).toEqual({ text: opening, secret: null });
    // A short one without the spec's fields would be taken as a passphrase; with them it is chat.
    const short = "lat 52.52, lon 13.40";
    expect(screenUserText(short, appidAsk).secret).toEqual({ path: "/appid", value: short });
    expect(screenUserText(short, appidAsk, { fillsOtherFields: (text) => fillsOtherFields(text, openweather, {}, "/appid") }).secret).toBeNull();
  });

  it("still stores a passphrase, and a token shape inside a sentence that names fields", () => {
    const check = (text: string) => fillsOtherFields(text, postgres, {}, "/password");
    expect(screenUserText("blue tiger jumps high", passwordAsk, { fillsOtherFields: check }).secret?.value).toBe("blue tiger jumps high");
    const token = "sk-proj-0123456789abcdefABCDEF";
    const mixed = screenUserText(`user reader, ${token}`, passwordAsk, { fillsOtherFields: check });
    expect(mixed.secret).toEqual({ path: "/password", value: token });
    expect(mixed.text).toBe(`user reader, ${REDACTED}`);
  });
});
