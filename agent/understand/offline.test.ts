import { beforeAll, describe, expect, it } from "vitest";
import { builtinDefinitions, questionAt, type Definition, type Question } from "../../specs/index.ts";
import { corpusDefinition, corpusPresent } from "../../specs/testing/corpus.ts";
import { listFields } from "./fields.ts";
import { understandOffline } from "./offline.ts";
import type { UnderstandContext } from "./types.ts";

let postgres: Definition;
let airbytePostgres: Definition;
let stripe: Definition;

beforeAll(async () => {
  postgres = builtinDefinitions().find((definition) => definition.name === "source-postgres")!;
  if (!corpusPresent) return;
  airbytePostgres = corpusDefinition("source-postgres");
  stripe = corpusDefinition("source-stripe");
});

function context(definition: Definition, pendingPath: string | null, values: Record<string, unknown> = {}): UnderstandContext {
  const pending = pendingPath ? (questionAt(definition, pendingPath, values) as Question) : null;
  return { definition, pending, fields: listFields(definition), values };
}

describe.skipIf(!corpusPresent)("understandOffline: values", () => {
  it("fills four fields from one message", () => {
    expect(understandOffline("host db.internal port 5433, database shop, user reader", context(postgres, "/host"))).toEqual([
      { kind: "set", path: "/host", value: "db.internal" },
      { kind: "set", path: "/port", value: 5433 },
      { kind: "set", path: "/database", value: "shop" },
      { kind: "set", path: "/username", value: "reader" },
    ]);
  });

  it("reads an opening sentence with values in it", () => {
    const decisions = understandOffline("Hi! I need to hook up our Postgres. Host db.internal, database shop.", context(postgres, "/host"));
    expect(decisions).toEqual([
      { kind: "set", path: "/host", value: "db.internal" },
      { kind: "set", path: "/database", value: "shop" },
    ]);
  });

  it.each([
    ["5432", 5432],
    ["it's 5433", 5433],
    ["use 6543", 6543],
    ["6543 please", 6543],
    ["set it to 7000", 7000],
  ])("answers the pending integer question from %j", (text, value) => {
    expect(understandOffline(text, context(postgres, "/port"))).toEqual([{ kind: "set", path: "/port", value }]);
  });

  it("takes a bare host with dots as the pending answer, not as a field name", () => {
    expect(understandOffline("db.internal", context(postgres, "/host"))).toEqual([{ kind: "set", path: "/host", value: "db.internal" }]);
  });

  it("reads a list from commas", () => {
    expect(understandOffline("public, sales", context(postgres, "/schemas"))).toEqual([
      { kind: "set", path: "/schemas", value: ["public", "sales"] },
    ]);
  });

  it("picks a oneOf option by title, const or a misspelling", () => {
    const options = (text: string) => understandOffline(text, context(postgres, "/ssl_mode"));
    expect(options("verify-full")).toEqual([{ kind: "choose", path: "/ssl_mode", optionIndex: 5 }]);
    expect(options("Require please")).toEqual([{ kind: "choose", path: "/ssl_mode", optionIndex: 3 }]);
    expect(options("disabel")).toEqual([{ kind: "choose", path: "/ssl_mode", optionIndex: 0 }]);
    expect(understandOffline("Logical replication (CDC)", context(postgres, "/replication_method"))).toEqual([
      { kind: "choose", path: "/replication_method", optionIndex: 2 },
    ]);
  });

  it("turns a natural date into the format the field wants", () => {
    expect(understandOffline("since Jan 1st 2023", context(stripe, "/account_id"))).toEqual([
      { kind: "set", path: "/start_date", value: "2023-01-01T00:00:00Z" },
    ]);
    expect(understandOffline("March 3 2024", context(stripe, "/start_date"))).toEqual([
      { kind: "set", path: "/start_date", value: "2024-03-03T00:00:00Z" },
    ]);
  });

  it("reads a correction of an answered field", () => {
    const values = { host: "db.internal", port: 5433 };
    expect(understandOffline("actually the port is 6543", context(postgres, "/database", values))).toEqual([
      { kind: "set", path: "/port", value: 6543 },
    ]);
    expect(understandOffline("change the host to db2.internal", context(postgres, "/database", values))).toEqual([
      { kind: "set", path: "/host", value: "db2.internal" },
    ]);
  });

  it("never takes a secret field's value from chat", () => {
    const decisions = understandOffline("user reader, password hunter2", context(postgres, "/username"));
    expect(decisions).toEqual([
      { kind: "set", path: "/username", value: "reader" },
      { kind: "secret_in_chat", path: "/password" },
    ]);
    expect(JSON.stringify(decisions)).not.toContain("hunter2");
    expect(JSON.stringify(understandOffline("s3cr3t", context(postgres, "/password")))).not.toContain("s3cr3t");
  });

  it("explains why a value does not fit", () => {
    expect(understandOffline("lots", context(postgres, "/port"))).toEqual([
      { kind: "invalid", path: "/port", text: "lots", reason: '"lots" is not a whole number' },
    ]);
  });

  it("reads yes/no for booleans on an Airbyte spec", () => {
    const fields = listFields(airbytePostgres);
    const boolean = fields.find((field) => field.type === "boolean" && !field.secret);
    if (!boolean) return;
    expect(understandOffline("yes", context(airbytePostgres, boolean.path))).toEqual([{ kind: "set", path: boolean.path, value: true }]);
    expect(understandOffline("off", context(airbytePostgres, boolean.path))).toEqual([{ kind: "set", path: boolean.path, value: false }]);
  });
});

describe.skipIf(!corpusPresent)("understandOffline: intents", () => {
  it.each([
    ["skip", "skip"],
    ["skip this one", "skip"],
    ["I don't know", "dont_know"],
    ["no idea, where do I find it?", "dont_know"],
    ["go back", "back"],
    ["previous question please", "back"],
    ["start over", "start_over"],
    ["cancel", "cancel"],
    ["cancel the setup", "cancel"],
    ["default", "use_default"],
    ["", "use_default"],
    ["test it", "test"],
  ])("%j → %s", (text, kind) => {
    expect(understandOffline(text, context(postgres, "/port"))).toEqual([{ kind }]);
  });

  it("answers a question about a named field, or about the pending one", () => {
    expect(understandOffline("what is a replication slot?", context(airbytePostgres, "/host"))).toEqual([
      { kind: "question", path: "/replication_method/replication_slot" },
    ]);
    expect(understandOffline("what does this mean?", context(postgres, "/jdbc_url_params"))).toEqual([
      { kind: "question", path: "/jdbc_url_params" },
    ]);
  });

  it("treats 'no' as an answer to a yes/no question, not a skip", () => {
    const fields = listFields(airbytePostgres);
    const boolean = fields.find((field) => field.type === "boolean");
    if (!boolean) return;
    expect(understandOffline("no", context(airbytePostgres, boolean.path))).toEqual([{ kind: "set", path: boolean.path, value: false }]);
  });
});

describe("understandOffline: what is not an answer", () => {
  it("greets back instead of taking a greeting as the host", () => {
    expect(understandOffline("hello", context(postgres, "/host"))).toEqual([{ kind: "chitchat" }]);
  });

  it("hears talk about the connector itself as such", () => {
    expect(understandOffline("Set up postgres please", context(postgres, "/host"))).toEqual([{ kind: "chitchat", topic: "connector" }]);
  });

  it("refuses a sentence for a one-word field", () => {
    expect(understandOffline("the big server in the basement", context(postgres, "/host"))[0]).toMatchObject({ kind: "invalid", path: "/host" });
  });

  it("takes a bare 'test' as a database name, not as a request to test", () => {
    expect(understandOffline("test", context(postgres, "/database"))).toEqual([{ kind: "set", path: "/database", value: "test" }]);
    expect(understandOffline("test the connection", context(postgres, "/database"))).toEqual([{ kind: "test" }]);
  });
});

describe.skipIf(!corpusPresent)("understandOffline: lead-ins", () => {
  it("takes only a host-shaped word from a lead-in sentence", () => {
    expect(understandOffline("Postgres at 127.0.0.1 port 5432, database test, user postgres", context(postgres, "/host"))).toEqual([
      { kind: "set", path: "/host", value: "127.0.0.1" },
      { kind: "set", path: "/port", value: 5432 },
      { kind: "set", path: "/database", value: "test" },
      { kind: "set", path: "/username", value: "postgres" },
    ]);
  });

  it("names an *_id field by its stem", () => {
    expect(understandOffline("Stripe account acct_123abc, start date Jan 1st 2023", context(stripe, "/account_id"))).toEqual([
      { kind: "set", path: "/account_id", value: "acct_123abc" },
      { kind: "set", path: "/start_date", value: "2023-01-01T00:00:00Z" },
    ]);
  });
});
