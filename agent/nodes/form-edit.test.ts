// In step with the form: after an edit in the form view the agent says what the form now holds,
// never cites the old value, and an invalid value from the form is not offered "to keep".
import { beforeAll, describe, expect, it } from "vitest";
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

async function started() {
  const port = createMemoryPort({ definition: postgres });
  const chat = converse(createSetupAgent({ catalog, checkpoints: createMemoryCheckpoints(), model: { kind: "offline" } }), port);
  await chat.send({ kind: "start" });
  await chat.say("pg-main.example.org");
  await chat.say("6432");
  return { port, chat };
}

describe("form edits", () => {
  it("says the new value and goes on with the question it was asking", async () => {
    const { port, chat } = await started();
    await port.patchForm([{ op: "set", path: "/host", value: "pg-replica.example.org" }], "form");
    const events = await chat.send({ kind: "form.changed", paths: ["/host"] });
    expect(chat.text(events)).toMatch(/Host = pg-replica\.example\.org/);
    expect(chat.text(events)).not.toMatch(/pg-main/);
    expect(chat.asked(events)).toEqual(["/database"]);
    const explained = await chat.say("what was the host again?");
    expect(chat.text(explained)).toMatch(/currently pg-replica\.example\.org/);
  });

  it("answers the question asked when the form fills it, and asks the next", async () => {
    const { port, chat } = await started();
    await port.patchForm([{ op: "set", path: "/database", value: "ledger" }], "form");
    const events = await chat.send({ kind: "form.changed", paths: ["/database"] });
    expect(chat.text(events)).toMatch(/Database = ledger/);
    expect(chat.asked(events)).toEqual(["/username"]);
  });

  it("asks again for a value the form made invalid, without offering to keep it, and takes a fix", async () => {
    const { port, chat } = await started();
    await port.patchForm([{ op: "set", path: "/port", value: 700000 }], "form");
    const events = await chat.send({ kind: "form.changed", paths: ["/port"] });
    expect(chat.asked(events)).toEqual(["/port"]);
    expect(chat.text(events)).toMatch(/at most 65535/);
    expect(chat.text(events)).not.toMatch(/keep it/);
    const fixed = await chat.say("7000");
    expect(port.form.values.port).toBe(7000);
    expect(chat.asked(fixed)).toEqual(["/database"]);
  });
});
