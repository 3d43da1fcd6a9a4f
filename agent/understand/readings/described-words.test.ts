// A value told by a word only one field's own text has (key, title, description).
import { describe, expect, it } from "vitest";
import { understandOffline } from "../offline.ts";
import { contextOf, definitionOf, setsOf } from "../testing/definition.ts";

const air = definitionOf("Airwatch", {
  latitude: { type: "string", description: "Latitude of the monitored location." },
  hours_to_forecast: { type: "integer", description: "Number of hours to forecast. Minimum 1, maximum 96." },
  historic_hours: { type: "integer", description: "Number of hours to retrieve from the Air Quality History stream." },
  blog_ids: { type: "array", title: "Blog IDs", description: "Brand ids to sync.", items: { type: "string" } },
});
const sets = (text: string) => setsOf(understandOffline(text, contextOf(air)));

describe("values told by a field's own words", () => {
  it("gives a number to the one field whose description speaks of the word beside it ('history I need 48 hours')", () => {
    expect(sets("latitude is 53.5, and for history I need 48 hours")).toEqual({ "/latitude": "53.5", "/historic_hours": 48 });
  });

  it("takes no number that counts things ('we have two brands') and none a word of two fields tells", () => {
    expect(sets("we have 2 brands")).toEqual({});
    expect(sets("I need 48 hours")).toEqual({});
  });
});

describe("lists told by a field's own words", () => {
  const news = definitionOf("Newswire", {
    domains: { type: "array", description: "A comma-separated string of domains (eg bbc.co.uk, techcrunch.com) to restrict the search to.", items: { type: "string" } },
    exclude_domains: { type: "array", description: "A comma-separated string of domains (eg bbc.co.uk, techcrunch.com) to remove from the results.", items: { type: "string" } },
    base: { type: "string", description: "Base currency of the rates." },
  });
  const sets = (text: string) => setsOf(understandOffline(text, contextOf(news)));

  it("takes the run of values said together, and a paraphrase of a field's word ('leave out' for exclude)", () => {
    expect(sets("restrict it to bbc.co.uk and theguardian.com, and leave out dailymail.co.uk.")).toEqual({ "/domains": ["bbc.co.uk", "theguardian.com"], "/exclude_domains": ["dailymail.co.uk"] });
  });

  it("takes no host-like word for a field whose own text shows none ('the base rates from ratesapi.io')", () => {
    expect(sets("I want the base rates from ratesapi.io")).toEqual({});
  });
});
