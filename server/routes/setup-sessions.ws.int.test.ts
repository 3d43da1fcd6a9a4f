// The session ws on a real port: snapshot on open, every broadcast reaches every socket of the
// session, refusals (stale edit, bad event) reach only the sender, and the upgrade checks the
// session token and the allowed origin.
import { rm } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createSession, WsSession } from "../sessions/testing/session-client.ts";
import { startTestServer, type TestServer } from "../sessions/testing/test-server.ts";
import { scriptedAgent } from "../sessions/testing/toy-session.ts";

let server: TestServer | undefined;
const sockets: WsSession[] = [];

afterEach(async () => {
  for (const socket of sockets.splice(0)) await socket.close();
  await server?.close();
  if (server) await rm(server.dataDir, { recursive: true, force: true, maxRetries: 3 });
  server = undefined;
});

async function opened(sessionId: string, token: string, headers?: Record<string, string>) {
  const socket = await WsSession.open(server!.wsUrl, sessionId, token, headers);
  sockets.push(socket);
  await socket.next((event) => event.type === "session.snapshot", 5000, 0);
  return socket;
}

describe("setup-session ws", () => {
  it("broadcasts to every socket of the session and answers refusals to the sender only", async () => {
    server = await startTestServer({ agent: scriptedAgent([]), logLevel: "warn" });
    const created = await createSession(server.baseUrl, server.apiToken, { connector_type: "source-postgres" });
    const other = await createSession(server.baseUrl, server.apiToken, { connector_type: "source-postgres" });
    const form = await opened(created.session_id, created.session_token);
    const chat = await opened(created.session_id, created.session_token);
    const stranger = await opened(other.session_id, other.session_token);
    expect(form.events[0]).toMatchObject({ type: "session.snapshot", protocol: 1, session: { id: created.session_id, pending: { path: "/host" } } });

    form.send({ type: "form.patch", base_version: 0, ops: [{ op: "set", path: "/host", value: "db.internal" }] });
    const seen = await chat.next((event) => event.type === "form.patch");
    expect(seen).toMatchObject({ version: 1, by: "form", ops: [{ op: "set", path: "/host", value: "db.internal" }] });
    await chat.next((event) => event.type === "field.ask" && event.path === "/port", 5000, 0);

    const chatBefore = chat.events.length;
    form.send({ type: "form.patch", base_version: 0, ops: [{ op: "set", path: "/host", value: "stale" }] });
    expect(await form.next((event) => event.type === "error", 5000, 0)).toMatchObject({ code: "conflict", field: "/host" });
    form.send({ type: "view.explode" });
    expect(await form.next((event) => event.type === "error" && event.code === "invalid_event", 5000, 0)).toBeDefined();
    form.socket.send("not json");
    expect(await form.next((event) => event.type === "error" && /JSON/.test(event.message), 5000, 0)).toBeDefined();
    chat.send({ type: "view.switch", view: "form" });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(chat.events.slice(chatBefore).filter((event) => event.type === "error")).toEqual([]);
    expect(stranger.events.map((event) => event.type)).toEqual(["session.snapshot"]);
    const snapshot = (await fetch(`${server.baseUrl}/api/v1/setup-sessions/${created.session_id}`, {
      headers: { authorization: `Bearer ${created.session_token}` },
    }).then((response) => response.json())) as { form: { values: Record<string, unknown> } };
    expect(snapshot.form.values.host).toBe("db.internal");
  });

  it("refuses the upgrade without the session's token or from another origin", async () => {
    server = await startTestServer({ agent: scriptedAgent([]), logLevel: "warn" });
    const created = await createSession(server.baseUrl, server.apiToken, {
      connector_type: "source-postgres",
      allowed_origin: "https://app.example.com",
    });
    await expect(WsSession.open(server.wsUrl, created.session_id, "oss_wrong")).rejects.toThrow(/401/);
    await expect(WsSession.open(server.wsUrl, created.session_id, server.apiToken)).rejects.toThrow(/401/);
    await expect(
      WsSession.open(server.wsUrl, created.session_id, created.session_token, { origin: "https://evil.example.com" }),
    ).rejects.toThrow(/403/);
    const allowed = await opened(created.session_id, created.session_token, { origin: "https://app.example.com" });
    expect(allowed.events[0]?.type).toBe("session.snapshot");
  });

  // Found by the issue-14 probe: a frame of up to 100 MiB was accepted and parsed while a REST body
  // stops at 1 MiB; binary frames were decoded as text.
  it("holds frames to the REST body limit, refuses binary frames, and changes nothing", async () => {
    server = await startTestServer({ agent: scriptedAgent([]), logLevel: "warn", env: { ONRAMP_MAX_BODY_BYTES: "65536" } });
    const created = await createSession(server.baseUrl, server.apiToken, { connector_type: "source-postgres" });
    const socket = await opened(created.session_id, created.session_token);
    socket.socket.send(Buffer.from(JSON.stringify({ type: "form.patch", base_version: 0, ops: [{ op: "set", path: "/host", value: "binary.internal" }] })));
    expect(await socket.next((event) => event.type === "error", 5000, 0)).toMatchObject({ code: "invalid_event", message: expect.stringMatching(/text frames/) });

    const closed = new Promise<number>((resolve) => socket.socket.once("close", (code) => resolve(code)));
    socket.send({ type: "user.message", text: "x".repeat(70_000) });
    expect(await closed).toBe(1009);
    const snapshot = await fetch(`${server.baseUrl}/api/v1/setup-sessions/${created.session_id}`, { headers: { authorization: `Bearer ${created.session_token}` } });
    const body = (await snapshot.json()) as { form: { version: number; values: Record<string, unknown> }; transcript?: unknown };
    expect(body.form.version).toBe(0);
    expect(body.form.values.host).toBeUndefined();
    expect(JSON.stringify(body)).not.toContain("xxxxxxxxxx");
  });
});
