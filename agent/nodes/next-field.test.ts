// A connector with nothing required left at the start of a session: the agent says what it will
// use and waits for the person's go-ahead instead of testing and saving on its own.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Catalog, type Definition } from "../../specs/index.ts";
import { createSetupAgent } from "../setup-agent.ts";
import { openQuestions } from "./next-field.ts";
import { converse } from "../testing/conversation.ts";
import { createMemoryCheckpoints, createMemoryPort } from "../memory-port.ts";

/** An offline agent on a catalog holding only `definition`, and its session port. */
async function chatAbout(definition: Definition) {
  const catalog = await Catalog.load({ builtins: false });
  catalog.add(definition);
  const port = createMemoryPort({ definition });
  return { port, chat: converse(createSetupAgent({ catalog, checkpoints: createMemoryCheckpoints(), model: { kind: "offline" } }), port) };
}

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
    const { port, chat } = await chatAbout(mirror);
    const started = await chat.send({ kind: "start" });
    expect(chat.text(started)).toMatch(/Mirror mode = SNAPSHOT \(the only option\)/);
    const events = await chat.say("mirror-01.lan");
    expect(port.form.values).toMatchObject({ host: "mirror-01.lan", mode: "SNAPSHOT" });
    expect(chat.asked(events)).toEqual(["/schema"]);
  });
});

describe("which optional fields are worth asking", () => {
  const warehouse: Definition = {
    id: randomUUID(),
    name: "source-test-warehouse",
    kind: "source",
    displayName: "Test Warehouse",
    origin: "test",
    connectionSpecification: {
      type: "object",
      required: ["host"],
      properties: {
        host: { type: "string", title: "Host", order: 0 },
        timezone: { type: "string", title: "Server timezone", always_show: true, order: 1 },
        timeout_hours: { type: "integer", title: "Timeout hours", always_show: true, default: 8, order: 2 },
        attribute_key: { type: "string", title: "Attribute key", airbyte_secret: true, order: 3 },
        credentials: {
          type: "object",
          title: "Credentials",
          order: 4,
          oneOf: [
            { title: "Role", properties: { auth_type: { type: "string", const: "role" }, role: { type: "string", title: "Role" } } },
            { title: "Basic", properties: { auth_type: { type: "string", const: "basic" }, user: { type: "string", title: "User" }, password: { type: "string", title: "Password", airbyte_secret: true } } },
          ],
        },
      },
    },
  };
  const form = (values: Record<string, unknown>) => ({ values, secrets: {} }) as any;
  const paths = (values: Record<string, unknown>) => openQuestions(warehouse, form(values), []).map((question) => question.path);

  it("asks no optional field the spec shows up front: the form shows it", () => {
    expect(paths({})).toEqual(["/host", "/credentials"]);
    expect(paths({ host: "h" })).not.toContain("/timezone");
    expect(paths({ host: "h" })).not.toContain("/timeout_hours");
  });

  it("asks no optional secret once a sign-in without secrets is chosen, and the chosen option's own secret otherwise", () => {
    expect(paths({ host: "h", credentials: { auth_type: "role" } })).not.toContain("/attribute_key");
    const basic = paths({ host: "h", credentials: { auth_type: "basic", user: "u" } });
    expect(basic).toContain("/credentials/password");
  });

  it("writes a shown-up-front field's default into the form and says so once, without asking", async () => {
    const { port, chat } = await chatAbout(warehouse);
    // Not before what is needed is given: the person may name it first.
    const started = await chat.send({ kind: "start" });
    expect(chat.text(started)).not.toMatch(/the default/);
    const events = await chat.say("wh-01.lan");
    expect(chat.text(events)).toMatch(/Timeout hours = 8 \(the default/);
    expect(port.form.values).toMatchObject({ host: "wh-01.lan", timeout_hours: 8 });
    expect(chat.asked(events)).toEqual(["/credentials"]);
    const later = await chat.say("Role");
    expect(chat.text(later)).not.toMatch(/the default/);
  });
});


describe("a sign-in whose page needs the connector's own client", () => {
  const helpdesk: Definition = {
    id: randomUUID(),
    name: "source-test-helpdesk",
    kind: "source",
    displayName: "Test Helpdesk",
    origin: "test",
    connectionSpecification: {
      type: "object",
      required: ["access_token"],
      properties: {
        access_token: { type: "string", title: "Access token", airbyte_secret: true, order: 0 },
        client_id: { type: "string", title: "Client id", airbyte_secret: true, order: 1 },
        client_secret: { type: "string", title: "Client secret", airbyte_secret: true, order: 2 },
      },
    },
    advanced_auth: {
      auth_flow_type: "oauth2.0",
      oauth_config_specification: {
        oauth_user_input_from_connector_config_specification: {
          type: "object",
          properties: { client_id: { type: "string", path_in_connector_config: ["client_id"] }, client_secret: { type: "string", path_in_connector_config: ["client_secret"] } },
        },
        complete_oauth_output_specification: { type: "object", properties: { access_token: { type: "string", path_in_connector_config: ["access_token"] } } },
      },
    },
  };

  it("asks the client before the popup, and asks for the token itself when the person has no client", async () => {
    const { port, chat } = await chatAbout(helpdesk);
    const started = await chat.send({ kind: "start" });
    expect(chat.asked(started)).toEqual(["/client_id"]);
    expect(started.some((event) => event.type === "oauth.request")).toBe(false);
    const skipped = await chat.say("skip");
    expect(chat.asked(skipped)).toEqual(["/access_token"]);
    expect(skipped.some((event) => event.type === "oauth.request")).toBe(false);
  });
});
