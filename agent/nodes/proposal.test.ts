// A value the understander is not sure of is put back to the person instead of stored or
// dropped: "yes" stores it, anything else lets it lapse and is read as usual.
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

function setup() {
  const port = createMemoryPort({ definition: postgres });
  const chat = converse(createSetupAgent({ catalog, checkpoints: createMemoryCheckpoints(), model: { kind: "offline" } }), port);
  return { port, chat };
}

describe("a hesitant answer is asked back", () => {
  it("stores the value on yes", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    const asked = await chat.say("warehouse-02.corp.lan?");
    expect(port.form.values.host).toBeUndefined();
    expect(chat.text(asked)).toMatch(/Did you mean warehouse-02\.corp\.lan for Host\?/);
    const agreed = await chat.say("yep");
    expect(port.form.values.host).toBe("warehouse-02.corp.lan");
    expect(chat.asked(agreed)).toEqual(["/port"]);
  });

  it("drops it on no and reads a new value as usual", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    await chat.say("warehouse-02.corp.lan?");
    const denied = await chat.say("no");
    expect(port.form.values.host).toBeUndefined();
    expect(chat.asked(denied)).toEqual(["/host"]);
    await chat.say("warehouse-03.corp.lan");
    expect(port.form.values.host).toBe("warehouse-03.corp.lan");
  });

  it("lets the offer lapse when the next message answers something else", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    await chat.say("warehouse-02.corp.lan?");
    await chat.say("reports.example.net");
    const later = await chat.say("yes");
    // The yes answers the question now asked (the port, which has a default), not the old offer.
    expect(port.form.values.host).toBe("reports.example.net");
    expect(chat.text(later)).not.toMatch(/warehouse-02/);
  });

  it("never asks back a question that has a question word", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    const events = await chat.say("what host should this be?");
    expect(chat.text(events)).not.toMatch(/Did you mean/);
    expect(port.form.values.host).toBeUndefined();
  });
});
