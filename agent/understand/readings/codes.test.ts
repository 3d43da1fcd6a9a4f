// Codes and described values said in passing, for the one field that takes them.
import { describe, expect, it } from "vitest";
import { understandOffline } from "../offline.ts";
import { contextOf, definitionOf, setsOf } from "../testing/definition.ts";

describe("a currency in passing", () => {
  const rates = definitionOf("Ratesly", {
    app_id: { type: "string", title: "App ID", airbyte_secret: true },
    base: { type: "string", description: "Change base currency (3-letter code, default is USD)", examples: ["EUR", "USD"] },
    start_date: { type: "string", title: "Start date", format: "date" },
  });
  const sets = (text: string) => setsOf(understandOffline(text, contextOf(rates, "/app_id")));

  it("gives the one currency field the currency named, not the one a contrast turns down", () => {
    expect(sets("oh, before I paste it: the rates should be against the Swiss franc rather than the dollar")).toEqual({ "/base": "CHF" });
    expect(sets("rates against the euro please")).toEqual({ "/base": "EUR" });
  });

  it("takes none where two currencies are named", () => {
    expect(sets("we sell in euros and in Swiss francs")).toEqual({});
  });
});

describe("countries and languages said in passing", () => {
  const news = definitionOf("Newsly", {
    country: { type: "array", title: "Country", items: { type: "string", enum: ["us", "gb", "ca", "de"] } },
    language: { type: "string", title: "Language", description: "The 2-letter code of the language.", enum: ["de", "en", "fr"] },
  });
  const sets = (text: string) => setsOf(understandOffline(text, contextOf(news)));

  it("hears 'the us' as the country, and 'us' alone as the pronoun", () => {
    expect(sets("news from the us uk and canada")).toMatchObject({ "/country": ["us", "gb", "ca"] });
    expect(sets("send us the news from canada")).toMatchObject({ "/country": ["ca"] });
  });

  it("hears a language's name after 'in' as the language, though it names a country too", () => {
    expect(sets("headlines from Germany, only articles written in German")).toEqual({ "/country": ["de"], "/language": "de" });
  });
});
