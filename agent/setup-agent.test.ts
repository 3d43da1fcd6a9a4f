import { randomBytes } from "node:crypto";
import { START, StateGraph, interrupt } from "@langchain/langgraph";
import { beforeAll, describe, expect, it } from "vitest";
import { Catalog, type CheckResult, type Definition } from "../specs/index.ts";
import { LatestCheckpointSaver } from "./checkpointer.ts";
import { createSetupAgent } from "./setup-agent.ts";
import { AgentState } from "./state.ts";
import { converse } from "./testing/conversation.ts";
import { createMemoryCheckpoints, createMemoryPort } from "./memory-port.ts";

let catalog: Catalog;
let postgres: Definition;

beforeAll(async () => {
  catalog = await Catalog.load({ builtins: true });
  postgres = catalog.get("source-postgres")!;
});

const canary = () => `pw-CANARY-${randomBytes(8).toString("hex")}`;

function setup(opts: { definition?: Definition | null; check?: Parameters<typeof createMemoryPort>[0]["check"] } = {}) {
  const checkpoints = createMemoryCheckpoints();
  const agent = createSetupAgent({ catalog, checkpoints, model: { kind: "offline" } });
  const port = createMemoryPort({ definition: opts.definition === undefined ? postgres : opts.definition, check: opts.check });
  return { agent, port, checkpoints, chat: converse(agent, port) };
}

describe("setup agent (offline)", () => {
  it("fills several fields from one message, takes the password in secret mode, tests and saves", async () => {
    const { chat, port, checkpoints, agent } = setup();
    const first = await chat.send({ kind: "start" });
    expect(chat.asked(first)).toEqual(["/host"]);

    const second = await chat.say("host db.internal port 5433, database shop, user reader");
    expect(port.form.values).toMatchObject({ host: "db.internal", port: 5433, database: "shop", username: "reader" });
    expect(second.find((event) => event.type === "form.patch")).toMatchObject({ by: "agent" });
    expect(second.some((event) => event.type === "secret.request" && event.path === "/password")).toBe(true);
    expect(chat.pending()).toMatchObject({ path: "/password", secret: true });

    const password = canary();
    const third = await chat.secret("/password", password);
    expect(third.map((event) => event.type)).toEqual(
      expect.arrayContaining(["test.started", "test.result", "session.completed"]),
    );
    expect(port.saved).toHaveLength(1);
    const everything = JSON.stringify([port.events, [...checkpoints.records.values()], agent.gateway.sent()]);
    expect(everything).not.toContain(password);
  });

  it("catches a token pasted into normal chat: never in events, state, checkpoint or gateway log", async () => {
    const { chat, port, checkpoints, agent } = setup();
    await chat.send({ kind: "start" });
    const token = `ghp_${randomBytes(24).toString("hex").slice(0, 36)}`;
    const events = await chat.say(`host db.internal and my token ${token}`);
    expect(port.form.values.host).toBe("db.internal");
    expect(chat.text(events)).toMatch(/removed it/);
    const everything = JSON.stringify([port.events, [...checkpoints.records.values()], agent.gateway.sent(), port.form]);
    expect(everything).not.toContain(token);
  });

  it("reads a login typed without a scheme: its password stored as the secret, its user, host, port and database as values", async () => {
    const { chat, port, checkpoints, agent } = setup();
    await chat.send({ kind: "start" });
    const password = `Pw${randomBytes(5).toString("hex")}`;
    await chat.say(`we log in with reader:${password}@db.internal:5433/shop`);
    expect(port.form.values).toMatchObject({ host: "db.internal", port: 5433, database: "shop", username: "reader" });
    expect(port.secretValues.get(port.form.secrets["/password"])).toBe(password);
    expect(JSON.stringify([port.events, [...checkpoints.records.values()], agent.gateway.sent()])).not.toContain(password);
  });

  it("stores text typed while a secret field is asked as that secret, and says so", async () => {
    const { chat, port, checkpoints } = setup();
    await chat.send({ kind: "start" });
    await chat.say("host db.internal port 5432 database shop user reader");
    const password = canary();
    const events = await chat.say(password);
    expect(Object.keys(port.form.secrets)).toEqual(["/password"]);
    expect(port.secretValues.get(port.form.secrets["/password"])).toBe(password);
    expect(chat.text(events)).toMatch(/stored Password securely/);
    expect(JSON.stringify([port.events, [...checkpoints.records.values()]])).not.toContain(password);
  });

  it("skips an optional field, refuses to skip a required one", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    const refused = await chat.say("skip");
    expect(chat.text(refused)).toMatch(/required/);
    expect(chat.asked(refused)).toEqual(["/host"]);
    await chat.say("host db.internal port 5432 database shop user reader");
    expect(chat.pending()?.path).toBe("/password");
    const skipped = await chat.say("skip");
    expect(chat.text(skipped)).toMatch(/Skipped Password/);
    expect(skipped.some((event) => event.type === "session.completed")).toBe(true);
    expect(port.form.secrets).toEqual({});
  });

  it("goes back to the previous question and keeps the rest", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    await chat.say("db.internal");
    expect(chat.pending()?.path).toBe("/port");
    const back = await chat.say("go back");
    expect(chat.asked(back)).toEqual(["/host"]);
    expect(chat.text(back)).toMatch(/currently db\.internal/);
    await chat.say("db2.internal");
    expect(port.form.values.host).toBe("db2.internal");
    expect(chat.pending()?.path).toBe("/port");
  });

  it("takes a correction of an earlier answer", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    await chat.say("host db.internal port 5433");
    expect(chat.pending()?.path).toBe("/database");
    const events = await chat.say("actually the port is 6543");
    expect(port.form.values.port).toBe(6543);
    expect(chat.asked(events)).toEqual(["/database"]);
  });

  it("answers a question from the description and asks the same question again", async () => {
    const { chat } = setup();
    await chat.send({ kind: "start" });
    await chat.say("host db.internal");
    const events = await chat.say("what does this mean?");
    expect(chat.text(events)).toContain(postgres.connectionSpecification.properties.port.description ?? "Port");
    expect(chat.asked(events)).toEqual(["/port"]);
  });

  it("explains an invalid value and asks again, losing nothing", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    await chat.say("db.internal");
    const events = await chat.say("99999999");
    expect(chat.text(events)).toMatch(/Port/);
    expect(chat.asked(events)).toEqual(["/port"]);
    expect(port.form.values).toEqual({ host: "db.internal" });
    const defaulted = await chat.say("default");
    expect(port.form.values.port).toBe(5432);
    expect(chat.asked(defaulted)).toEqual(["/database"]);
  });

  it("uses form edits: a value set there is not asked, a value cleared there is asked again", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    await chat.say("db.internal");
    expect(chat.pending()?.path).toBe("/port");

    port.editForm([{ op: "set", path: "/database", value: "shop" }]);
    const quiet = await chat.send({ kind: "form.changed" });
    expect(quiet.filter((event) => event.type !== "form.patch")).toEqual([]);

    port.editForm([{ op: "set", path: "/port", value: 5439 }]);
    const moved = await chat.send({ kind: "form.changed" });
    expect(chat.asked(moved)).toEqual(["/username"]);

    const named = await chat.say("reader");
    expect(port.form.values.username).toBe("reader");
    expect(chat.asked(named)).toEqual(["/password"]);

    port.editForm([{ op: "unset", path: "/host" }]);
    const cleared = await chat.send({ kind: "form.changed" });
    expect(chat.asked(cleared)).toEqual(["/host"]);
    expect(cleared.some((event) => event.type === "secret.request")).toBe(false);
  });

  it("never tests on a form edit alone: the form that completes the setup waits for Test and save", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    port.editForm([
      { op: "set", path: "/host", value: "db.internal" },
      { op: "set", path: "/port", value: 5432 },
      { op: "set", path: "/database", value: "shop" },
      { op: "set", path: "/username", value: "reader" },
    ]);
    await chat.send({ kind: "form.changed" });
    port.editForm([{ op: "set", path: "/password", value: canary() }]);
    const ready = await chat.send({ kind: "form.changed" });
    expect(ready.some((event) => event.type === "test.started")).toBe(false);
    expect(chat.text(ready)).toMatch(/Test and save/);
    // Another edit while waiting says nothing new and still does not test.
    port.editForm([{ op: "set", path: "/schemas", value: ["public"] }]);
    const again = await chat.send({ kind: "form.changed" });
    expect(again.filter((event) => event.type !== "form.patch")).toEqual([]);
    const tested = await chat.send({ kind: "test.request" });
    expect(tested.map((event) => event.type)).toEqual(expect.arrayContaining(["test.started", "test.result", "session.completed"]));
    expect(port.saved).toHaveLength(1);
  });

  it("cancels the whole setup from a view (session.cancel), saving nothing", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    await chat.say("host db.internal port 5432 database shop user reader");
    expect(chat.pending()).toMatchObject({ path: "/password", secret: true });
    const events = await chat.send({ kind: "cancel" });
    expect(chat.text(events)).toMatch(/cancelled/);
    expect(events.at(-1)).toEqual({ type: "session.cancelled" });
    expect(port.saved).toEqual([]);
  });

  it("explains a failed test, re-asks the field it names, retests and saves", async () => {
    const check = (values: Record<string, unknown>): CheckResult =>
      values.port === 5432
        ? { status: "succeeded", message: "connected" }
        : { status: "failed", reason: "unreachable", message: "Nothing answers on db.internal:5439.", fields: ["/host", "/port"] };
    const { chat, port } = setup({ check });
    await chat.send({ kind: "start" });
    await chat.say("host db.internal port 5439 database shop user reader");
    const failed = await chat.say("skip");
    expect(failed.find((event) => event.type === "test.result")).toMatchObject({ status: "failed", reason: "unreachable" });
    expect(chat.text(failed)).toMatch(/Nothing answers on db\.internal:5439/);
    expect(chat.asked(failed)).toEqual(["/host"]);
    const keepHost = await chat.say("skip");
    expect(chat.asked(keepHost)).toEqual(["/port"]);
    const fixed = await chat.say("5432");
    expect(fixed.filter((event) => event.type === "test.result").map((event) => (event as { status: string }).status)).toEqual(["succeeded"]);
    expect(port.saved[0].values).toMatchObject({ host: "db.internal", port: 5432 });
  });

  it("stops re-asking after the same failure three times in a row, and says what to check instead", async () => {
    const check = (): CheckResult => ({ status: "failed", reason: "auth_failed", message: "The server rejected the password.", fields: ["/password"] });
    const { chat, port } = setup({ check });
    await chat.send({ kind: "start" });
    await chat.say("host db.internal port 5432 database shop user reader");
    const first = await chat.secret("/password", canary());
    expect(first.some((event) => event.type === "secret.request")).toBe(true);
    const second = await chat.secret("/password", canary());
    expect(second.some((event) => event.type === "secret.request")).toBe(true);
    const third = await chat.secret("/password", canary());
    expect(third.filter((event) => event.type === "test.result")).toHaveLength(1);
    expect(chat.text(third)).toMatch(/same failure 3 times in a row/);
    expect(chat.text(third)).not.toMatch(/Nothing has changed/);
    expect(third.some((event) => event.type === "secret.request" || event.type === "field.ask")).toBe(false);
    expect(port.saved).toEqual([]);
  });

  it("says a connector without a live check had its settings validated, never that the connection works", async () => {
    const sample = catalog.get("source-sample-data")!;
    const check = (): CheckResult => ({ status: "succeeded", message: "Sample Data makes up its own data, so there is nothing to connect to; the settings are valid." });
    const { chat } = setup({ definition: sample, check });
    await chat.send({ kind: "start" });
    const done = await chat.say("users");
    expect(done.some((event) => event.type === "session.completed")).toBe(true);
    expect(chat.text(done)).not.toMatch(/connection works/);
    expect(chat.text(done)).toMatch(/settings are valid|nothing to connect to/);
  });

  it("takes the fix of a failed test in one reply, even for a field not asked yet", async () => {
    const check = (values: Record<string, unknown>): CheckResult =>
      values.port === 5432
        ? { status: "succeeded", message: "connected" }
        : { status: "failed", reason: "unreachable", message: "Nothing answers on port 5439.", fields: ["/host", "/port"] };
    const { chat, port } = setup({ check });
    await chat.send({ kind: "start" });
    await chat.say("host db.internal port 5439 database shop user reader");
    await chat.say("skip");
    expect(chat.pending()?.path).toBe("/host");
    const same = await chat.say("db.internal");
    expect(same.some((event) => event.type === "test.started")).toBe(false);
    expect(chat.asked(same)).toEqual(["/port"]);
    await chat.say("skip");
    expect(port.checks).toHaveLength(1);
    const fixed = await chat.say("actually the port is 5432");
    expect(fixed.at(-1)).toMatchObject({ type: "session.completed" });
    expect(port.checks.map((result) => result.status)).toEqual(["failed", "succeeded"]);
  });

  /** A session whose first connection check crashed (the run rejected); later checks succeed. */
  async function crashedCheck() {
    let broken = true;
    const session = setup({
      check: () => {
        if (broken) throw new Error("check crashed");
        return { status: "succeeded", message: "ok" };
      },
    });
    await session.chat.send({ kind: "start" });
    await session.chat.say("host db.internal port 5432 database shop user reader");
    await expect(session.chat.say("skip")).rejects.toThrow(/check crashed/);
    broken = false;
    return session;
  }

  it("a step that throws rejects run; the next input starts from what the steps before it left, nothing stored is lost", async () => {
    const { chat, port } = await crashedCheck();
    const retried = await chat.send({ kind: "test.request" });
    expect(retried.at(-1)).toMatchObject({ type: "session.completed" });
    expect(port.saved[0].values).toMatchObject({ host: "db.internal", database: "shop", username: "reader" });
  });

  it("tries a connection test that failed to run again on the next message", async () => {
    const { chat, port } = await crashedCheck();
    const next = await chat.say("is it working now?");
    expect(next.at(-1)).toMatchObject({ type: "session.completed" });
    expect(port.checks.map((result) => result.status)).toEqual(["succeeded"]);
  });

  it("starts over: clears the form and asks from the first question", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    await chat.say("host db.internal port 5433 database shop");
    const events = await chat.say("let's start over");
    expect(port.form.values).toEqual({});
    expect(chat.text(events)).toMatch(/Starting over/);
    expect(chat.asked(events)).toEqual(["/host"]);
  });

  it("answers a question about another field, with its options, then re-asks the pending one", async () => {
    const { chat } = setup();
    await chat.send({ kind: "start" });
    const events = await chat.say("what is the ssl mode?");
    const text = chat.text(events);
    expect(text).toMatch(/SSL/i);
    expect(text).toMatch(/verify-full/);
    expect(chat.asked(events)).toEqual(["/host"]);
  });

  it("stops after a failed test when message after message changes nothing", async () => {
    const { chat, port } = setup({ check: () => ({ status: "failed", reason: "auth_failed", message: "Wrong password.", fields: ["/password"] }) });
    await chat.send({ kind: "start" });
    await chat.say("host db.internal port 5432 database shop user reader");
    await chat.secret("/password", canary());
    const unchanged = await chat.say("skip");
    expect(chat.text(unchanged)).toMatch(/Nothing has changed since the failed test/);
    await chat.say("no idea");
    await chat.say("not sure");
    const end = await chat.say("I don't know");
    expect(end.at(-1)).toEqual({ type: "session.cancelled" });
    expect(port.checks).toHaveLength(1);
  });

  it("cancels when asked", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    const events = await chat.say("cancel");
    expect(events.at(-1)).toEqual({ type: "session.cancelled" });
    const after = await chat.say("hello?");
    expect(chat.text(after)).toMatch(/already finished/);
    expect(port.saved).toEqual([]);
  });

  it("gives up after repeated 'I don't know' on a required field, helping first", async () => {
    const { chat } = setup();
    await chat.send({ kind: "start" });
    const help = await chat.say("I don't know");
    expect(chat.text(help)).toMatch(/Host name or IP address/);
    expect(chat.asked(help)).toEqual(["/host"]);
    await chat.say("no idea");
    const last = await chat.say("I don't know");
    expect(last.at(-1)).toEqual({ type: "session.cancelled" });
  });

  it("secret.cancel of a required secret returns to chat with the field still open", async () => {
    const taskboard = catalog.get("source-taskboard")!;
    const { chat, port } = setup({ definition: taskboard });
    await chat.send({ kind: "start" });
    const asked = await chat.say("Personal API token");
    expect(asked.some((event) => event.type === "secret.request" && event.path === "/credentials/api_token")).toBe(true);
    const cancelled = await chat.send({ kind: "secret.cancel", path: "/credentials/api_token" });
    expect(cancelled.some((event) => event.type === "secret.request")).toBe(false);
    expect(chat.text(cancelled)).toMatch(/closed the secure field.*still needed/);
    expect(chat.pending()).toMatchObject({ path: "/credentials/api_token" });
    const ready = await chat.send({ kind: "message", text: "ready" });
    expect(ready.some((event) => event.type === "secret.request")).toBe(true);
    expect(port.form.secrets).toEqual({});
  });

  it("secret.cancel returns to chat with the field still open; an optional one is skipped only when asked", async () => {
    const { chat, port } = setup();
    await chat.send({ kind: "start" });
    await chat.say("host db.internal port 5432 database shop user reader");
    const closed = await chat.send({ kind: "secret.cancel", path: "/password" });
    expect(chat.text(closed)).toMatch(/Password is still open/);
    expect(chat.asked(closed)).toEqual(["/password"]);
    expect(closed.some((event) => event.type === "secret.request")).toBe(false);
    expect(port.saved).toHaveLength(0);
    const skipped = await chat.say("skip");
    expect(chat.text(skipped)).toMatch(/Skipped Password/);
    expect(port.saved).toHaveLength(1);
  });

  it("modifies a saved connector: asks what to change, changes one field, keeps the secret", async () => {
    const password = canary();
    const checks: Array<Record<string, string>> = [];
    const port = createMemoryPort({
      definition: postgres,
      connector: {
        id: "conn-1",
        values: { host: "db.internal", port: 5432, database: "shop", username: "reader", password: "**********" },
        secrets: { "/password": "sec_1" },
        secretValues: { sec_1: password },
      },
      check: (_values, secrets) => {
        checks.push(secrets);
        return { status: "succeeded", message: "ok" };
      },
    });
    const chat = converse(createSetupAgent({ catalog, checkpoints: createMemoryCheckpoints(), model: { kind: "offline" } }), port);
    const intro = await chat.send({ kind: "start" });
    expect(chat.text(intro)).toMatch(/What would you like to change/);
    expect(intro.some((event) => event.type === "test.started")).toBe(false);
    const changed = await chat.say("actually the port is 6543");
    expect(port.form.values.port).toBe(6543);
    expect(changed.some((event) => event.type === "secret.request")).toBe(false);
    expect(changed.at(-1)).toEqual({ type: "session.completed", connectorId: "conn-1" });
    expect(checks).toEqual([{ "/password": password }]);
  });

  it("resumes from the checkpoint in a new agent instance (a restarted server)", async () => {
    const checkpoints = createMemoryCheckpoints();
    const port = createMemoryPort({ definition: postgres });
    const before = converse(createSetupAgent({ catalog, checkpoints, model: { kind: "offline" } }), port);
    await before.send({ kind: "start" });
    await before.say("db.internal");
    expect(before.pending()?.path).toBe("/port");
    expect(checkpoints.records.size).toBe(1);

    const after = converse(createSetupAgent({ catalog, checkpoints, model: { kind: "offline" } }), port);
    const events = await after.say("5433");
    expect(port.form.values).toEqual({ host: "db.internal", port: 5433 });
    expect(after.asked(events)).toEqual(["/database"]);
    const stored = JSON.stringify([...checkpoints.records.values()]);
    expect(stored).not.toContain("readForm");
    expect(checkpoints.records.size).toBe(1);
  });

  it("costs one checkpoint write and no checkpoint read per chat turn, and leaves no pending write behind", async () => {
    const checkpoints = createMemoryCheckpoints();
    const calls = { get: 0, put: 0 };
    const counted = {
      getCheckpoint: (threadId: string) => (calls.get++, checkpoints.getCheckpoint(threadId)),
      putCheckpoint: (threadId: string, data: unknown) => (calls.put++, checkpoints.putCheckpoint(threadId, data)),
      deleteCheckpoint: (threadId: string) => checkpoints.deleteCheckpoint(threadId),
    };
    const port = createMemoryPort({ definition: postgres });
    const chat = converse(createSetupAgent({ catalog, checkpoints: counted, model: { kind: "offline" } }), port);
    await chat.send({ kind: "start" });
    calls.get = 0;
    calls.put = 0;
    await chat.say("what is this?");
    await chat.say("db.internal");
    expect(port.form.values.host).toBe("db.internal");
    expect(calls).toEqual({ get: 0, put: 2 });
    // A turn runs to END (graph.ts): the question asked is in the state, no interrupt waits.
    const stored = JSON.parse([...checkpoints.records.values()][0]!);
    expect(stored.namespaces[""].writes).toEqual([]);
    expect(JSON.parse(stored.namespaces[""].checkpoint.json).channel_values.pending).toMatchObject({ path: "/port" });
  });

  it("goes on with a thread saved while waiting in the former ask node's interrupt", async () => {
    // What the graph before turns ran to END left: a thread paused in `ask`, its question pending.
    const checkpoints = createMemoryCheckpoints();
    const port = createMemoryPort({ definition: postgres });
    const askHost = { path: "/host", kind: "field", title: "Host", type: "string", secret: false, required: true };
    const former = new StateGraph(AgentState)
      .addNode("nextField", () => ({ phase: "field" as const, pending: askHost as never }))
      .addNode("ask", (state) => ({ input: interrupt({ phase: state.phase, pending: state.pending }) as never }))
      .addEdge(START, "nextField")
      .addEdge("nextField", "ask")
      .compile({ checkpointer: new LatestCheckpointSaver(checkpoints) });
    await former.invoke({ input: { kind: "start" } }, { configurable: { thread_id: port.sessionId } });
    expect(JSON.parse([...checkpoints.records.values()][0]!).namespaces[""].writes.map((write: { channel: string }) => write.channel)).toContain("__interrupt__");

    const chat = converse(createSetupAgent({ catalog, checkpoints, model: { kind: "offline" } }), port);
    const events = await chat.say("db.internal");
    expect(port.form.values.host).toBe("db.internal");
    expect(chat.asked(events)).toEqual(["/port"]);
  });

  it("chooses the connector from a sentence and reads values in the same message", async () => {
    const { chat, port } = setup({ definition: null });
    const greeting = await chat.send({ kind: "start" });
    expect(chat.text(greeting)).toMatch(/Which system/);
    const events = await chat.say("I want to pull data from our Postgres, host db.internal");
    expect(port.form.definitionId).toBe(postgres.id);
    expect(port.form.values.host).toBe("db.internal");
    expect(chat.asked(events)).toEqual(["/port"]);
  });

  it("offers the candidates when the connector is ambiguous, then takes the pick", async () => {
    const { chat, port } = setup({ definition: null });
    await chat.send({ kind: "start" });
    const offered = await chat.say("let's connect Postgres");
    expect(chat.text(offered)).toMatch(/1\. Postgres \(source\).*2\. Postgres \(destination\)/);
    expect(port.form.definitionId).toBeNull();
    const picked = await chat.say("the destination one");
    expect(port.form.definitionId).toBe(catalog.get("destination-postgres")!.id);
    expect(chat.asked(picked).length).toBe(1);
  });

  it("runs OAuth for the OAuth option and never asks for the token fields", async () => {
    const taskboard = catalog.get("source-taskboard")!;
    const { chat, port } = setup({ definition: taskboard });
    const first = await chat.send({ kind: "start" });
    expect(chat.asked(first)).toEqual(["/credentials"]);
    const oauth = await chat.say("Sign in with Taskboard");
    const request = oauth.find((event) => event.type === "oauth.request");
    expect(request).toMatchObject({ path: "/credentials" });
    expect((request as { startUrl: string }).startUrl).toContain("oauth/start");

    for (const path of ["/credentials/access_token", "/credentials/refresh_token", "/credentials/client_id", "/credentials/client_secret"]) {
      await port.storeSecret(path, canary());
    }
    const done = await chat.send({ kind: "oauth.completed", path: "/credentials" });
    expect(chat.text(done)).toMatch(/Authorized/);
    expect(chat.asked(done)).toEqual(["/start_date"]);
    const all = chat.asked(port.events);
    expect(all.filter((path) => path.startsWith("/credentials/"))).toEqual([]);
  });

  it("offers the choice again after a failed OAuth", async () => {
    const taskboard = catalog.get("source-taskboard")!;
    const { chat } = setup({ definition: taskboard });
    await chat.send({ kind: "start" });
    await chat.say("oauth");
    const failed = await chat.send({ kind: "oauth.failed", path: "/credentials", reason: "access_denied", message: "You declined access." });
    expect(chat.text(failed)).toMatch(/declined/);
    expect(chat.asked(failed)).toEqual(["/credentials"]);
    const token = await chat.say("Personal API token");
    expect(token.some((event) => event.type === "secret.request" && event.path === "/credentials/api_token")).toBe(true);
  });
});
