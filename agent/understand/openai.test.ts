import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Catalog, type Definition } from "../../specs/index.ts";
import { createModelGateway, DEFAULT_MODEL_TIMEOUT_MS } from "../model-gateway.ts";
import { createSetupAgent } from "../setup-agent.ts";
import { converse } from "../testing/conversation.ts";
import { startFakeOpenAI, type FakeOpenAI } from "../testing/fake-openai.ts";
import { createMemoryCheckpoints, createMemoryPort } from "../memory-port.ts";

let catalog: Catalog;
let postgres: Definition;
let server: FakeOpenAI;

beforeAll(async () => {
  catalog = await Catalog.load({ builtins: true });
  postgres = catalog.get("source-postgres")!;
  server = await startFakeOpenAI();
});
afterAll(() => server.close());

function setup(timeoutMs = 5000) {
  const checkpoints = createMemoryCheckpoints();
  const agent = createSetupAgent({
    catalog,
    checkpoints,
    model: { kind: "openai", model: "test-model" },
    openai: { apiKey: "test-key", baseUrl: server.baseUrl, timeoutMs },
  });
  const port = createMemoryPort({ definition: postgres });
  return { agent, port, checkpoints, chat: converse(agent, port) };
}

describe("model gateway against a local OpenAI-compatible server", () => {
  it("returns tool calls without streaming and logs what it sent, redacted", async () => {
    server.replies = [{ toolCalls: [{ name: "skip", args: {} }] }];
    const gateway = createModelGateway({ model: "test-model", apiKey: "k", baseUrl: server.baseUrl });
    const token = `sk-proj-${randomBytes(20).toString("hex")}`;
    const reply = await gateway.chat({
      messages: [{ role: "user", content: `skip it, secret id sec_123456 and ${token}` }],
      tools: [{ name: "skip", description: "skip", parameters: { type: "object", properties: {} } }],
      redact: ["sec_123456"],
    });
    expect(reply.toolCalls).toEqual([{ name: "skip", args: {} }]);
    expect(server.requests.at(-1)?.stream).not.toBe(true);
    const sent = JSON.stringify(gateway.sent());
    expect(sent).toContain("skip it");
    expect(sent).not.toContain("sec_123456");
    expect(sent).not.toContain(token);
    expect(JSON.stringify(server.requests.at(-1))).not.toContain(token);
  });

  it("waits 8 seconds by default, not 15", () => {
    expect(DEFAULT_MODEL_TIMEOUT_MS).toBe(8_000);
  });

  it("refuses to call a model when offline", async () => {
    await expect(createModelGateway({ model: null }).chat({ messages: [] })).rejects.toThrow(/offline/);
  });
});

describe("setup agent with the OpenAI understander", () => {
  it("applies set_fields tool calls and streams the model's words as agent.delta", async () => {
    const { chat, port, agent } = setup();
    await chat.send({ kind: "start" });
    server.replies = [
      {
        text: "Thanks, noting those down.",
        toolCalls: [{ name: "set_fields", args: { fields: [{ path: "/host", value: "db.internal" }, { path: "/port", value: "5433" }, { path: "/database", value: "shop" }] } }],
      },
    ];
    const events = await chat.say("our db is db.internal on 5433, the database is called shop");
    expect(server.requests.at(-1)?.stream).toBe(true);
    expect(port.form.values).toEqual({ host: "db.internal", port: 5433, database: "shop" });
    const deltas = events.filter((event) => event.type === "agent.delta");
    expect(deltas.length).toBeGreaterThan(1);
    // The streamed filler is replaced, under the same id, by the agent's one reply: its
    // confirmation and the next question, never both the model's words and the confirmation.
    const messages = events.filter((event) => event.type === "agent.message");
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ id: (deltas[0] as { id: string }).id });
    expect(chat.text(events)).toMatch(/^Got it: Host = db\.internal, Port = 5433, Database = shop\. What is the user\?/);
    expect(chat.text(events)).not.toContain("noting those down");
    expect(port.transcript.map((entry) => entry.text).join("\n")).not.toContain("noting those down");
    expect(chat.asked(events)).toEqual(["/username"]);
    expect(JSON.stringify(agent.gateway.sent())).toContain("the database is called shop");
  });

  it("says the model's words instead of the confirmation when they already name every value", async () => {
    const { chat } = setup();
    await chat.send({ kind: "start" });
    server.replies = [
      {
        text: "Noted: host db.internal on port 5433.",
        toolCalls: [{ name: "set_fields", args: { fields: [{ path: "/host", value: "db.internal" }, { path: "/port", value: "5433" }] } }],
      },
    ];
    const events = await chat.say("db.internal, port 5433");
    expect(chat.text(events)).toBe("Noted: host db.internal on port 5433. What is the database? For example: analytics.");
    // Words that claim a value the agent turned down are not said.
    server.replies = [{ text: "Noted the database lots and port huge.", toolCalls: [{ name: "set_fields", args: { fields: [{ path: "/database", value: "lots" }, { path: "/port", value: "huge" }] } }] }];
    const refused = await chat.say("database lots, port huge");
    expect(chat.text(refused)).not.toContain("Noted the database");
    expect(chat.text(refused)).toMatch(/whole number/);
  });

  it("checks the model's values with the offline shape rules: a filler word or a host with spaces is not stored", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    server.replies = [{ toolCalls: [{ name: "set_fields", args: { fields: [{ path: "/host", value: "through" }] } }] }];
    const filler = await chat.say("we connect through the bastion");
    expect(port.form.values.host).toBeUndefined();
    expect(chat.text(filler)).toMatch(/not a value/);
    server.replies = [{ toolCalls: [{ name: "set_fields", args: { fields: [{ path: "/host", value: "the reporting box" }] } }] }];
    const spaced = await chat.say("it's the reporting box");
    expect(port.form.values.host).toBeUndefined();
    expect(chat.text(spaced)).toMatch(/doesn't look like a host/);
  });

  it("a connection dropped mid-reply leaves no half sentence: the offline reply replaces it, nothing is lost", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    server.replies = [{ toolCalls: [{ name: "set_fields", args: { fields: [{ path: "/host", value: "db.internal" }] } }] }];
    await chat.say("db.internal");
    server.replies = [{ text: "Let me half-say this and then finish the sentence properly.", dropAfter: 4 }];
    const events = await chat.say("port 5433, database shop");
    const deltas = events.filter((event): event is Extract<typeof event, { type: "agent.delta" }> => event.type === "agent.delta");
    expect(deltas.map((delta) => delta.text).join("")).toBe("Let me half-say this and");
    const messages = events.filter((event): event is Extract<typeof event, { type: "agent.message" }> => event.type === "agent.message");
    expect(messages).toHaveLength(1);
    expect(messages[0].id).toBe(deltas[0].id);
    expect(messages[0].text).toMatch(/^Got it: Port = 5433, Database = shop\. What is the user\?/);
    expect(port.form.values).toEqual({ host: "db.internal", port: 5433, database: "shop" });
    expect(port.transcript.map((entry) => entry.text).join("\n")).not.toContain("half-say");
  });

  it("a secret in chat reaches neither the model nor the log; secret ids never leave", async () => {
    const { chat, port, agent, checkpoints } = setup();
    await chat.send({ kind: "start" });
    server.replies = [{ toolCalls: [{ name: "set_fields", args: { fields: [{ path: "/host", value: "db.internal" }] } }] }];
    const token = `ghp_${randomBytes(18).toString("hex")}`;
    await chat.say(`host is db.internal, also here is my token ${token}`);
    await chat.say("port 5432 database shop user reader");
    const password = `pw-CANARY-${randomBytes(6).toString("hex")}`;
    await chat.secret("/password", password);
    const everything = JSON.stringify([agent.gateway.sent(), server.requests, port.events, [...checkpoints.records.values()]]);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(password);
    for (const id of Object.values(port.form.secrets)) expect(JSON.stringify([agent.gateway.sent(), server.requests])).not.toContain(id);
  });

  it("falls back to the offline understander when the model fails, losing nothing", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    server.replies = [{ status: 500 }];
    const events = await chat.say("host db.internal port 5433");
    expect(port.form.values).toEqual({ host: "db.internal", port: 5433 });
    expect(chat.asked(events)).toEqual(["/database"]);
    server.replies = [{ toolCalls: [{ name: "set_fields", args: { fields: [{ path: "/database", value: "shop" }] } }] }];
    await chat.say("shop it is");
    expect(port.form.values).toEqual({ host: "db.internal", port: 5433, database: "shop" });
  });

  it("falls back when the model times out", async () => {
    const { chat, port } = setup(300);
    await chat.send({ kind: "start" });
    server.replies = [{ hang: true }];
    const started = Date.now();
    await chat.say("db.internal");
    expect(Date.now() - started).toBeLessThan(4000);
    expect(port.form.values).toEqual({ host: "db.internal" });
  });

  it("checks the model's values against the spec and explains a bad one", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    server.replies = [{ toolCalls: [{ name: "set_fields", args: { fields: [{ path: "/port", value: "lots" }, { path: "/password", value: "hunter2" }] } }] }];
    const events = await chat.say("port is lots");
    expect(port.form.values.port).toBeUndefined();
    expect(port.form.secrets).toEqual({});
    expect(chat.text(events)).toMatch(/whole number/);
    expect(chat.text(events)).toMatch(/secure field/);
  });
});
