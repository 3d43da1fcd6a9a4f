// What the model is told, and that the gateway's redaction leaves names alone but never a value.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Catalog, questionAt, type Definition } from "../specs/index.ts";
import { createModelGateway } from "./model-gateway.ts";
import { setupSystemPrompt } from "./model-prompts.ts";
import { REDACTED } from "./screen-secrets.ts";
import { createSetupAgent } from "./setup-agent.ts";
import { converse } from "./testing/conversation.ts";
import { startFakeOpenAI, type FakeOpenAI } from "./testing/fake-openai.ts";
import { createMemoryCheckpoints, createMemoryPort } from "./memory-port.ts";
import { listFields } from "./understand/fields.ts";

let catalog: Catalog;
let postgres: Definition;
let server: FakeOpenAI;

beforeAll(async () => {
  catalog = await Catalog.load({ builtins: true });
  postgres = catalog.get("source-postgres")!;
  server = await startFakeOpenAI();
});
afterAll(() => server.close());

describe("the setup system prompt", () => {
  it("describes the asked question in full, the other fields briefly, the connector and the values", () => {
    const pending = questionAt(postgres, "/ssl_mode", { host: "db.internal" })!;
    const prompt = setupSystemPrompt({ definition: postgres, pending, fields: listFields(postgres), values: { host: "db.internal", password: "**********" } });
    expect(prompt).toContain("Connector: Postgres (source-postgres, a source).");
    expect(prompt).toMatch(/Current question: \/ssl_mode "SSL mode" \(choice, /);
    // Each option with its description, so the model can map "encrypt but don't check" to one.
    for (const option of pending.options!) expect(prompt).toContain(`Option "${option.title}"`);
    expect(prompt).toMatch(/Option "verify-full": \S+/);
    expect(prompt).toMatch(/^- \/port: Port \(integer, required\) TCP port/m);
    expect(prompt).toContain('Current values: {"host":"db.internal","password":"(stored securely)"}');
    expect(prompt).not.toContain("**********");
  });

  it("keeps the default and the example of the asked field", () => {
    const pending = questionAt(postgres, "/port", {})!;
    const prompt = setupSystemPrompt({ definition: postgres, pending, fields: listFields(postgres), values: {} });
    expect(prompt).toContain(`Default: ${pending.default}`);
    expect(prompt).toContain("Current values: none yet");
  });
});

describe("gateway redaction of the system prompt", () => {
  it("keeps /password and its title intact for source-postgres while a canary value never passes", async () => {
    server.replies = [{ toolCalls: [{ name: "skip", args: {} }] }];
    const gateway = createModelGateway({ model: "test-model", apiKey: "k", baseUrl: server.baseUrl });
    const canary = `Cn${randomBytes(6).toString("hex")}`;
    const secretId = `sec_${randomBytes(8).toString("hex")}`;
    const token = `ghp_${randomBytes(18).toString("hex")}`;
    const system = setupSystemPrompt({ definition: postgres, pending: null, fields: listFields(postgres), values: { password: "**********", host: token } });
    await gateway.chat({
      messages: [
        { role: "system", content: system },
        { role: "assistant", content: "Please enter Password in the secure field. It is stored encrypted and never shown to the AI." },
        { role: "user", content: `the password is ${canary}, id ${secretId}` },
      ],
      redact: [secretId, canary],
    });
    const [sentSystem, sentAssistant] = gateway.sent().at(-1)!.messages;
    expect(sentSystem.content).toContain("- /password: Password (string, secret, optional) Password of that user.");
    expect(sentSystem.content).toContain("- /ssl_mode/client_key_password: Client key password (string, secret, optional)");
    expect(sentSystem.content).not.toContain(`/password: ${REDACTED}`);
    expect(sentSystem.content).toContain(`"host":"${REDACTED}"`);
    expect(sentAssistant.content).toBe("Please enter Password in the secure field. It is stored encrypted and never shown to the AI.");
    // Values still go: a token typed into a plain field, the canary, the secret id.
    const sent = JSON.stringify([gateway.sent(), server.requests.at(-1)]);
    for (const value of [canary, secretId, token]) expect(sent).not.toContain(value);
  });
});

describe("the model's view of a conversation", () => {
  it("gets the agent's last message, the turns before, the asked question and stored secrets named, never shown", async () => {
    const agent = createSetupAgent({
      catalog,
      checkpoints: createMemoryCheckpoints(),
      model: { kind: "openai", model: "test-model" },
      openai: { apiKey: "test-key", baseUrl: server.baseUrl, timeoutMs: 5000 },
    });
    const port = createMemoryPort({ definition: postgres });
    const chat = converse(agent, port);
    await chat.send({ kind: "start" });
    server.replies = [{ toolCalls: [{ name: "set_fields", args: { fields: [{ path: "/host", value: "db.internal" }] } }] }];
    await chat.say("db.internal");
    const canary = `pw-${randomBytes(6).toString("hex")}`;
    await port.storeSecret("/password", canary);
    server.replies = [{ toolCalls: [{ name: "set_fields", args: { fields: [{ path: "/port", value: "5433" }] } }] }];
    await chat.say("5433");
    const messages = agent.gateway.sent().at(-1)!.messages;
    expect(messages.map((message) => message.role)).toEqual(["system", "assistant", "user", "assistant", "user"]);
    expect(messages.at(-1)!.content).toBe("5433");
    expect(messages.at(-2)!.content).toMatch(/^Got it: Host = db\.internal\. What is the port\?/);
    expect(messages.at(-3)!.content).toBe("db.internal");
    expect(messages[0].content).toMatch(/Current question: \/port "Port" \(integer, required\)\.\n {2}Description: TCP port/);
    expect(messages[0].content).toContain('"password":"(stored securely)"');
    const everything = JSON.stringify([agent.gateway.sent(), server.requests]);
    expect(everything).not.toContain(canary);
    for (const id of Object.values(port.form.secrets)) expect(everything).not.toContain(id);
  });
});
