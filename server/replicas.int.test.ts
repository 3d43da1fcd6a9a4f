// Issue 14 item 4: two real server processes on Postgres + Redis behind HAProxy serve the same
// sessions. A widget's socket on replica A hears an edit made through replica B; an OAuth flow
// started on one replica completes on the other (and the other way round); and no two replicas
// run one session's graph at once, so concurrent turns through both lose nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerEvent } from "../agent/protocol.ts";
import { authorizeWithoutBrowser } from "./oauth/testing/authorize-without-browser.ts";
import { startOidcServer, type OidcTestServer } from "./oauth/testing/oidc-server.ts";
import { createSession, WsSession } from "./sessions/testing/session-client.ts";
import { REPLICA_HEADER, startReplicaSet, type ReplicaSet } from "./testing/replica-set.ts";
import { services } from "./testing/service-gate.ts";

const ready = (await services.postgres()) && (await services.redis()) && (await services.haproxy());

describe.skipIf(!ready)("two replicas behind HAProxy on Postgres + Redis", () => {
  let set: ReplicaSet;
  let oidc: OidcTestServer;
  const sockets: WsSession[] = [];

  beforeAll(async () => {
    set = await startReplicaSet();
    oidc = await startOidcServer({ redirectUris: [`${set.baseUrl}/oauth/callback`] });
    // Through the load balancer: whichever replica stores it, both see it.
    const response = await fetch(`${set.baseUrl}/api/v1/oauth/clients/source-taskboard`, {
      method: "PUT",
      headers: { authorization: `Bearer ${set.apiToken}`, "content-type": "application/json" },
      body: JSON.stringify({ workspace_name: "default", client_id: oidc.clientId, client_secret: oidc.clientSecret, authorize_url: oidc.authorizeUrl, token_url: oidc.tokenUrl }),
    });
    expect(response.status, await response.text()).toBe(200);
  }, 600_000);

  afterAll(async () => {
    for (const socket of sockets) await socket.close();
    await oidc?.close();
    await set?.close();
  }, 120_000);

  /** A session-scoped REST call pinned to one replica; returns the status, body and who served it. */
  async function call(replica: string, token: string, method: string, url: string, body?: unknown) {
    const response = await fetch(`${set.baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...set.pin(replica), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, servedBy: response.headers.get(REPLICA_HEADER) };
  }

  async function widgetOn(replica: string, session: { session_id: string; session_token: string }) {
    const socket = await WsSession.open(set.wsUrl, session.session_id, session.session_token, set.pin(replica));
    sockets.push(socket);
    await socket.next((event) => event.type === "session.snapshot", 15_000, 0);
    return socket;
  }

  it("spreads requests over both replicas", async () => {
    const served = new Set<string>();
    for (let index = 0; index < 6; index++) served.add((await fetch(`${set.baseUrl}/healthz`)).headers.get(REPLICA_HEADER) ?? "");
    expect([...served].sort()).toEqual(["a", "b"]);
  });

  it("a widget on replica A sees a form edit made through replica B, and the other way round", async () => {
    const session = await createSession(set.baseUrl, set.apiToken, { connector_type: "source-postgres" });
    const onA = await widgetOn("a", session);
    const onB = await widgetOn("b", session);
    const edit = await call("b", session.session_token, "PATCH", `/api/v1/setup-sessions/${session.session_id}/form`, {
      base_version: 0,
      ops: [{ op: "set", path: "/host", value: "edited-on-b.internal" }],
    });
    expect(edit.status, JSON.stringify(edit.body)).toBe(200);
    expect(edit.servedBy).toBe("b");
    const heard = await onA.next((event) => event.type === "form.patch" && JSON.stringify(event).includes("edited-on-b.internal"), 15_000, 0);
    expect(heard).toMatchObject({ type: "form.patch", by: "form", ops: [{ op: "set", path: "/host", value: "edited-on-b.internal" }] });

    // A chat answer through A reaches the widget on B, and both replicas read the same document.
    const said = await call("a", session.session_token, "POST", `/api/v1/setup-sessions/${session.session_id}/messages`, { text: "port 6543" });
    expect(said.status, JSON.stringify(said.body)).toBe(200);
    expect(said.servedBy).toBe("a");
    await onB.next((event) => event.type === "form.patch" && JSON.stringify(event).includes("6543"), 15_000, 0);
    for (const replica of ["a", "b"]) {
      const snapshot = await call(replica, session.session_token, "GET", `/api/v1/setup-sessions/${session.session_id}`);
      expect(snapshot.servedBy).toBe(replica);
      expect(snapshot.body.form.values).toMatchObject({ host: "edited-on-b.internal", port: 6543 });
    }
  });

  for (const [start, callback] of [["a", "b"], ["b", "a"]] as const) {
    it(`an OAuth flow started on replica ${start.toUpperCase()} completes when the callback lands on ${callback.toUpperCase()}`, async () => {
      const session = await createSession(set.baseUrl, set.apiToken, { connector_type: "source-taskboard" });
      const widget = await widgetOn(start, session);
      const picked = await call(start, session.session_token, "POST", `/api/v1/setup-sessions/${session.session_id}/messages`, { text: "Sign in with Taskboard (OAuth)" });
      expect(picked.status, JSON.stringify(picked.body)).toBe(200);
      const request = (picked.body.events as ServerEvent[]).find((event) => event.type === "oauth.request") as { startUrl: string } | undefined;
      expect(request, JSON.stringify(picked.body.events.map((event: ServerEvent) => event.type))).toBeDefined();
      expect(request!.startUrl.startsWith(`${set.baseUrl}/oauth/start?`)).toBe(true);

      const servedBy: Record<string, string | null> = {};
      const result = await authorizeWithoutBrowser(request!.startUrl, {
        decision: "approve",
        // The popup's two visits to Onramp, each pinned to its replica; the provider's pages are not behind the balancer.
        fetch: async (url, init) => {
          const target = new URL(url);
          const onramp = target.origin === set.baseUrl;
          const replica = target.pathname === "/oauth/start" ? start : callback;
          const headers = new Headers(init?.headers);
          if (onramp) headers.set(REPLICA_HEADER, replica);
          const response = await fetch(url, { ...init, headers });
          if (onramp) servedBy[target.pathname] = response.headers.get(REPLICA_HEADER);
          return response;
        },
      });
      expect(servedBy).toEqual({ "/oauth/start": start, "/oauth/callback": callback });
      expect(result.status, result.html.slice(0, 500)).toBe(200);
      await widget.next((event) => event.type === "oauth.completed", 15_000, 0);
      const snapshot = await call(start, session.session_token, "GET", `/api/v1/setup-sessions/${session.session_id}`);
      expect(snapshot.body.form.secrets["/credentials/access_token"]).toMatch(/^sec_/);
      expect(snapshot.body.oauth ?? null).toBeNull();
    });
  }

  it("never runs one session's graph on two replicas at once: concurrent turns through both keep every message and every reply", async () => {
    const session = await createSession(set.baseUrl, set.apiToken, { connector_type: "source-postgres" });
    const turns = 24;
    const answers = await Promise.all(
      Array.from({ length: turns }, (_, index) =>
        call(index % 2 === 0 ? "a" : "b", session.session_token, "POST", `/api/v1/setup-sessions/${session.session_id}/messages`, { text: `note ${index}: what is this field for?` }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(turns).fill(200));
    expect(new Set(answers.map((answer) => answer.servedBy))).toEqual(new Set(["a", "b"]));
    // Every turn ran on a record that held all turns before it: had two graphs run at once, one
    // would have saved over the other and a message (or its reply) would be gone.
    const snapshot = await call("a", session.session_token, "GET", `/api/v1/setup-sessions/${session.session_id}`);
    const transcript = snapshot.body.transcript as Array<{ role: string; text: string }>;
    const users = transcript.filter((entry) => entry.role === "user").map((entry) => entry.text);
    expect(users.sort()).toEqual(Array.from({ length: turns }, (_, index) => `note ${index}: what is this field for?`).sort());
    // Turns are whole: each user message is followed by the agent's answer before the next one.
    const roles = transcript.map((entry) => (entry.role === "user" ? "u" : "a")).join("");
    expect(roles).not.toMatch(/uu/);
  });
});
