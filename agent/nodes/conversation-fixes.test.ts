// Conversation details a real person runs into: agreeing, connector picks and switches, greetings,
// modify sessions that have not failed a test, cancels with nothing open, values shown by title.
import { describe, expect, it, beforeAll } from "vitest";
import { Catalog, type Definition } from "../../specs/index.ts";
import { createSetupAgent } from "../setup-agent.ts";
import { converse } from "../testing/conversation.ts";
import { createMemoryCheckpoints, createMemoryPort } from "../memory-port.ts";

let catalog: Catalog;
let postgres: Definition;

beforeAll(async () => {
  catalog = await Catalog.load({ builtins: true });
  postgres = catalog.get("source-postgres")!;
});

function setup(definition: Definition | null, connector?: Parameters<typeof createMemoryPort>[0]["connector"]) {
  const port = createMemoryPort({ definition, ...(connector ? { connector } : {}) });
  const chat = converse(createSetupAgent({ catalog, checkpoints: createMemoryCheckpoints(), model: { kind: "offline" } }), port);
  return { port, chat };
}

describe("conversation details", () => {
  it("greets back in the connector phase instead of searching for 'hey there'", async () => {
    const { chat } = setup(null);
    await chat.send({ kind: "start" });
    const events = await chat.say("hey there");
    expect(chat.text(events)).toMatch(/Which system/);
    expect(chat.text(events)).not.toMatch(/couldn't find/);
  });

  it("picks a connector from words without 'Sorry, I didn't get that', and switches on 'I meant MySQL'", async () => {
    const { chat, port } = setup(null);
    await chat.send({ kind: "start" });
    const picked = await chat.say("I want to pull data from our Postgres");
    expect(chat.text(picked)).toMatch(/Postgres \(source\)/);
    expect(chat.text(picked)).not.toMatch(/didn't get that/);
    expect(chat.asked(picked)).toEqual(["/host"]);
    const switched = await chat.say("no wait, I meant MySQL");
    expect(chat.text(switched)).toMatch(/Switching to MySQL/);
    expect(port.form.definitionId).toBe(catalog.get("source-mysql")!.id);
    expect(chat.asked(switched)).toEqual(["/host"]);
  });

  it("takes 'that's right' as keeping the value shown, and 'the default one' as the default", async () => {
    const { chat, port } = setup(postgres);
    await chat.send({ kind: "start" });
    await chat.say("db.internal");
    const port5432 = await chat.say("the default one");
    expect(port.form.values.port).toBe(5432);
    expect(chat.asked(port5432)).toEqual(["/database"]);
    await chat.say("shop");
    const back = await chat.say("go back");
    expect(chat.asked(back)).toEqual(["/database"]);
    expect(chat.text(back)).toMatch(/currently shop/);
    const kept = await chat.say("that's right");
    expect(port.form.values.database).toBe("shop");
    expect(chat.text(kept)).toMatch(/Keeping Database = shop/);
    expect(chat.asked(kept)).toEqual(["/username"]);
  });

  it("in a modify session, answers 'what's the current host?' with the value and never says a test failed", async () => {
    const { chat } = setup(postgres, {
      id: "conn-1",
      values: { host: "db.internal", port: 5432, database: "shop", username: "reader", password: "**********" },
      secrets: { "/password": "sec_1" },
      secretValues: { sec_1: "x" },
    });
    await chat.send({ kind: "start" });
    const answer = await chat.say("what's the current host?");
    expect(chat.text(answer)).toMatch(/currently db\.internal/);
    expect(chat.text(answer)).not.toMatch(/failed test/);
    for (const text of ["hmm", "what is the port?", "ok"]) {
      const events = await chat.say(text);
      expect(events.some((event) => event.type === "session.cancelled")).toBe(false);
    }
  });

  it("tests on Test and save while only an optional secret is still open", async () => {
    const { chat, port } = setup(postgres);
    await chat.send({ kind: "start" });
    await chat.say("host db.internal port 5432 database shop user reader");
    expect(chat.pending()).toMatchObject({ path: "/password", required: false });
    const tested = await chat.send({ kind: "test.request" });
    expect(chat.text(tested)).not.toMatch(/still need/);
    expect(tested.some((event) => event.type === "test.started")).toBe(true);
    expect(port.saved).toHaveLength(1);
  });

  it("ignores a secret cancel when no secure field is open", async () => {
    const { chat } = setup(postgres);
    await chat.send({ kind: "start" });
    await chat.say("db.internal");
    const events = await chat.send({ kind: "secret.cancel", path: "/port" });
    expect(chat.text(events)).not.toMatch(/closed the secure field/);
  });
});
