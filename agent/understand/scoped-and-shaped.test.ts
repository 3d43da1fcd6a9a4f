// One message that answers some fields and says "no idea" / "no X" about another, option words
// said in passing, values recognised by the shape of the spec's examples.
import { describe, expect, it } from "vitest";
import { builtinDefinitions, questionAt, type Definition, type Question } from "../../specs/index.ts";
import { corpusDefinition, corpusPresent } from "../../specs/testing/corpus.ts";
import { listFields } from "./fields.ts";
import { understandOffline } from "./offline.ts";
import type { UnderstandContext } from "./types.ts";

const builtin = (name: string) => builtinDefinitions().find((definition) => definition.name === name)!;

function context(definition: Definition, pendingPath: string | null, values: Record<string, unknown> = {}): UnderstandContext {
  const pending = pendingPath ? (questionAt(definition, pendingPath, values) as Question) : null;
  return { definition, pending, fields: listFields(definition), values };
}

describe("scoped intents", () => {
  const postgres = builtin("source-postgres");
  const mysql = builtin("source-mysql");

  it("applies 'no idea about the port' to the port only and keeps the other values", () => {
    const decisions = understandOffline(
      "I need to connect our Postgres. It runs on 127.0.0.1, database test, user postgres. No idea about the port.",
      context(postgres, "/host"),
    );
    expect(decisions).toEqual(
      expect.arrayContaining([
        { kind: "set", path: "/host", value: "127.0.0.1" },
        { kind: "set", path: "/database", value: "test" },
        { kind: "set", path: "/username", value: "postgres" },
        { kind: "dont_know", path: "/port" },
      ]),
    );
  });

  it("reads '(no password needed)' as skipping the password, inside a longer answer", () => {
    const decisions = understandOffline("The database is called test and I log in as root (no password needed).", context(mysql, "/host"));
    expect(decisions).toEqual(expect.arrayContaining([{ kind: "skip", path: "/password" }, { kind: "set", path: "/username", value: "root" }]));
    expect(decisions.some((decision) => decision.kind === "secret_in_chat")).toBe(false);
  });

  it.skipIf(!corpusPresent)("picks the 'none' option of a choice for 'no X'", () => {
    const destination = corpusDefinition("destination-postgres");
    const decisions = understandOffline("host db.internal, no ssh tunnel", context(destination, "/host"));
    const chosen = decisions.find((decision) => decision.kind === "choose" && decision.path === "/tunnel_method");
    expect(chosen).toBeDefined();
    const options = questionAt(destination, "/tunnel_method", {})!.options!;
    expect(options.find((option) => option.index === (chosen as { optionIndex: number }).optionIndex)?.title).toMatch(/^no tunnel/i);
    expect(decisions).toContainEqual({ kind: "set", path: "/host", value: "db.internal" });
  });

  it("leaves a whole-message 'I don't know' to the question asked, and a question about a field alone", () => {
    expect(understandOffline("I don't know", context(postgres, "/port"))).toEqual([{ kind: "dont_know" }]);
    expect(understandOffline("not sure what the port is for?", context(postgres, "/host"))[0]).toMatchObject({ kind: "question" });
  });
});

describe("option words in passing", () => {
  const mysql = builtin("source-mysql");

  it("picks the option only it names, when the message speaks of that choice", () => {
    const decisions = understandOffline("host 127.0.0.1. Cursor-based updates are fine for us, thanks!", context(mysql, "/host"));
    expect(decisions).toContainEqual({ kind: "choose", path: "/replication_method", optionIndex: expect.any(Number) });
    const chosen = decisions.find((decision) => decision.kind === "choose")!;
    const question = questionAt(mysql, "/replication_method", {})!;
    expect(question.options!.find((option) => option.index === (chosen as { optionIndex: number }).optionIndex)?.title).toMatch(/cursor/i);
  });

  it("does not pick an option from a short word said about something else, nor from the connector's name", () => {
    // "log" is a word of "Binary log (CDC)", and "mysql" of the connector: neither picks.
    expect(understandOffline("I log in as root on our mysql box", context(mysql, "/host")).some((decision) => decision.kind === "choose")).toBe(false);
  });

  it("picks by a long word only one option of the connector has, even without the choice's name", () => {
    const chosen = understandOffline("mysql at 127.0.0.1:3306, user root, plain cursor-based sync", context(mysql, "/host")).find((decision) => decision.kind === "choose");
    const question = questionAt(mysql, "/replication_method", {})!;
    expect(question.options!.find((option) => option.index === (chosen as { optionIndex: number } | undefined)?.optionIndex)?.title).toMatch(/cursor/i);
  });
});

describe.skipIf(!corpusPresent)("values shaped like the spec's examples", () => {
  it("takes 'TSCO.LON' as the symbol (examples AAPL, TSCO.LON) without the field being named", () => {
    const alpha = corpusDefinition("source-alpha-vantage");
    const decisions = understandOffline("Alpha Vantage for TSCO.LON please", context(alpha, null));
    expect(decisions).toContainEqual({ kind: "set", path: "/symbol", value: "TSCO.LON" });
    // A plain word never matches an example's shape.
    expect(understandOffline("Alpha Vantage for apple please", context(alpha, null)).some((decision) => "path" in decision && decision.path === "/symbol")).toBe(false);
  });
});
