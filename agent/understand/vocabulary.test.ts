// A definition's vocabulary: what each field is called, the shape of value it takes, the names of
// its choices. Read from inline specs so each test shows the spec part a behaviour comes from.
import { describe, expect, it } from "vitest";
import { analyze } from "./analyze.ts";
import { findName, stemOf, vocabularyOf } from "./vocabulary.ts";
import { definitionOf } from "./testing/definition.ts";

const orchard = definitionOf("Orchard Metrics Database", {
  warehouse_name: { type: "string", title: "Warehouse Name" },
  tenant_subdomain: { type: "string", title: "Tenant" },
  archive_column: { type: "string", title: "Archive column" },
  notes: { type: "string", title: "Notes" },
  listen_port: { type: "integer", title: "Listen port" },
  host: { type: "string", title: "Public endpoint", examples: ["https://my-cluster.orchard.example"] },
  cluster: { type: "string", title: "Cluster", enum: ["APAC (Tokyo)", "APAC (Osaka)", "Europe (Milan)"] },
  grain: { type: "string", title: "Grain", enum: ["hourly rollup rows", "daily rollup rows", "raw sensor events"] },
  market: { type: "string", title: "Market", description: "Two-letter country code.", enum: ["JP", "IT", "NZ"] },
  database_name: { type: "string", title: "Name of the store" },
  default_schema: { type: "string", title: "Default schema" },
});

const vocabulary = vocabularyOf(orchard);
const field = (key: string) => vocabulary.byPath.get(`/${key}`)!;
const said = (key: string, text: string) => field(key).names.some((name) => findName(analyze(text), name).length > 0);
const choiceSaid = (key: string, text: string) =>
  field(key)
    .choices!.filter((choice) => choice.names.some((name) => findName(analyze(text), name).length > 0))
    .map((choice) => choice.value);

describe("vocabularyOf", () => {
  it("gives the name of a one-word thing one word, a subdomain the domain shape, free text the text shape", () => {
    expect(field("warehouse_name").shape).toBe("one-word");
    expect(field("archive_column").shape).toBe("one-word");
    expect(field("tenant_subdomain").shape).toBe("domain");
    expect(field("notes").shape).toBe("text");
    expect(field("listen_port").shape).toBe("port");
    // A "host" whose examples are URLs takes a URL.
    expect(field("host").shape).toBe("url");
  });

  it("calls a *_name field what its thing is called ('db' for database_name)", () => {
    expect(said("database_name", "the db is orchard_main")).toBe(true);
  });

  it("lets a sibling whose key ends in a word own that word", () => {
    // "schema" is a usual synonym of database, but default_schema beside it is the one so called.
    expect(field("database_name").names.some((name) => name.text === "schema")).toBe(false);
  });

  it("keeps an enum value's brackets: the city tells two values of a region apart", () => {
    expect(choiceSaid("cluster", "we are on APAC (Osaka)")).toEqual(["APAC (Osaka)"]);
    expect(choiceSaid("cluster", "the Milan one")).toEqual(["Europe (Milan)"]);
  });

  it("names a longer enum value by two of its own neighbouring words", () => {
    expect(choiceSaid("grain", "give us the daily rollup please")).toEqual(["daily rollup rows"]);
    expect(choiceSaid("grain", "raw sensor data")).toEqual(["raw sensor events"]);
  });

  it("names country codes by the country", () => {
    expect(choiceSaid("market", "our shops are in New Zealand")).toEqual(["NZ"]);
  });

  it("counts the connector's name, and the short forms of its words, as the connector", () => {
    expect(vocabulary.connectorStems.has(stemOf("orchard"))).toBe(true);
    expect(vocabulary.connectorStems.has(stemOf("db"))).toBe(true);
  });
});
