// How a field is called (its title without the connector's name, a title's telling last word, a
// name finished by "name"), and the words of talk that are never a value.
import { describe, expect, it } from "vitest";
import { understandOffline } from "./offline.ts";
import { contextOf, definitionOf, setsOf } from "./testing/definition.ts";

const lake = definitionOf(
  "Quarry Lake",
  {
    quarry_bucket_name: { type: "string", title: "Quarry Bucket Name" },
    quarry_bucket_path: { type: "string", title: "Quarry Bucket Path", examples: ["sync/test"] },
    quarry_region: { type: "string", title: "Quarry Region" },
    host: { type: "string", title: "Host", description: "Like acct.region.quarry.io" },
    username: { type: "string", title: "Username" },
    tables: {
      type: "array",
      title: "Tables",
      items: { type: "object", properties: { name: { type: "string", title: "Name" }, pattern: { type: "string", title: "Pattern" } } },
    },
  },
  ["quarry_bucket_name", "tables"],
);

describe("names", () => {
  it("calls a field by its title without the connector's words, or by the title's last word no other title has", () => {
    expect(setsOf(understandOffline("bucket lake-01, path exports/crm, region north-7", contextOf(lake, "/host")))).toMatchObject({
      "/quarry_bucket_name": "lake-01",
      "/quarry_bucket_path": "exports/crm",
    });
  });

  it("calls no switch or secret by its title's last word alone", () => {
    const shop = definitionOf("Quarry Shop", {
      skip_locked_tables: { type: "boolean", title: "Skip Locked Tables" },
      host: { type: "string", title: "Host" },
      access_token: { type: "string", title: "Access Token", airbyte_secret: true },
    });
    const sets = setsOf(understandOffline("our tables are on db1.quarry.io, not the replica", contextOf(shop, "/host")));
    expect(sets["/skip_locked_tables"]).toBeUndefined();
  });

  it("finishes a field's name with 'name' said after it, instead of calling the field named Name", () => {
    const sets = setsOf(understandOffline("Bucket name is lake-raw-02, thanks", contextOf(lake, "/host")));
    expect(sets["/quarry_bucket_name"]).toBe("lake-raw-02");
    expect(sets["/tables/0/name"]).toBeUndefined();
  });

  it("reads a folder path whole, and 'w/' as the word with", () => {
    expect(setsOf(understandOffline("path data/raw/events please", contextOf(lake, "/host")))).toMatchObject({ "/quarry_bucket_path": "data/raw/events" });
    expect(setsOf(understandOffline("csv w/ headers", contextOf(lake, "/quarry_bucket_path")))["/quarry_bucket_path"]).toBeUndefined();
  });

  it("gives a whole host named by a loose synonym of another field to the field that takes hosts", () => {
    const sets = setsOf(understandOffline("The account is ab12.north-7.quarry.io and the user is LOADER", contextOf(lake, "/quarry_bucket_name")));
    expect(sets).toMatchObject({ "/host": "ab12.north-7.quarry.io", "/username": "LOADER" });
  });
});

describe("words of talk", () => {
  it("takes 'to' as a link after a verb of setting or before a value's marks, not as a preposition", () => {
    const sets = setsOf(understandOffline("we copy from the bucket to another place", contextOf(lake, "/host")));
    expect(sets["/quarry_bucket_name"]).toBeUndefined();
    expect(setsOf(understandOffline("set the bucket to archive", contextOf(lake, "/host")))).toMatchObject({ "/quarry_bucket_name": "archive" });
    expect(setsOf(understandOffline("bucket to lake_7", contextOf(lake, "/host")))).toMatchObject({ "/quarry_bucket_name": "lake_7" });
  });

  it("neither stores nor says back a word that stands where a value might ('one table is enough')", () => {
    const decisions = understandOffline("one table is enough for now", contextOf(lake, "/quarry_bucket_name"));
    expect(decisions.filter((decision) => decision.kind === "set" || decision.kind === "invalid")).toEqual([]);
  });
});

describe("names given by a verb of naming, and addresses a field's examples show", () => {
  const files = definitionOf(
    "Filely",
    {
      dataset_name: { type: "string", title: "Dataset Name" },
      url: { type: "string", title: "URL", examples: ["https://example.com/data.csv", "gs://bucket/data.csv", "s3://bucket/data.csv"] },
      host: { type: "string", title: "Host" },
    },
    ["dataset_name", "url"],
  );

  it("takes an s3:// address whole for a URL field whose examples show s3:// addresses", () => {
    expect(setsOf(understandOffline("it lives at s3://open-exports/2023/rows.parquet, no keys needed", contextOf(files, "/host")))).toEqual({ "/url": "s3://open-exports/2023/rows.parquet" });
  });

  it("takes 'call the table X' as the name asked, and 'call it X' as the name of a field named before", () => {
    expect(setsOf(understandOffline("grab that file. Call the table rows_2023.", contextOf(files, "/dataset_name")))).toMatchObject({ "/dataset_name": "rows_2023" });
    expect(setsOf(understandOffline("one table is plenty, call it sales_raw", contextOf(lake, "/host")))).toMatchObject({ "/tables/0/name": "sales_raw" });
  });
});


describe("names from parts of a title, and period words for durations", () => {
  const ads = definitionOf("Adsly", {
    organization_ids: { type: "array", title: "Organization IDs", items: { type: "string" } },
    click_through_attribution_window: { type: "string", title: "Click Through Attribution Window", enum: ["1_DAY", "7_DAY", "28_DAY"] },
    view_attribution_window: { type: "string", title: "View Attribution Window", enum: ["1_HOUR", "3_HOUR", "1_DAY"] },
    granularity: { type: "string", title: "Granularity", enum: ["15min", "60min", "1d"] },
  });

  it("names a number of the field's unit by its period word too ('weekly' for 7 days)", () => {
    const popular = definitionOf("Populy", { api_key: { type: "string", title: "API key", airbyte_secret: true }, span: { type: "integer", title: "Span", description: "Length of the span (in days)", enum: [1, 7, 30] } });
    expect(setsOf(understandOffline("most read stories, the weekly lists please", contextOf(popular, "/api_key")))).toMatchObject({ "/span": 7 });
  });

  it("calls a long title by two of its words side by side, one no other title has", () => {
    expect(setsOf(understandOffline("click window 7 days, view window 3 hrs", contextOf(ads, "/granularity")))).toMatchObject({
      "/click_through_attribution_window": "7_DAY",
      "/view_attribution_window": "3_HOUR",
    });
  });

  it("calls a list of ids by the short form of its thing, and a duration by its period word", () => {
    expect(setsOf(understandOffline("org 41c0e9d2-3a5b-4c6d-8e7f-9a0b1c2d3e4f, hourly granularity", contextOf(ads, "/granularity")))).toMatchObject({
      "/organization_ids": ["41c0e9d2-3a5b-4c6d-8e7f-9a0b1c2d3e4f"],
      "/granularity": "60min",
    });
  });
});

describe("values written out, hosts for URLs, and titles said apart", () => {
  const forge = definitionOf("Forgely", {
    api_url: { type: "string", title: "API URL", examples: ["forgely.com", "https://forgely.com"] },
    teams_list: { type: "array", title: "Teams", items: { type: "string" }, examples: ["acme.io"] },
    repos_list: { type: "array", title: "Repos", items: { type: "string" } },
    date_chunk_size: { type: "integer", title: "Date chunking window (days)" },
    page_size: { type: "integer", title: "Page size" },
  });

  it("takes a pasted list as written though its items lack the examples' marks, and a bare host for a URL whose examples are bare hosts", () => {
    const text = "forge.northwind.dev\nteams: core, infra-ops\nrepos: core/api and infra-ops/terraform";
    expect(setsOf(understandOffline(text, contextOf(forge, "/page_size")))).toMatchObject({
      "/api_url": "forge.northwind.dev",
      "/teams_list": ["core", "infra-ops"],
      "/repos_list": ["core/api", "infra-ops/terraform"],
    });
  });

  it("names a title by two of its words a few words apart around a number joined to its unit", () => {
    expect(setsOf(understandOffline("chunk the data in 10-day windows", contextOf(forge, "/page_size")))).toMatchObject({ "/date_chunk_size": 10 });
  });
});

describe("names shared by siblings, and verbs after a name", () => {
  const staging = definitionOf("Galaxyly", {
    store: {
      type: "object",
      title: "Store",
      properties: {
        gcs_bucket_name: { type: "string", title: "GCS Bucket Name" },
        gcs_bucket_path: { type: "string", title: "GCS Bucket Path" },
        gcs_hmac_key: { type: "string", title: "HMAC key", airbyte_secret: true },
      },
    },
    host: { type: "string", title: "Host" },
  });

  it("calls a field without the word every sibling's key shares, and reads no verb after its name as its value", () => {
    const sets = setsOf(understandOffline("staging: bucket galaxy-stage-01, and the bucket sits in Frankfurt", contextOf(staging, "/host")));
    expect(sets).toMatchObject({ "/store/gcs_bucket_name": "galaxy-stage-01" });
    expect(setsOf(understandOffline("the bucket lives in Frankfurt", contextOf(staging, "/host")))["/store/gcs_bucket_name"]).toBeUndefined();
    expect(setsOf(understandOffline("bucket galaxy with a path", contextOf(staging, "/host")))).toMatchObject({ "/store/gcs_bucket_name": "galaxy" });
  });
});

describe("a title's telling word before a name's tail", () => {
  const lake = definitionOf("Lakeside", {
    hostname: { type: "string", title: "Server Hostname" },
    database: { type: "string", title: "Lakeside Unity Catalog Name" },
    schema: { type: "string", title: "Default Schema" },
  }, ["hostname", "database"]);

  it("calls 'Unity Catalog Name' the catalog", () => {
    expect(setsOf(understandOffline("host lake.example.net, catalog main.", contextOf(lake, "/hostname")))).toEqual({ "/hostname": "lake.example.net", "/database": "main" });
  });
});

describe("heads of titles", () => {
  const station = definitionOf("Fieldnet", {
    api_key: { type: "string", title: "API Key", airbyte_secret: true },
    unit_of_measure: { type: "string", title: "Unit of Measure", enum: ["E", "M"] },
    max_batch_size: { type: "integer", title: "Max Batch Size", description: "Max amount of readings in one batch" },
    wait: { type: "integer", title: "Max Wait Time" },
  }, ["api_key"]);

  it("calls 'Unit of Measure' the units, and reads 'five readings per batch' for the batch size", () => {
    expect(setsOf(understandOffline("in metric units please, and pull five readings per batch", contextOf(station, "/api_key")))).toEqual({ "/unit_of_measure": "M", "/max_batch_size": 5 });
  });
});

describe("values named after them", () => {
  const idp = definitionOf("Gatekeep", {
    domain: { type: "string", title: "Gatekeep domain", description: "The Gatekeep domain, e.g. acme for acme.gatekeep.example" },
    is_sandbox: { type: "boolean", title: "Sandbox", default: false },
    api_token: { type: "string", title: "API Token", airbyte_secret: true },
  }, ["domain", "api_token"]);

  it("takes the value a parenthesis after it names ('(that's our domain)'), and calls a sandbox switch the test environment", () => {
    expect(setsOf(understandOffline("Gatekeep for northwind-health (that's our Gatekeep domain), our test environment, not prod", contextOf(idp, "/api_token")))).toEqual({ "/domain": "northwind-health", "/is_sandbox": true });
    expect(setsOf(understandOffline("domain acme, and it is not the test environment", contextOf(idp, "/api_token")))).toEqual({ "/domain": "acme", "/is_sandbox": false });
  });
});

describe("described phrases and verbs", () => {
  const broker = definitionOf("Tradewell", {
    login: { type: "string", title: "Login", description: "Partner Account Reference for the trading desk" },
    secret: { type: "string", title: "Secret", description: "Your Tradewell desk password", airbyte_secret: true },
    venue: { type: "string", title: "Venue", description: "Where orders go: 'live', 'simulated' or 'sandbox'.", enum: ["live", "sim", "sandbox"] },
  }, ["login", "venue"]);

  it("names a generic field by its description's phrase said without its first word ('account reference')", () => {
    expect(setsOf(understandOffline("account reference is PX-20411, go", contextOf(broker, "/venue")))).toEqual({ "/login": "PX-20411" });
  });

  it("reads a word said as a verb after its subject as no option ('we only test ideas'), and asks back when two options compete", () => {
    expect(setsOf(understandOffline("the simulated one, we only test ideas there", contextOf(broker, "/venue")))).toEqual({ "/venue": "sim" });
    const torn = understandOffline("the simulated one, or the staging one", contextOf(broker, "/venue"));
    expect(torn).toEqual([{ kind: "confirm", path: "/venue", value: "sim" }]);
  });
});
