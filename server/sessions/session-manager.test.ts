// The session layer with a scripted agent (a fake of the agent port): tokens, the form document's
// rules (secrets sealed, conflicts, mask round trip), chat screening, event validation.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ServerEvent } from "../../agent/protocol.ts";
import type { AgentInput } from "../../agent/session-port.ts";
import { SECRET_MASK } from "../../specs/index.ts";
import { catalog, definition, scriptedAgent, silent } from "./testing/toy-session.ts";
import { loadConfig } from "../config.ts";
import { ApiError } from "../http-error.ts";
import { createMemorySecretStore } from "../secrets/index.ts";
import { createMemoryStore } from "../store/memory-store.ts";
import { createSessionManager } from "./session-manager.ts";

async function setup(overrides: Partial<ReturnType<typeof loadConfig>> = {}) {
  const config = { ...loadConfig({}), ...overrides };
  const store = createMemoryStore();
  await store.init();
  const secrets = createMemorySecretStore();
  const inputs: AgentInput[] = [];
  const manager = createSessionManager({ config, store, secrets, catalog, log: silent, agent: scriptedAgent(inputs) });
  const created = await manager.create({ workspaceId: "ws1", definitionId: definition.id, connectorId: null, allowedOrigin: null });
  return { config, store, secrets, inputs, manager, created };
}

/** A second manager (another replica, say) on the same store: it reads what the store holds now. */
async function setupSameStore(store: Awaited<ReturnType<typeof setup>>["store"], secrets: Awaited<ReturnType<typeof setup>>["secrets"]) {
  return createSessionManager({ config: loadConfig({}), store, secrets, catalog, log: silent, agent: scriptedAgent([]) });
}

describe("session manager", () => {
  it("stores only the token's hash, authenticates, and refuses bad and unknown tokens", async () => {
    const { manager, created, store } = await setup();
    const record = await store.getSession(created.session_id);
    expect(JSON.stringify(record)).not.toContain(created.session_token);
    await expect(manager.authenticate(created.session_id, created.session_token)).resolves.toMatchObject({ id: created.session_id });
    await expect(manager.authenticate(created.session_id, "oss_wrong")).rejects.toMatchObject({ status: 401 });
    await expect(manager.authenticate("nope", created.session_token)).rejects.toMatchObject({ status: 404 });
  });

  it("refuses an expired session's token with a clear 401", async () => {
    const { manager, created } = await setup({ sessionTtlSeconds: 0.2 });
    await expect(manager.authenticate(created.session_id, created.session_token)).resolves.toBeDefined();
    await new Promise((resolve) => setTimeout(resolve, 250));
    const expired = await manager.authenticate(created.session_id, created.session_token).catch((error: ApiError) => error);
    expect(expired).toBeInstanceOf(ApiError);
    expect((expired as ApiError).status).toBe(401);
    expect((expired as ApiError).message).toMatch(/expired/);
    const refused = await manager.dispatch(created.session_id, { type: "user.message", text: "hello" });
    expect(refused).toEqual([expect.objectContaining({ type: "error", code: "session_expired" })]);
  });

  it("starts the agent at creation, so the snapshot already shows the first question", async () => {
    const { manager, created, inputs } = await setup();
    expect(inputs).toEqual([{ kind: "start" }]);
    const snapshot = await manager.snapshot(created.session_id);
    expect(snapshot.pending).toMatchObject({ path: "/host", type: "string" });
    expect(snapshot.transcript.map((entry) => entry.text)).toEqual(["What is the host?"]);
  });

  it("stores a server flow's outputs (plain and secret) in one action without waking the agent", async () => {
    const { manager, created, inputs, secrets } = await setup();
    const heard: ServerEvent[] = [];
    manager.subscribe(created.session_id, (event) => heard.push(event));
    const token = `tok-${randomBytes(12).toString("hex")}`;
    await manager.storeOutputs(
      created.session_id,
      [
        { path: "/host", value: "db.internal", secret: false },
        { path: "/password", value: token, secret: true },
      ],
      "oauth",
    );
    expect(inputs).toEqual([{ kind: "start" }]);
    expect(heard.map((event) => event.type)).toEqual(["form.patch", "form.patch"]);
    expect(heard.every((event) => event.type === "form.patch" && event.by === "oauth")).toBe(true);
    expect(JSON.stringify(heard)).not.toContain(token);
    const snapshot = await manager.snapshot(created.session_id);
    expect(snapshot.form.values).toMatchObject({ host: "db.internal", password: SECRET_MASK });
    expect(await secrets.get(snapshot.form.secrets["/password"]!)).toBe(token);
    // The caller then wakes the agent once.
    await manager.input(created.session_id, { kind: "oauth.completed", path: "/" });
    expect(inputs).toEqual([{ kind: "start" }, { kind: "oauth.completed", path: "/" }]);
  });

  it("stores an OAuth sign-in's outputs only while the session still waits for that sign-in", async () => {
    const { manager, created, secrets, store } = await setup();
    const token = `tok-${randomBytes(12).toString("hex")}`;
    const outputs = [{ path: "/password", value: token, secret: true }];
    // Nothing asked for a sign-in: refused inside the lock, nothing written.
    expect(await manager.storeOutputs(created.session_id, outputs, "oauth", { whileWaitingFor: "/credentials" })).toBe(false);
    expect((await manager.snapshot(created.session_id)).form.secrets).toEqual({});
    const record = (await store.getSession(created.session_id))!;
    await store.putSession({ ...record, oauthPending: { path: "/credentials", startUrl: "http://127.0.0.1/oauth/start" } });
    const waiting = await setupSameStore(store, secrets);
    expect(await waiting.storeOutputs(created.session_id, outputs, "oauth", { whileWaitingFor: "/credentials" })).toBe(true);
    expect(await secrets.get((await waiting.snapshot(created.session_id)).form.secrets["/password"]!)).toBe(token);
  });

  it("seals a secret set in the form, keeps it on a mask round trip, deletes it on unset", async () => {
    const { manager, created, secrets, store } = await setup();
    const canary = `canary-${randomBytes(12).toString("hex")}`;
    const events = await manager.dispatch(created.session_id, {
      type: "form.patch",
      base_version: 0,
      ops: [
        { op: "set", path: "/host", value: "db.internal" },
        { op: "set", path: "/password", value: canary },
      ],
    });
    expect(JSON.stringify(events)).not.toContain(canary);
    const patch = events.find((event) => event.type === "form.patch");
    expect(patch).toMatchObject({ version: 1, by: "form", ops: [{ path: "/host" }, { path: "/password", value: SECRET_MASK }] });
    const record = await store.getSession(created.session_id);
    expect(JSON.stringify(record)).not.toContain(canary);
    const id = record!.form.secrets["/password"]!;
    expect(await secrets.get(id)).toBe(canary);

    await manager.dispatch(created.session_id, { type: "form.patch", base_version: 1, ops: [{ op: "set", path: "/password", value: SECRET_MASK }] });
    const afterMask = await store.getSession(created.session_id);
    expect(afterMask!.form.secrets["/password"]).toBe(id);
    expect(await secrets.get(id)).toBe(canary);

    await manager.dispatch(created.session_id, { type: "form.patch", base_version: 2, ops: [{ op: "unset", path: "/password" }] });
    const afterUnset = await store.getSession(created.session_id);
    expect(afterUnset!.form.secrets["/password"]).toBeUndefined();
    expect(afterUnset!.form.values.password).toBeUndefined();
    expect(await secrets.get(id)).toBeUndefined();
  });

  it("answers a stale edit of a changed path with a conflict, and lets an unrelated one through", async () => {
    const { manager, created, store } = await setup();
    await manager.dispatch(created.session_id, { type: "form.patch", base_version: 0, ops: [{ op: "set", path: "/host", value: "a" }] });
    const stale = await manager.dispatch(created.session_id, { type: "form.patch", base_version: 0, ops: [{ op: "set", path: "/host", value: "b" }] });
    expect(stale).toEqual([expect.objectContaining({ type: "error", code: "conflict", field: "/host" })]);
    expect((await store.getSession(created.session_id))!.form.values.host).toBe("a");
    const unrelated = await manager.dispatch(created.session_id, { type: "form.patch", base_version: 0, ops: [{ op: "set", path: "/port", value: 5432 }] });
    expect(unrelated.find((event) => event.type === "form.patch")).toMatchObject({ version: 2 });
  });

  it("reports the touched paths' errors and marks them invalid", async () => {
    const { manager, created } = await setup();
    const events = await manager.dispatch(created.session_id, { type: "form.patch", base_version: 0, ops: [{ op: "set", path: "/port", value: 70000 }] });
    const patch = events.find((event) => event.type === "form.patch") as Extract<ServerEvent, { type: "form.patch" }>;
    expect(patch.errors?.[0]).toMatchObject({ path: "/port" });
    expect((await manager.snapshot(created.session_id)).form.status["/port"]).toBe("invalid");
  });

  it("rejects a malformed event and changes nothing", async () => {
    const { manager, created } = await setup();
    const before = await manager.snapshot(created.session_id);
    const events = await manager.dispatch(created.session_id, { type: "form.patch", base_version: 0, ops: [{ op: "replace", path: "/host" }] } as never);
    expect(events).toEqual([expect.objectContaining({ type: "error", code: "invalid_event" })]);
    expect(await manager.dispatch(created.session_id, { type: "nope" } as never)).toEqual([expect.objectContaining({ code: "invalid_event" })]);
    expect((await manager.snapshot(created.session_id)).form.version).toBe(before.form.version);
  });

  it("stores a secret pasted into chat while a secret field is asked, and hands the agent only redacted text", async () => {
    const { manager, created, inputs, store } = await setup();
    await manager.dispatch(created.session_id, { type: "form.patch", base_version: 0, ops: [{ op: "set", path: "/host", value: "h" }, { op: "set", path: "/port", value: 5 }] });
    expect((await manager.snapshot(created.session_id)).secretMode).toEqual({ path: "/password" });
    const canary = `Zq${randomBytes(12).toString("base64url")}9!`;
    const events = await manager.dispatch(created.session_id, { type: "user.message", text: canary });
    expect(JSON.stringify(events)).not.toContain(canary);
    expect(events.map((event) => event.type)).toContain("secret.stored");
    expect(JSON.stringify(inputs)).not.toContain(canary);
    const record = await store.getSession(created.session_id);
    expect(JSON.stringify(record)).not.toContain(canary);
    expect(record!.form.secrets["/password"]).toMatch(/^sec_/);
    expect(record!.secretMode).toBeNull();
  });

  it("fans events out to in-process subscribers", async () => {
    const { manager, created } = await setup();
    const seen: ServerEvent[] = [];
    const unsubscribe = manager.subscribe(created.session_id, (event) => seen.push(event));
    await manager.dispatch(created.session_id, { type: "user.message", text: "hello" });
    unsubscribe();
    expect(seen.map((event) => event.type)).toEqual(["message.received", "agent.message", "field.ask"]);
  });

  it("serialises concurrent actions on one session", async () => {
    const { manager, created } = await setup();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        manager.dispatch(created.session_id, { type: "form.patch", base_version: index, ops: [{ op: "set", path: `/extra${index}`, value: index }] }),
      ),
    );
    const versions = results.map((events) => (events.find((event) => event.type === "form.patch") as { version: number }).version);
    expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
