// A connector with nothing required left at the start of a session: the agent says what it will
// use and waits for the person's go-ahead instead of testing and saving on its own.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Catalog, type Definition } from "../../specs/index.ts";
import { createSetupAgent } from "../setup-agent.ts";
import { converse } from "../testing/conversation.ts";
import { createMemoryCheckpoints, createMemoryPort } from "../testing/memory-port.ts";

const generator: Definition = {
  id: randomUUID(),
  name: "source-test-generator",
  kind: "source",
  displayName: "Test Generator",
  origin: "test",
  connectionSpecification: {
    type: "object",
    required: [],
    properties: {
      count: { type: "integer", title: "Count", minimum: 1, default: 1000, order: 0 },
      seed: { type: "integer", title: "Seed", default: -1, order: 1 },
      label: { type: "string", title: "Label", order: 2 },
    },
  },
};

let catalog: Catalog;

beforeAll(async () => {
  catalog = await Catalog.load({ builtins: true });
  catalog.add(generator);
});

function setup() {
  const agent = createSetupAgent({ catalog, checkpoints: createMemoryCheckpoints(), model: { kind: "offline" } });
  const port = createMemoryPort({ definition: generator });
  return { port, chat: converse(agent, port) };
}

const types = (events: Array<{ type: string }>) => events.map((event) => event.type);

describe("start of a session with nothing required", () => {
  it("names the defaults and optional settings, and neither tests nor saves before the person speaks", async () => {
    const { chat, port } = setup();
    const events = await chat.send({ kind: "start" });
    expect(types(events)).not.toContain("test.started");
    expect(port.saved).toHaveLength(0);
    const text = chat.text(events);
    expect(text).toContain("Count 1000");
    expect(text).toContain("Seed -1");
    expect(text).toContain("Label");
    expect(text).toMatch(/test/i);
  });

  it("stays quiet on a form edit and on a question, then tests on the go-ahead", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    port.editForm([{ op: "set", path: "/seed", value: 7 }]);
    const edited = await chat.send({ kind: "form.changed" });
    expect(types(edited)).not.toContain("test.started");
    const asked = await chat.say("what is the seed?");
    expect(types(asked)).not.toContain("test.started");
    expect(chat.text(asked)).toMatch(/seed/i);
    const go = await chat.say("go ahead");
    expect(types(go)).toEqual(expect.arrayContaining(["test.started", "session.completed"]));
    expect(port.saved).toHaveLength(1);
    expect(port.saved[0]!.values).toMatchObject({ seed: 7 });
  });

  it("tests at once when the first message sets values", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    const events = await chat.say("count 5000");
    expect(types(events)).toEqual(expect.arrayContaining(["form.patch", "test.started", "session.completed"]));
    expect(port.saved[0]!.values).toMatchObject({ count: 5000 });
  });

  it("tests on an explicit test request", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    const events = await chat.send({ kind: "test.request" });
    expect(types(events)).toContain("test.started");
    expect(port.saved).toHaveLength(1);
  });
});

describe("a field with one possible value", () => {
  const mirror: Definition = {
    id: randomUUID(),
    name: "source-test-mirror",
    kind: "source",
    displayName: "Test Mirror",
    origin: "test",
    connectionSpecification: {
      type: "object",
      required: ["host", "mode", "schema"],
      properties: {
        host: { type: "string", title: "Host", order: 0 },
        mode: { type: "string", title: "Mirror mode", enum: ["SNAPSHOT"], default: "SNAPSHOT", order: 1 },
        schema: { type: "string", title: "Schema", order: 2 },
      },
    },
  };

  it("is set and said, not asked", async () => {
    const catalog = await Catalog.load({ builtins: false });
    catalog.add(mirror);
    const port = createMemoryPort({ definition: mirror });
    const chat = converse(createSetupAgent({ catalog, checkpoints: createMemoryCheckpoints(), model: { kind: "offline" } }), port);
    const started = await chat.send({ kind: "start" });
    expect(chat.text(started)).toMatch(/Mirror mode = SNAPSHOT \(the only option\)/);
    const events = await chat.say("mirror-01.lan");
    expect(port.form.values).toMatchObject({ host: "mirror-01.lan", mode: "SNAPSHOT" });
    expect(chat.asked(events)).toEqual(["/schema"]);
  });
});
