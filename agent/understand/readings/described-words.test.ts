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
