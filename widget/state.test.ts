import { describe, expect, it } from "vitest";
import type { SessionSnapshot } from "../agent/protocol.ts";
import { initialState, jsonTypeAt, reduce, SECRET_MASK } from "./state.ts";

const spec = {
  type: "object",
  required: ["host", "ssl"],
  properties: {
    host: { type: "string" },
    ssl: { type: "boolean" },
    tunnel: { oneOf: [{ properties: { mode: { const: "none" } } }, { properties: { mode: { const: "ssh" }, port: { type: "integer" } } }] },
  },
};

function snapshot(overrides: Partial<SessionSnapshot> = {}): SessionSnapshot {
  return {
    id: "s1",
    status: "active",
    definition: { id: "d1", name: "source-postgres", displayName: "Postgres", kind: "source" },
    spec,
    form: { version: 3, definitionId: "d1", name: "pg", values: { host: "db", password: SECRET_MASK }, secrets: { "/password": "sec_1" }, status: {} },
    pending: { path: "/port", kind: "field", title: "Port", type: "integer", secret: false, required: true },
    secretMode: null,
    oauthPending: null,
    transcript: [
      { role: "agent", text: "Hi", at: "2026-01-01T00:00:00Z" },
      { role: "user", text: "postgres", at: "2026-01-01T00:00:01Z" },
    ],
    connectorId: null,
    lastTest: null,
    ...overrides,
  };
}

describe("reduce", () => {
  it("restores transcript, pending question and stored secrets from a snapshot", () => {
    const state = reduce(initialState(), { type: "session.snapshot", protocol: 1, session: snapshot() });
    expect(state.loaded).toBe(true);
    expect(state.lines.map((line) => line.text)).toEqual(["Hi", "postgres"]);
    expect(state.pending?.path).toBe("/port");
    expect(state.stored).toEqual({ "/password": true });
  });

  it("accumulates deltas apart from the transcript until the message is finished", () => {
    let state = reduce(initialState(), { type: "agent.delta", id: "a1", text: "Wha" });
    state = reduce(state, { type: "agent.delta", id: "a1", text: "t host?" });
    expect(state.streaming).toEqual({ id: "a1", text: "What host?" });
    expect(state.lines).toEqual([]);
    state = reduce(state, { type: "agent.message", id: "a1", text: "What host?" });
    expect(state.streaming).toBeNull();
    expect(state.lines).toEqual([{ id: "a1", role: "agent", text: "What host?" }]);
  });

  it("keeps the chat draft across view switches and snapshots", () => {
    let state = reduce(initialState(), { type: "local.draft", text: "half an answ" });
    state = reduce(state, { type: "local.view", view: "form" });
    state = reduce(state, { type: "session.snapshot", protocol: 1, session: snapshot() });
    state = reduce(state, { type: "local.view", view: "agent" });
    expect(state.draft).toBe("half an answ");
  });

  it("keeps a server's error banner across a snapshot that arrives after it", () => {
    let state = reduce(initialState(), { type: "error", code: "invalid_event", message: "That message was not understood" });
    state = reduce(state, { type: "session.snapshot", protocol: 1, session: snapshot() });
    expect(state.notice).toBe("That message was not understood");
    expect(reduce(state, { type: "local.notice", message: null }).notice).toBeNull();
  });

  it("knows a session that modifies a saved connector, and keeps knowing it after the save", () => {
    expect(reduce(initialState(), { type: "session.snapshot", protocol: 1, session: snapshot() }).modifying).toBe(false);
    let state = reduce(initialState(), { type: "session.snapshot", protocol: 1, session: snapshot({ connectorId: "c1" }) });
    expect(state.modifying).toBe(true);
    state = reduce(state, { type: "session.completed", connectorId: "c1" });
    state = reduce(state, { type: "session.snapshot", protocol: 1, session: snapshot({ connectorId: "c1", status: "completed" }) });
    expect(state.modifying).toBe(true);
    // A new setup that completed has a connector id too, but never modified anything.
    expect(reduce(initialState(), { type: "session.snapshot", protocol: 1, session: snapshot({ connectorId: "c2", status: "completed" }) }).modifying).toBe(false);
  });

  it("records a cancelled session and a transport problem", () => {
    let state = reduce(initialState(), { type: "secret.request", path: "/password", title: "Password" });
    state = reduce(state, { type: "session.cancelled" });
    expect(state.status).toBe("cancelled");
    expect(state.secretMode).toBeNull();
    state = reduce(state, { type: "local.problem", problem: { code: "session_expired", status: 401, message: "expired" } });
    expect(state.problem?.code).toBe("session_expired");
    expect(reduce(state, { type: "local.problem", problem: null }).problem).toBeNull();
  });

  it("replaces a streamed reply by the message under its id, and drops one voided by an empty message", () => {
    let state = reduce(initialState(), { type: "agent.delta", id: "a1", text: "Let me half-say this and " });
    state = reduce(state, { type: "agent.message", id: "a1", text: "Got it: Host = db. What is the Port?" });
    expect(state.lines).toEqual([{ id: "a1", role: "agent", text: "Got it: Host = db. What is the Port?" }]);
    state = reduce(state, { type: "agent.delta", id: "a2", text: "Half a sen" });
    state = reduce(state, { type: "agent.message", id: "a2", text: "" });
    expect(state.streaming).toBeNull();
    expect(state.lines.map((line) => line.id)).toEqual(["a1"]);
  });

  it("applies form patches in order, bumps the version, keeps errors by path", () => {
    let state = reduce(initialState(), { type: "session.snapshot", protocol: 1, session: snapshot() });
    state = reduce(state, {
      type: "form.patch",
      version: 4,
      by: "agent",
      ops: [
        { op: "set", path: "/port", value: 99999 },
        { op: "set", path: "/tunnel/mode", value: "ssh" },
        { op: "unset", path: "/host" },
      ],
      errors: [{ path: "/port", keyword: "maximum", message: "must be <= 65536" }],
    });
    expect(state.form.version).toBe(4);
    expect(state.form.values).toEqual({ password: SECRET_MASK, port: 99999, tunnel: { mode: "ssh" } });
    expect(state.errors).toEqual({ "/port": "must be <= 65536" });
    state = reduce(state, { type: "form.patch", version: 5, by: "form", ops: [{ op: "set", path: "/port", value: 5432 }] });
    expect(state.errors).toEqual({});
  });

  it("enters and leaves secret mode and remembers the path as stored", () => {
    let state = reduce(initialState(), { type: "secret.request", path: "/password", title: "Password" });
    expect(state.secretMode).toEqual({ path: "/password", title: "Password", description: undefined });
    state = reduce(state, { type: "secret.stored", path: "/password" });
    expect(state.secretMode).toBeNull();
    expect(state.stored["/password"]).toBe(true);
  });

  it("reads the asked field's JSON type from the spec (the event's type is its name)", () => {
    let state = reduce(initialState(), { type: "session.snapshot", protocol: 1, session: snapshot() });
    state = reduce(state, { type: "field.ask", path: "/ssl", kind: "field", title: "SSL", secret: false, required: true });
    expect(state.pending?.type).toBe("boolean");
    expect(jsonTypeAt(spec, "/tunnel/port")).toBe("integer");
  });

  it("queues user messages while offline; the transcript shows only what the server kept", () => {
    let state = reduce(initialState(), { type: "local.user", text: "hello", queued: true });
    expect(state.outbox).toEqual(["hello"]);
    expect(state.lines).toEqual([]);
    state = reduce(state, { type: "session.snapshot", protocol: 1, session: snapshot() });
    expect(state.outbox).toEqual(["hello"]);
    const before = state.lines.length;
    state = reduce(state, { type: "local.sent" });
    expect(state.outbox).toEqual([]);
    expect(state.lines).toHaveLength(before);
    state = reduce(state, { type: "message.received", text: "hello" });
    expect(state.lines.at(-1)).toMatchObject({ role: "user", text: "hello" });
  });

  it("never keeps what was typed: a message sent at once waits for the server's screened echo", () => {
    const typed = "my token is ghp_abcdefghijklmnopqrstuvwxyz0123456789";
    let state = reduce(initialState(), { type: "local.user", text: typed, queued: false });
    expect(JSON.stringify(state)).not.toContain("ghp_");
    state = reduce(state, { type: "message.received", text: "my token is [secret removed]", redacted: true });
    expect(state.lines.map((line) => line.text)).toEqual(["my token is [secret removed]"]);
    expect(JSON.stringify(state)).not.toContain("ghp_");
  });

  it("takes a new connector name from form.patch", () => {
    let state = reduce(initialState(), { type: "session.snapshot", protocol: 1, session: snapshot() });
    state = reduce(state, { type: "form.patch", version: 9, ops: [], by: "form", name: "Orders demo" });
    expect(state.form.name).toBe("Orders demo");
    state = reduce(state, { type: "form.patch", version: 10, ops: [], by: "agent" });
    expect(state.form.name).toBe("Orders demo");
  });

  it("tracks the test run and completion", () => {
    let state = reduce(initialState(), { type: "test.started" });
    expect(state.testing).toBe(true);
    state = reduce(state, { type: "test.result", status: "failed", reason: "auth_failed", message: "Wrong password", fields: ["/password"] });
    expect(state.testing).toBe(false);
    expect(state.lastTest?.fields).toEqual(["/password"]);
    state = reduce(state, { type: "session.completed", connectorId: "c1" });
    expect(state.status).toBe("completed");
    expect(state.connectorId).toBe("c1");
  });
});
