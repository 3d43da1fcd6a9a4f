// Credentials of many known shapes pasted into chat (the opening message included, with and without
// a connector chosen, announced by name or bare) must end up nowhere: not in the
// data dir (session file, checkpoints), events, responses, the server log, nor what the model got.
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "../../agent/testing/fake-openai.ts";
import { findLeaks } from "./testing/leak-check.ts";
import { createSession, RestSession } from "./testing/session-client.ts";
import { startTestServer, type TestServer } from "./testing/test-server.ts";

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const b64 = (bytes: number) => randomBytes(bytes).toString("base64url").replace(/[-_]/g, "Q");

/** One fresh token of each shape; the random part is what must never be found. */
function tokens(): string[] {
  return [
    `sk_live_${b64(18)}`,
    `sk_test_${b64(18)}`,
    `rk_live_${b64(18)}`,
    `xoxb-1234-5678-${hex(10)}`,
    `ghp_${b64(27)}`,
    `github_pat_11A${hex(20)}`,
    `AKIA${hex(8).toUpperCase()}`,
    `AIza${b64(26)}`,
    `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ${b64(9)}.${b64(18)}`,
    `-----BEGIN PRIVATE KEY-----\nMIIE${b64(30)}\n-----END PRIVATE KEY-----`,
    `Zx9${randomBytes(24).toString("base64")}`,
  ];
}

/** The part of a token unique to this run (a prefix like "sk_live_" is not a leak). */
const canaryOf = (token: string) => token.replace(/^-----BEGIN PRIVATE KEY-----\n/, "").slice(-20);

let server: TestServer | undefined;
let model: FakeOpenAI | undefined;

afterEach(async () => {
  await server?.close();
  await model?.close();
  if (server) await rm(server.dataDir, { recursive: true, force: true });
  server = undefined;
  model = undefined;
});

async function pasteEverywhere(env: Record<string, string>) {
  server = await startTestServer({ env });
  const received: string[] = [];
  const pasted: string[] = [];
  const sessions: Array<{ body: Record<string, unknown>; messages: (t: string[]) => string[] }> = [
    // No connector yet: the very first message carries them.
    { body: {}, messages: (t) => [`Hi, set up Postgres please, here are my keys ${t.join(" and ")}`] },
    // A connector chosen: pasted in the opening message and again later.
    {
      body: { connector_type: "source-postgres" },
      messages: (t) => [`host db.internal, ${t.slice(0, 6).join(", ")}`, `and also ${t.slice(6).join(" ")}`],
    },
    // Announced by name, then a bare list of them as the answer to a plain question.
    { body: { connector_type: "source-http-api" }, messages: (t) => [`the key is ${t[0]}, token: ${t[10]}`, t.slice(1, 10).join("\n")] },
  ];
  for (const session of sessions) {
    const created = await createSession(server.baseUrl, server.apiToken, session.body);
    server.deps.sessions.subscribe(created.session_id, (event) => received.push(JSON.stringify(event)));
    const rest = new RestSession(server.baseUrl, created.session_id, created.session_token);
    const fresh = tokens();
    pasted.push(...fresh);
    for (const text of session.messages(fresh)) {
      const answer = await rest.call("POST", "/messages", { text });
      expect(answer.status).toBe(200);
    }
    const snapshot = await rest.snapshot();
    expect(JSON.stringify(snapshot.body.transcript)).toContain("[redacted secret]");
    received.push(...rest.received);
  }
  const canaries = pasted.map(canaryOf);
  return findLeaks(
    canaries,
    [
      { label: "events and responses", text: received.join("\n") },
      { label: "gateway log", text: JSON.stringify(server.gatewaySent()) },
      { label: "model requests", text: JSON.stringify(model?.requests ?? []) },
      { label: "server log", text: server.logLines.join("\n") },
    ],
    [server.dataDir],
  );
}

describe("a malformed request body", () => {
  it("is refused without quoting the body (it may be a secret)", async () => {
    server = await startTestServer();
    const created = await createSession(server.baseUrl, server.apiToken, { connector_type: "source-postgres" });
    const secret = `pw-${hex(16)}`;
    for (const suffix of ["/secrets", "/messages"]) {
      const response = await fetch(`${server.baseUrl}/api/v1/setup-sessions/${created.session_id}${suffix}`, {
        method: "POST",
        headers: { authorization: `Bearer ${created.session_token}`, "content-type": "application/json" },
        body: `{"path": "/password", "value": ${secret}}`,
      });
      expect(response.status).toBe(400);
      expect(await response.text()).not.toContain(secret);
    }
    expect(await findLeaks([secret], [{ label: "server log", text: server.logLines.join("\n") }], [server.dataDir])).toEqual([]);
  });
});

describe("secrets pasted into chat", () => {
  it("leave no trace with the offline agent", async () => {
    expect(await pasteEverywhere({})).toEqual([]);
  });

  it("never reach the model, its log, events or stored files with a model configured", async () => {
    model = await startFakeOpenAI([{ text: "Thanks." }]);
    const leaks = await pasteEverywhere({ ONRAMP_MODEL: "openai:gpt-test", OPENAI_API_KEY: "sk-test-not-real", OPENAI_BASE_URL: model.baseUrl });
    expect(leaks).toEqual([]);
    // The model was actually asked (otherwise the gateway check proves nothing).
    expect(model.requests.length).toBeGreaterThan(0);
  });
});
