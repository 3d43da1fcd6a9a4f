// Connector choice with a model: it picks from the catalog search's shortlist; offline matching
// decides when it cannot.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Catalog } from "../../specs/index.ts";
import { SHORTLIST_SIZE } from "../nodes/choose-connector.ts";
import { createSetupAgent } from "../setup-agent.ts";
import { converse } from "../testing/conversation.ts";
import { startFakeOpenAI, type FakeOpenAI } from "../testing/fake-openai.ts";
import { createMemoryCheckpoints, createMemoryPort } from "../memory-port.ts";

let catalog: Catalog;
let server: FakeOpenAI;

beforeAll(async () => {
  catalog = await Catalog.load({ builtins: true });
  server = await startFakeOpenAI();
});
afterAll(() => server.close());

function setup(model: "openai" | "offline" = "openai") {
  const agent = createSetupAgent({
    catalog,
    checkpoints: createMemoryCheckpoints(),
    model: model === "openai" ? { kind: "openai", model: "test-model" } : { kind: "offline" },
    openai: { apiKey: "test-key", baseUrl: server.baseUrl, timeoutMs: 5000 },
  });
  const port = createMemoryPort({});
  return { port, chat: converse(agent, port) };
}

const MESSAGE = "our main database is the pg on aws";

describe("choosing the connector with a model", () => {
  it("offline, a message matching source and destination alike is answered with a choice", async () => {
    const { chat, port } = setup("offline");
    await chat.send({ kind: "start" });
    const events = await chat.say(MESSAGE);
    expect(port.form.definitionId).toBeNull();
    expect(chat.text(events)).toMatch(/Which one do you mean\?/);
  });

  it("lets the model pick from the search's shortlist, never the whole catalog", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    server.replies = [
      { text: "Sounds like Postgres.", toolCalls: [{ name: "choose_connector", args: { name: "source-postgres" } }] },
      { toolCalls: [] },
    ];
    const before = server.requests.length;
    const events = await chat.say(MESSAGE);
    expect(port.form.definitionId).toBe(catalog.get("source-postgres")!.id);
    expect(chat.text(events)).toMatch(/let's set up Postgres \(source\)/);
    expect(chat.text(events)).not.toContain("Sounds like");
    const request = server.requests[before];
    expect(request.stream).not.toBe(true);
    const choose = request.tools.find((tool: any) => tool.function.name === "choose_connector");
    const names: string[] = choose.function.parameters.properties.name.enum;
    expect(names.sort()).toEqual(["destination-postgres", "source-postgres"]);
    expect(names.length).toBeLessThanOrEqual(SHORTLIST_SIZE);
    expect(request.messages[0].content).not.toContain("source-mysql");
    // The greeting is the agent's last message, so the model knows what was asked.
    expect(request.messages.map((message: any) => message.role)).toEqual(["system", "assistant", "user"]);
  });

  it("offers the candidates the model names when it cannot tell them apart", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    server.replies = [{ toolCalls: [{ name: "offer_connectors", args: { names: ["source-postgres", "destination-postgres", "source-nowhere"] } }] }];
    await chat.say(MESSAGE);
    expect(port.form.definitionId).toBeNull();
    server.replies = [{ toolCalls: [{ name: "choose_connector", args: { name: "destination-postgres" } }] }, { toolCalls: [] }];
    await chat.say("the one we load into");
    expect(port.form.definitionId).toBe(catalog.get("destination-postgres")!.id);
  });

  it("falls back to offline matching when the model fails or names no candidate", async () => {
    const failing = setup();
    await failing.chat.send({ kind: "start" });
    server.replies = [{ status: 500 }];
    await failing.chat.say("I want to pull data from our Postgres");
    expect(failing.port.form.definitionId).toBe(catalog.get("source-postgres")!.id);

    const confused = setup();
    await confused.chat.send({ kind: "start" });
    server.replies = [{ toolCalls: [{ name: "choose_connector", args: { name: "source-oracle" } }] }, { toolCalls: [] }];
    await confused.chat.say("sync our mysql");
    expect(confused.port.form.definitionId).toBe(catalog.get("source-mysql")!.id);
  });
});
