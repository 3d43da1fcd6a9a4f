// What real people type in an opening or a correction: values in sentences, shapes without
// names, options said in passing, control words inside a sentence. Phrasings and the made-up
// "Widgetstore" connector differ from the eval cases on purpose.
import { describe, expect, it } from "vitest";
import { builtinDefinitions, questionAt, type Definition, type Question } from "../../specs/index.ts";
import { listFields } from "./fields.ts";
import { understandOffline } from "./offline.ts";
import type { UnderstandContext } from "./types.ts";

const builtin = (name: string) => builtinDefinitions().find((definition) => definition.name === name)!;

const widgetstore: Definition = {
  id: "00000000-0000-0000-0000-00000000beef",
  name: "source-widgetstore",
  kind: "source",
  displayName: "Widgetstore",
  origin: "test",
  connectionSpecification: {
    type: "object",
    required: ["hostname", "port", "export_file", "currency", "repositories"],
    properties: {
      hostname: { type: "string", title: "Hostname" },
      port: { type: "integer", title: "Port", default: 7070 },
      login: { type: "string", title: "Login" },
      region: { type: "string", title: "Region", description: "Datacenter region code of the account." },
      export_file: { type: "string", title: "Export", description: "Where the export is written." },
      currency: { type: "string", title: "Currency", description: "Quote currency (e.g. usd, eur, chf)." },
      repositories: { type: "array", items: { type: "string" }, title: "Repositories" },
      temperature_scale: { type: "string", enum: ["celsius", "fahrenheit", "kelvin"], title: "Temperature scale" },
      batch_count: { type: "integer", title: "Batch count" },
      timeout: { type: "integer", title: "Timeout", default: 30 },
      api_secret: { type: "string", title: "API secret", airbyte_secret: true },
    },
  },
};

function context(definition: Definition, pendingPath: string | null, values: Record<string, unknown> = {}): UnderstandContext {
  const pending = pendingPath ? (questionAt(definition, pendingPath, values) as Question) : null;
  return { definition, pending, fields: listFields(definition), values };
}

const understand = (definition: Definition, pending: string | null, text: string, values: Record<string, unknown> = {}) =>
  understandOffline(text, context(definition, pending, values));

describe("understandOffline: values by their shape", () => {
  it("splits host:port and reads abbreviations in a terse message", () => {
    expect(understand(builtin("source-postgres"), "/host", "postgres on db7.corp.local:6432 db orders login analyst")).toEqual([
      { kind: "set", path: "/host", value: "db7.corp.local" },
      { kind: "set", path: "/database", value: "orders" },
      { kind: "set", path: "/username", value: "analyst" },
      { kind: "set", path: "/port", value: 6432 },
    ]);
  });

  it("takes a one-word answer as the answer to the question asked, not as a host elsewhere", () => {
    expect(understand(builtin("source-postgres"), "/database", "reports.v2")).toEqual([{ kind: "set", path: "/database", value: "reports.v2" }]);
    expect(understand(builtin("source-postgres"), "/host", "10.9.8.7:15432")).toEqual([
      { kind: "set", path: "/host", value: "10.9.8.7" },
      { kind: "set", path: "/port", value: 15432 },
    ]);
  });

  it("reads host, port, user and database from a connection string, never its password", () => {
    const decisions = understand(builtin("source-postgres"), "/host", "here you go: postgres://etl%2Dbot:pw-not-here@pg3.example.io:6543/ledger");
    expect(decisions).toEqual([
      { kind: "set", path: "/host", value: "pg3.example.io" },
      { kind: "set", path: "/port", value: 6543 },
      { kind: "set", path: "/username", value: "etl-bot" },
      { kind: "set", path: "/database", value: "ledger" },
    ]);
    expect(JSON.stringify(decisions)).not.toContain("pw-not-here");
  });

  it("takes a number right after a host as its port", () => {
    expect(understand(widgetstore, "/hostname", "it lives on ws.lan.example, on the usual 8088")).toEqual([
      { kind: "set", path: "/hostname", value: "ws.lan.example" },
      { kind: "set", path: "/port", value: 8088 },
    ]);
    expect(understand(widgetstore, "/hostname", "ws2.example.org and it listens on 9099")).toEqual([
      { kind: "set", path: "/hostname", value: "ws2.example.org" },
      { kind: "set", path: "/port", value: 9099 },
    ]);
  });

  it("leaves the host of a URL to the URL field", () => {
    const decisions = understand(builtin("source-http-api"), "/base_url", "the service answers at https://api.acme.test:8443/v2");
    expect(decisions).toEqual([{ kind: "set", path: "/base_url", value: "https://api.acme.test:8443/v2" }]);
  });

  it("fills a file field from a path, even when the path holds the connector's name", () => {
    expect(understand(widgetstore, "/export_file", "write it to /srv/widgetstore/out.db and that's all")).toEqual([
      { kind: "set", path: "/export_file", value: "/srv/widgetstore/out.db" },
    ]);
  });

  it("recognises a value the field's description gives as an example", () => {
    expect(understand(widgetstore, "/hostname", "widgets priced in chf from ws.example.net")).toEqual([
      { kind: "set", path: "/hostname", value: "ws.example.net" },
      { kind: "set", path: "/currency", value: "chf" },
    ]);
  });
});

describe("understandOffline: names and values in sentences", () => {
  it("skips the words between a name and 'is called' / 'to'", () => {
    expect(understand(builtin("source-mysql"), "/host", "db.shop.lan; the schema our team reads is named sales")).toEqual([
      { kind: "set", path: "/host", value: "db.shop.lan" },
      { kind: "set", path: "/database", value: "sales" },
    ]);
    expect(understand(builtin("source-postgres"), null, "could you set the port of this source to 6001, nothing else", { port: 5432 })).toEqual([
      { kind: "set", path: "/port", value: 6001 },
    ]);
  });

  it("reads 'log in as' and 'account' as the user", () => {
    expect(understand(builtin("source-postgres"), "/username", "we always log in as etl_bot")).toEqual([{ kind: "set", path: "/username", value: "etl_bot" }]);
    expect(understand(builtin("source-mysql"), "/host", "host 10.0.0.7, the account is reporting")).toEqual([
      { kind: "set", path: "/host", value: "10.0.0.7" },
      { kind: "set", path: "/username", value: "reporting" },
    ]);
  });

  it("skips a word of the field's own description between the name and the value", () => {
    expect(understand(widgetstore, "/hostname", "ws.example.net, region code eu-central")).toEqual([
      { kind: "set", path: "/hostname", value: "ws.example.net" },
      { kind: "set", path: "/region", value: "eu-central" },
    ]);
  });

  it("reads values said before the name, for numbers and options", () => {
    expect(understand(builtin("source-sample-data"), "/dataset", "the events dataset please, 250 records and seed 3")).toEqual([
      { kind: "set", path: "/dataset", value: "events" },
      { kind: "set", path: "/record_count", value: 250 },
      { kind: "set", path: "/seed", value: 3 },
    ]);
    expect(understand(widgetstore, "/hostname", "ws.example.net with fahrenhiet temperature scale, 12 batches")).toEqual([
      { kind: "set", path: "/hostname", value: "ws.example.net" },
      { kind: "set", path: "/temperature_scale", value: "fahrenheit" },
      { kind: "set", path: "/batch_count", value: 12 },
    ]);
  });

  it("reads 'X for the field' and 'X as the field'", () => {
    expect(understand(builtin("source-postgres"), "/database", "put 6002 for the port")).toEqual([{ kind: "set", path: "/port", value: 6002 }]);
    expect(understand(builtin("source-postgres"), "/host", "pg.lan.example, with billing as the database")).toEqual([
      { kind: "set", path: "/host", value: "pg.lan.example" },
      { kind: "set", path: "/database", value: "billing" },
    ]);
  });

  it("takes the default for fields the person says to keep as they are", () => {
    expect(understand(widgetstore, "/hostname", "ws.example.net; leave the defaults for port and timeout")).toEqual([
      { kind: "set", path: "/hostname", value: "ws.example.net" },
      { kind: "set", path: "/port", value: 7070 },
      { kind: "set", path: "/timeout", value: 30 },
    ]);
  });

  it("reads a singular name of a list field and stops the list at the first wordy item", () => {
    expect(understand(widgetstore, "/hostname", "ws.example.net, just the repo octo/cat for now")).toEqual([
      { kind: "set", path: "/hostname", value: "ws.example.net" },
      { kind: "set", path: "/repositories", value: ["octo/cat"] },
    ]);
  });

  it("does not take a secret named in passing for a secret typed in chat", () => {
    const decisions = understand(widgetstore, "/hostname", "ws.example.net; the api secret comes later");
    expect(decisions).toEqual([{ kind: "set", path: "/hostname", value: "ws.example.net" }]);
  });
});

describe("understandOffline: options in passing", () => {
  it("picks an option whose title appears in the sentence, before that option's own fields", () => {
    expect(understand(builtin("source-http-api"), "/base_url", "https://api.acme.test/v1 behind basic authentication, user name ops")).toEqual([
      { kind: "choose", path: "/auth", optionIndex: 3 },
      { kind: "set", path: "/base_url", value: "https://api.acme.test/v1" },
      { kind: "set", path: "/auth/username", value: "ops" },
    ]);
  });

  it("does not read an option out of a URL", () => {
    const decisions = understand(builtin("source-http-api"), "/base_url", "https://id.acme.test/oauth2/api");
    expect(decisions).toEqual([{ kind: "set", path: "/base_url", value: "https://id.acme.test/oauth2/api" }]);
  });

  it("finds a misspelled option of the pending choice in a longer message", () => {
    expect(understand(builtin("destination-dev-null"), "/test_destination", "just a dev null sink, loging mode I guess")).toEqual([
      { kind: "choose", path: "/test_destination", optionIndex: 1 },
    ]);
  });

  it("keeps the option a longer answer names, even when the field's name in it reads oddly", () => {
    expect(understand(builtin("source-postgres"), "/replication_method", "Logical replication (CDC) please, that is what our DBA set up")).toEqual([
      { kind: "choose", path: "/replication_method", optionIndex: 2 },
    ]);
  });

  it("finds a misspelled enum value of the pending field in a longer message", () => {
    expect(understand(builtin("source-sample-data"), "/dataset", "sample data with evnts in it")).toEqual([
      { kind: "set", path: "/dataset", value: "events" },
    ]);
  });
});

describe("understandOffline: what is not a value", () => {
  it("hears a message that only names the connector as talk about the connector", () => {
    expect(understand(builtin("source-postgres"), "/host", "Postgres, please")).toEqual([{ kind: "chitchat", topic: "connector" }]);
  });

  it("takes the connector's name as an answer once the person has answered something", () => {
    const answered = { host: "127.0.0.1", port: 5432, database: "test" };
    expect(understand(builtin("source-postgres"), "/username", "postgres", answered)).toEqual([{ kind: "set", path: "/username", value: "postgres" }]);
    expect(understand(builtin("source-postgres"), "/username", "postgres please", answered)).toEqual([{ kind: "set", path: "/username", value: "postgres" }]);
  });

  it("lets a control word opening a sentence win over a bare answer", () => {
    expect(understand(builtin("source-postgres"), "/database", "Hmm, stop. Let me ask IT first.")).toEqual([{ kind: "cancel" }]);
    expect(understand(builtin("source-postgres"), "/database", "no, start over. wrong server")).toEqual([{ kind: "start_over" }]);
    // A value that is literally a control word can still be given.
    expect(understand(builtin("source-postgres"), "/database", "it's cancel")).toEqual([{ kind: "set", path: "/database", value: "cancel" }]);
  });
});
