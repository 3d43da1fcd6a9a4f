// OAuth end to end over HTTP, without a browser, against a real authorization server
// (oidc-provider on 127.0.0.1): setup sessions on the built-in Taskboard source and on
// source-github from the Airbyte corpus, every failure produced for real, a check that renews
// the access token, and a leak test. The agent calls a model on every turn: a scripted
// OpenAI-compatible server on 127.0.0.1 that leaves the understanding to the offline rules, so
// the conversation stays predictable while the model input is real and can be searched.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { copyFile, mkdtemp, readdir, readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerEvent } from "../../agent/protocol.ts";
import { startFakeOpenAI, type FakeOpenAI } from "../../agent/testing/fake-openai.ts";
import { SECRET_MASK } from "../../specs/types.ts";
import { createSession, RestSession, WsSession } from "../sessions/testing/session-client.ts";
import { authorizeWithoutBrowser, CookieJar } from "./testing/authorize-without-browser.ts";
import { startOAuthTestEnv, type OAuthTestEnv } from "./testing/oauth-test-env.ts";

const TASKBOARD = "source-taskboard";
const GITHUB_ID = "ef69ef6e-aa7f-4af1-a01d-ef775033524e";

let env: OAuthTestEnv;
let model: FakeOpenAI;
const apiBodies: string[] = [];
const allEvents: ServerEvent[] = [];
const callbackPages: string[] = [];

beforeAll(async () => {
  // Only source-github from the corpus: loading all 500 specs is not what this test is about.
  const specsDir = await mkdtemp(path.join(os.tmpdir(), "onramp-oauth-specs-"));
  await copyFile("/work/shared/airbyte-specs/source-github.json", path.join(specsDir, "source-github.json"));
  // An empty answer (no text, no tool call) leaves each turn to the offline understander.
  model = await startFakeOpenAI([{ text: "" }]);
  env = await startOAuthTestEnv({
    catalogDirs: [specsDir],
    env: { ONRAMP_MODEL: "openai:test-model", OPENAI_BASE_URL: model.baseUrl, OPENAI_API_KEY: "test-key" },
  });
  const taskboard = await env.configureClient(TASKBOARD);
  expect(taskboard.status, taskboard.text).toBe(200);
  const github = await env.configureClient(GITHUB_ID, { scopes: ["repo", "read:org"] });
  expect(github.status, github.text).toBe(200);
  apiBodies.push(taskboard.text, github.text);
}, 60_000);

afterAll(async () => {
  await env?.close();
  await model?.close();
});

/** Entries in the secret store itself (one encrypted file each), not only the form's references. */
async function secretCount(): Promise<number> {
  return (await readdir(path.join(env.dataDir, "secrets")).catch(() => [])).length;
}

/** Lets anything a callback would have caused arrive before asserting that it did not. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

interface Setup {
  rest: RestSession;
  ws: WsSession;
  id: string;
}

async function openSetup(definition: string, allowedOrigin?: string): Promise<Setup> {
  const created = await createSession(env.baseUrl, env.apiToken, { definition_id: definition, ...(allowedOrigin ? { allowed_origin: allowedOrigin } : {}) });
  const rest = new RestSession(env.baseUrl, created.session_id, created.session_token);
  const ws = await WsSession.open(env.wsUrl, created.session_id, created.session_token, allowedOrigin ? { origin: allowedOrigin } : {});
  ws.socket.on("close", () => allEvents.push(...ws.events));
  return { rest, ws, id: created.session_id };
}

async function pickOAuth(setup: Setup, answer: string): Promise<{ path: string; startUrl: string }> {
  const events = await setup.rest.say(answer);
  const request = events.find((event) => event.type === "oauth.request");
  expect(request, JSON.stringify(events.map((event) => event.type))).toBeDefined();
  return request as { path: string; startUrl: string };
}

async function snapshot(setup: Setup): Promise<any> {
  const answer = await setup.rest.snapshot();
  expect(answer.status).toBe(200);
  return answer.body;
}

const wsFrames: string[] = [];
const sessionIds: string[] = [];

async function done(setup: Setup) {
  apiBodies.push(...setup.rest.received);
  wsFrames.push(...setup.ws.frames);
  sessionIds.push(setup.id);
  await setup.ws.close();
}

const OAUTH_OPTION = "Sign in with Taskboard (OAuth)";

/** Runs one flow that must fail; checks the failure and that nothing was stored. */
async function expectFailure(
  setup: Setup,
  run: (startUrl: string) => Promise<{ status: number; html: string }>,
  reason: string,
): Promise<ServerEvent & { type: "oauth.failed" }> {
  const request = await pickOAuth(setup, OAUTH_OPTION);
  const before = (await snapshot(setup)).form;
  const storedBefore = await secretCount();
  const from = setup.ws.events.length;
  const page = await run(request.startUrl);
  callbackPages.push(page.html);
  expect(page.status).toBe(400);
  expect(page.html).toContain("oauth.failed");
  const failed = (await setup.ws.next((event) => event.type === "oauth.failed", 10_000, from)) as ServerEvent & { type: "oauth.failed" };
  expect(failed.reason).toBe(reason);
  expect(failed.path).toBe("/credentials");
  // The agent tells the person, in its own words, and asks how to go on.
  const told = (await setup.ws.next((event) => event.type === "agent.message" && event.text.includes(failed.message), 10_000, from)) as any;
  expect(told.text).toContain(failed.message);
  const after = (await snapshot(setup)).form;
  expect(after.secrets).toEqual(before.secrets);
  expect(after.values.credentials?.access_token).toBeUndefined();
  expect(await secretCount()).toBe(storedBefore);
  expect(setup.ws.events.slice(from).some((event) => event.type === "oauth.completed")).toBe(false);
  return failed;
}

describe("OAuth setup over HTTP against a real authorization server", () => {
  it("completes the built-in Taskboard source: tokens become secrets, the agent moves on by itself", async () => {
    const setup = await openSetup(TASKBOARD, "https://host.example");
    const request = await pickOAuth(setup, "Sign in with Taskboard (OAuth)");
    expect(request.path).toBe("/credentials");
    expect(request.startUrl).toBe(`${env.baseUrl}/oauth/start?session=${setup.id}&path=%2Fcredentials`);

    const from = setup.ws.events.length;
    const result = await authorizeWithoutBrowser(request.startUrl, { decision: "approve" });
    callbackPages.push(result.html);
    expect(result.status).toBe(200);
    expect(result.visited.some((url) => url.startsWith(env.oidc.issuer))).toBe(true);
    // The page posts to the session's allowed origin only.
    expect(result.html).toContain('"https://host.example"');
    expect(result.html).not.toContain('"*"');

    const completed = await setup.ws.next((event) => event.type === "oauth.completed", 10_000, from);
    expect(completed).toEqual({ type: "oauth.completed", path: "/credentials" });
    const ask = (await setup.ws.next((event) => event.type === "field.ask", 10_000, from)) as any;
    expect(ask.path).toBe("/start_date");
    // Every output is stored before the agent is woken, once: nothing but the sign-in's own
    // form patches comes before oauth.completed, and the agent speaks once after it.
    const caused = setup.ws.events.slice(from);
    const completedAt = caused.findIndex((event) => event.type === "oauth.completed");
    const before = caused.slice(0, completedAt);
    expect(before.length).toBeGreaterThanOrEqual(5);
    expect(before.every((event) => event.type === "form.patch" && event.by === "oauth"), JSON.stringify(before)).toBe(true);
    expect(caused.filter((event) => event.type === "agent.message")).toHaveLength(1);
    expect(caused.some((event) => event.type === "test.started")).toBe(false);

    const session = await snapshot(setup);
    expect(session.pending?.path).toBe("/start_date");
    const form = session.form;
    for (const secretPath of ["/credentials/access_token", "/credentials/refresh_token", "/credentials/client_id", "/credentials/client_secret"]) {
      expect(form.secrets[secretPath], secretPath).toMatch(/^sec_/);
    }
    expect(form.values.credentials).toMatchObject({
      auth_type: "oauth2.0",
      access_token: SECRET_MASK,
      refresh_token: SECRET_MASK,
      client_id: SECRET_MASK,
      client_secret: SECRET_MASK,
    });
    expect(Date.parse(form.values.credentials.token_expiry_date)).toBeGreaterThan(Date.now());
    const accessToken = await env.deps.secrets.get(form.secrets["/credentials/access_token"]);
    const refreshToken = await env.deps.secrets.get(form.secrets["/credentials/refresh_token"]);
    expect(accessToken && accessToken.length).toBeGreaterThan(20);
    expect(refreshToken && refreshToken.length).toBeGreaterThan(20);
    expect(await env.deps.secrets.get(form.secrets["/credentials/client_id"])).toBe(env.oidc.clientId);
    expect(env.oidc.tokenRequests.authorization_code).toBeGreaterThanOrEqual(1);
    tokens.push(accessToken!, refreshToken!);
    await done(setup);
  });

  it("completes source-github from the Airbyte corpus, pointed at the test provider through the client API", async () => {
    const setup = await openSetup(GITHUB_ID);
    const request = await pickOAuth(setup, "OAuth");
    expect(request.path).toBe("/credentials");
    const started = await fetch(request.startUrl, { redirect: "manual" });
    const location = new URL(started.headers.get("location")!);
    expect(location.origin).toBe(env.oidc.issuer);
    expect(location.searchParams.get("scope")).toBe("repo read:org");
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    expect(location.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(location.searchParams.get("redirect_uri")).toBe(`${env.baseUrl}/oauth/callback`);

    const from = setup.ws.events.length;
    const result = await authorizeWithoutBrowser(request.startUrl, { decision: "approve" });
    callbackPages.push(result.html);
    expect(result.status).toBe(200);
    await setup.ws.next((event) => event.type === "oauth.completed", 10_000, from);
    const session = await snapshot(setup);
    expect(session.form.values.credentials).toMatchObject({ option_title: "OAuth Credentials", access_token: SECRET_MASK, client_secret: SECRET_MASK });
    const accessToken = await env.deps.secrets.get(session.form.secrets["/credentials/access_token"]);
    expect(accessToken && accessToken.length).toBeGreaterThan(20);
    tokens.push(accessToken!);
    // The agent went on to github's next required question without being told.
    expect(session.pending?.path).not.toMatch(/^\/credentials/);
    expect(session.pending).not.toBeNull();
    await done(setup);
  });
});

const tokens: string[] = [];

describe("OAuth failures end with oauth.failed, store nothing, and leave the session usable", () => {
  let setup: Setup;
  beforeAll(async () => {
    setup = await openSetup(TASKBOARD, "https://host.example");
  });
  afterAll(async () => {
    if (setup) await done(setup);
  });

  it("denied consent", async () => {
    const failed = await expectFailure(setup, (startUrl) => authorizeWithoutBrowser(startUrl, { decision: "deny" }), "access_denied");
    expect(failed.message).toMatch(/declined|not granted/);
  });

  it("a tampered state", async () => {
    await expectFailure(
      setup,
      (startUrl) =>
        authorizeWithoutBrowser(startUrl, {
          decision: "approve",
          beforeCallback: (url) => {
            url.searchParams.set("state", url.searchParams.get("state")!.slice(0, -4) + "AAAA");
            return url;
          },
        }),
      "state_mismatch",
    );
  });

  it("an expired state", async () => {
    await expectFailure(
      setup,
      (startUrl) =>
        authorizeWithoutBrowser(startUrl, {
          decision: "approve",
          beforeCallback: async (url) => {
            const state = url.searchParams.get("state")!;
            const record = await env.deps.store.takeOAuthState(state);
            await env.deps.store.putOAuthState({ ...record!, expiresAt: new Date(Date.now() - 1000).toISOString() });
            return url;
          },
        }),
      "state_expired",
    );
  });

  it("a callback that arrives in another browser (without the flow cookie)", async () => {
    await expectFailure(
      setup,
      (startUrl) =>
        authorizeWithoutBrowser(startUrl, {
          decision: "approve",
          fetch: (url, init) => {
            if (!new URL(url).pathname.startsWith("/oauth/callback")) return fetch(url, init);
            const headers = new Headers(init?.headers);
            headers.delete("cookie");
            return fetch(url, { ...init, headers });
          },
        }),
      "wrong_browser",
    );
  });

  it("a wrong PKCE verifier (the provider refuses the code)", async () => {
    const exchangesBefore = env.oidc.tokenRequests.authorization_code ?? 0;
    const failed = await expectFailure(
      setup,
      (startUrl) =>
        authorizeWithoutBrowser(startUrl, {
          decision: "approve",
          beforeCallback: async (url) => {
            const state = url.searchParams.get("state")!;
            const record = await env.deps.store.takeOAuthState(state);
            await env.deps.store.putOAuthState({ ...record!, codeVerifier: "x".repeat(43) });
            return url;
          },
        }),
      "token_endpoint_error",
    );
    expect(failed.message).toContain("invalid_grant");
    expect(env.oidc.tokenRequests.authorization_code).toBe(exchangesBefore + 1);
  });

  it("a missing PKCE verifier (the exchange carries none, the provider refuses the code)", async () => {
    const exchangesBefore = env.oidc.tokenRequests.authorization_code ?? 0;
    const failed = await expectFailure(
      setup,
      (startUrl) =>
        authorizeWithoutBrowser(startUrl, {
          decision: "approve",
          beforeCallback: async (url) => {
            const state = url.searchParams.get("state")!;
            const record = await env.deps.store.takeOAuthState(state);
            await env.deps.store.putOAuthState({ ...record!, codeVerifier: "" });
            return url;
          },
        }),
      "token_endpoint_error",
    );
    expect(failed.message).toContain("invalid_grant");
    expect(failed.message).toMatch(/refused the authorization/);
    // The exchange really went to the provider, without a code_verifier.
    expect(env.oidc.tokenRequests.authorization_code).toBe(exchangesBefore + 1);
    const exchange = env.oidc.tokenRequestLog.filter((entry) => entry.grant === "authorization_code").at(-1)!;
    expect(exchange.params).toContain("code");
    expect(exchange.params).not.toContain("code_verifier");
  });

  it("a token endpoint error (the provider rejects the client)", async () => {
    const wrong = await env.configureClient(TASKBOARD, { client_secret: "not-the-secret" });
    expect(wrong.status).toBe(200);
    try {
      const failed = await expectFailure(setup, (startUrl) => authorizeWithoutBrowser(startUrl, { decision: "approve" }), "token_endpoint_error");
      expect(failed.message).toContain("invalid_client");
    } finally {
      expect((await env.configureClient(TASKBOARD)).status).toBe(200);
    }
  });

  it("a token endpoint that is down", async () => {
    env.oidc.setTokenEndpointDown(true);
    try {
      await expectFailure(setup, (startUrl) => authorizeWithoutBrowser(startUrl, { decision: "approve" }), "token_endpoint_unreachable");
    } finally {
      env.oidc.setTokenEndpointDown(false);
    }
  });

  it("a popup closed by the person (oauth.cancel from the widget)", async () => {
    const request = await pickOAuth(setup, OAUTH_OPTION);
    const opened = await fetch(request.startUrl, { redirect: "manual" });
    expect(opened.status).toBe(302);
    const from = setup.ws.events.length;
    setup.ws.send({ type: "oauth.cancel", path: "/credentials" });
    const failed = (await setup.ws.next((event) => event.type === "oauth.failed", 10_000, from)) as any;
    expect(failed.reason).toBe("cancelled");
    await setup.ws.next((event) => event.type === "agent.message", 10_000, from);
    expect((await snapshot(setup)).form.values.credentials?.access_token).toBeUndefined();
  });

  it("a cancel ends the flow: a sign-in finished at the provider afterwards stores nothing", async () => {
    const request = await pickOAuth(setup, OAUTH_OPTION);
    const before = (await snapshot(setup)).form;
    const storedBefore = await secretCount();
    const exchangesBefore = env.oidc.tokenRequests.authorization_code ?? 0;
    const from = setup.ws.events.length;
    const page = await authorizeWithoutBrowser(request.startUrl, {
      decision: "approve",
      // The person pressed Cancel while the provider's page was still open, then finished there.
      beforeCallback: async (url) => {
        setup.ws.send({ type: "oauth.cancel", path: "/credentials" });
        await setup.ws.next((event) => event.type === "oauth.failed", 10_000, from);
        // The cancel removed the flow's state: nothing is left to redeem.
        expect(await env.deps.store.takeOAuthState(url.searchParams.get("state")!)).toBeUndefined();
        return url;
      },
    });
    callbackPages.push(page.html);
    expect(page.status).toBe(400);
    expect(page.html).toContain("no longer waiting for this sign-in");
    await settle();
    const caused = setup.ws.events.slice(from).filter((event) => event.type.startsWith("oauth."));
    expect(caused).toEqual([expect.objectContaining({ type: "oauth.failed", reason: "cancelled" })]);
    expect(env.oidc.tokenRequests.authorization_code ?? 0).toBe(exchangesBefore);
    expect((await snapshot(setup)).form.secrets).toEqual(before.secrets);
    expect(await secretCount()).toBe(storedBefore);
  });

  it("a callback for a session that stopped waiting is refused even when its state survived the cancel", async () => {
    const request = await pickOAuth(setup, OAUTH_OPTION);
    const storedBefore = await secretCount();
    const exchangesBefore = env.oidc.tokenRequests.authorization_code ?? 0;
    const from = setup.ws.events.length;
    const page = await authorizeWithoutBrowser(request.startUrl, {
      decision: "approve",
      beforeCallback: async (url) => {
        // As if the cancel's clean-up lost a race (another replica put the state back).
        const record = await env.deps.store.takeOAuthState(url.searchParams.get("state")!);
        setup.ws.send({ type: "oauth.cancel", path: "/credentials" });
        await setup.ws.next((event) => event.type === "oauth.failed", 10_000, from);
        await snapshot(setup); // the cancel's action is saved
        await env.deps.store.putOAuthState(record!);
        return url;
      },
    });
    callbackPages.push(page.html);
    expect(page.status).toBe(400);
    expect(page.html).toContain("not_waiting");
    await settle();
    expect(setup.ws.events.slice(from).filter((event) => event.type.startsWith("oauth.")).map((event) => event.type)).toEqual(["oauth.failed"]);
    expect(env.oidc.tokenRequests.authorization_code ?? 0).toBe(exchangesBefore);
    expect((await snapshot(setup)).form.values.credentials?.access_token).toBeUndefined();
    expect(await secretCount()).toBe(storedBefore);
  });

  it("a cancel while the code is being exchanged: the tokens the provider issued are not stored", async () => {
    const request = await pickOAuth(setup, OAUTH_OPTION);
    const storedBefore = await secretCount();
    const exchangesBefore = env.oidc.tokenRequests.authorization_code ?? 0;
    const from = setup.ws.events.length;
    const release = env.oidc.holdTokenResponses();
    let journey: Promise<{ status: number; html: string }> | undefined;
    try {
      journey = authorizeWithoutBrowser(request.startUrl, { decision: "approve" });
      // The provider has the code exchange in hand (and answers once released).
      for (let waited = 0; (env.oidc.tokenRequests.authorization_code ?? 0) === exchangesBefore && waited < 10_000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(env.oidc.tokenRequests.authorization_code).toBe(exchangesBefore + 1);
      setup.ws.send({ type: "oauth.cancel", path: "/credentials" });
      await setup.ws.next((event) => event.type === "oauth.failed", 10_000, from);
      await snapshot(setup);
    } finally {
      release();
    }
    const page = await journey!;
    callbackPages.push(page.html);
    expect(page.status).toBe(400);
    expect(page.html).toContain("not_waiting");
    await settle();
    expect(setup.ws.events.slice(from).filter((event) => event.type.startsWith("oauth.")).map((event) => event.type)).toEqual(["oauth.failed"]);
    expect((await snapshot(setup)).form.values.credentials?.access_token).toBeUndefined();
    expect(await secretCount()).toBe(storedBefore);
  });

  it("replaying an earlier callback URL while the session waits again ends that flow too", async () => {
    const declined = await pickOAuth(setup, OAUTH_OPTION);
    const first = await authorizeWithoutBrowser(declined.startUrl, { decision: "deny" });
    callbackPages.push(first.html);
    expect(first.html).toContain("access_denied");
    const request = await pickOAuth(setup, OAUTH_OPTION);
    const storedBefore = await secretCount();
    const from = setup.ws.events.length;
    const page = await authorizeWithoutBrowser(request.startUrl, {
      decision: "approve",
      // Someone else (no cookies) replays the first flow's callback URL before this one returns.
      beforeCallback: async (url) => {
        const replay = await fetch(first.callbackUrl);
        const replayPage = await replay.text();
        callbackPages.push(replayPage);
        expect(replay.status).toBe(400);
        expect(replayPage).toContain("state_replayed");
        await setup.ws.next((event) => event.type === "oauth.failed", 10_000, from);
        return url;
      },
    });
    callbackPages.push(page.html);
    expect(page.status).toBe(400);
    await settle();
    const caused = setup.ws.events.slice(from).filter((event) => event.type.startsWith("oauth."));
    expect(caused).toEqual([expect.objectContaining({ type: "oauth.failed", path: "/credentials", reason: "state_replayed" })]);
    expect((caused[0] as { message: string }).message).toMatch(/already been used/);
    expect((await snapshot(setup)).form.values.credentials?.access_token).toBeUndefined();
    expect(await secretCount()).toBe(storedBefore);
  });

  it("after all that, the same session authorizes; replaying the callback URL is refused", async () => {
    const request = await pickOAuth(setup, OAUTH_OPTION);
    const jar = new CookieJar();
    const from = setup.ws.events.length;
    const result = await authorizeWithoutBrowser(request.startUrl, { decision: "approve", jar });
    callbackPages.push(result.html);
    expect(result.status).toBe(200);
    await setup.ws.next((event) => event.type === "oauth.completed", 10_000, from);
    const form = (await snapshot(setup)).form;
    expect(form.secrets["/credentials/access_token"]).toMatch(/^sec_/);
    tokens.push((await env.deps.secrets.get(form.secrets["/credentials/access_token"]))!);
    tokens.push((await env.deps.secrets.get(form.secrets["/credentials/refresh_token"]))!);

    const replayFrom = setup.ws.events.length;
    const replay = await fetch(result.callbackUrl, { headers: { cookie: jar.header(new URL(result.callbackUrl)) } });
    const replayPage = await replay.text();
    callbackPages.push(replayPage);
    expect(replay.status).toBe(400);
    // Recognised as a replay; the session no longer waits, so it hears nothing.
    expect(replayPage).toContain("state_replayed");
    expect((await snapshot(setup)).form.secrets).toEqual(form.secrets);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(setup.ws.events.slice(replayFrom).filter((event) => event.type.startsWith("oauth."))).toEqual([]);

    // The start link is dead too once the setup no longer waits for an authorization.
    const restart = await fetch(request.startUrl, { redirect: "manual" });
    expect(restart.status).toBe(400);
    expect(await restart.text()).toContain("not_selected");
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(setup.ws.events.slice(replayFrom).filter((event) => event.type.startsWith("oauth."))).toEqual([]);
  });
});

describe("a check renews an expired access token", () => {
  let api: http.Server;
  let apiUrl: string;
  const presented: string[] = [];

  beforeAll(async () => {
    // Taskboard's API stand-in: GET /v2/me answers 200 only for a token the provider calls active.
    api = http.createServer(async (request, response) => {
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1] ?? "";
      const active = token !== "" && (await env.oidc.introspect(token));
      if (active) presented.push(token);
      response.writeHead(active ? 200 : 401, { "content-type": "application/json" }).end(active ? '{"id":"me"}' : '{"error":"invalid_token"}');
    });
    await new Promise<void>((resolve) => api.listen(0, "127.0.0.1", resolve));
    apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}/v2`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => (api ? api.close(() => resolve()) : resolve()));
  });

  it("mints new tokens from the refresh token and keeps them as secrets", async () => {
    const setup = await openSetup(TASKBOARD, "https://host.example");
    const request = await pickOAuth(setup, OAUTH_OPTION);
    const from = setup.ws.events.length;
    expect((await authorizeWithoutBrowser(request.startUrl, { decision: "approve" })).status).toBe(200);
    await setup.ws.next((event) => event.type === "field.ask" && event.path === "/start_date", 10_000, from);
    const before = (await snapshot(setup)).form;
    const firstAccess = (await env.deps.secrets.get(before.secrets["/credentials/access_token"]))!;
    const firstRefresh = (await env.deps.secrets.get(before.secrets["/credentials/refresh_token"]))!;
    tokens.push(firstAccess, firstRefresh);
    // The token's recorded expiry passes: the check must renew it before using it.
    const patched = await setup.rest.call("PATCH", "/form", {
      base_version: before.version,
      ops: [
        { op: "set", path: "/api_url", value: apiUrl },
        { op: "set", path: "/credentials/token_expiry_date", value: new Date(Date.now() - 60_000).toISOString() },
      ],
    });
    expect(patched.status).toBe(200);
    const refreshesBefore = env.oidc.tokenRequests.refresh_token ?? 0;
    const checkFrom = setup.ws.events.length;
    await setup.rest.say("2024-01-01");
    const outcome = (await setup.ws.next((event) => event.type === "test.result", 20_000, checkFrom)) as ServerEvent & { type: "test.result" };
    expect(outcome.status, outcome.message).toBe("succeeded");
    expect(env.oidc.tokenRequests.refresh_token).toBe(refreshesBefore + 1);
    expect(presented.length).toBeGreaterThan(0);
    const renewedAccess = presented.at(-1)!;
    expect(renewedAccess).not.toBe(firstAccess);
    const after = await snapshot(setup);
    const refs = after.connectorId ? (await env.deps.store.getConnector(after.connectorId))!.secretRefs : after.form.secrets;
    expect(await env.deps.secrets.get(refs["/credentials/access_token"])).toBe(renewedAccess);
    const renewedRefresh = (await env.deps.secrets.get(refs["/credentials/refresh_token"]))!;
    // The renewed values are canaries of the leak test below, like the first ones.
    refreshedTokens.push(renewedAccess, renewedRefresh);
    await done(setup);
  }, 60_000);
});

const refreshedTokens: string[] = [];

/** The text plus every long base64 run decoded: LangGraph checkpoints store their state as base64 JSON. */
function withDecoded(text: string): string {
  const decoded = [...text.matchAll(/[A-Za-z0-9+/]{40,}={0,2}/g)].map((match) => Buffer.from(match[0], "base64").toString("utf8"));
  return [text, ...decoded].join("\n");
}

async function filesUnder(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await filesUnder(full)));
    else if ((await stat(full)).size < 5_000_000) found.push(full);
  }
  return found;
}

describe("leak test", () => {
  it("no access or refresh token, nor the client secret, appears in model input, events, logs, API responses, checkpoints or plaintext files", async () => {
    expect(tokens.length).toBeGreaterThanOrEqual(7);
    expect(refreshedTokens).toHaveLength(2);
    const canaries = [...tokens, ...refreshedTokens, env.oidc.clientSecret];
    // The model was really asked, after sign-ins too: its input held the form with the tokens masked.
    const sent = JSON.stringify(env.gateway.sent());
    expect(env.gateway.sent().length).toBeGreaterThan(0);
    expect(model.requests.length).toBeGreaterThan(0);
    expect(sent).toContain("(stored securely)");
    const places: Record<string, string> = {
      "model input": sent,
      "model requests": JSON.stringify(model.requests),
      events: wsFrames.join("\n"),
      logs: env.logLines.join("\n"),
      "API responses": apiBodies.join("\n"),
      "callback pages": callbackPages.join("\n"),
    };
    expect(sessionIds.length).toBe(4);
    for (const id of sessionIds) {
      const checkpoint = await env.deps.store.getCheckpoint(id);
      // The agent's thread exists (and went through the OAuth step) but holds no token.
      expect(checkpoint, `checkpoint of ${id}`).toBeDefined();
      places[`checkpoint ${id}`] = withDecoded(JSON.stringify(checkpoint));
    }
    expect(Object.entries(places).filter(([place]) => place.startsWith("checkpoint")).some(([, text]) => text.includes('"phase":"oauth"') || text.includes("oauth.completed"))).toBe(true);
    expect(wsFrames.length).toBeGreaterThan(20);
    expect(env.logLines.some((line) => line.includes("oauth.completed"))).toBe(true);
    const files = await filesUnder(env.dataDir);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) places[`file ${path.relative(env.dataDir, file)}`] = withDecoded(await readFile(file, "latin1"));
    for (const [place, raw] of Object.entries(places)) {
      const text = withDecoded(raw);
      for (const canary of canaries) expect(text.includes(canary), `a token leaked into ${place}`).toBe(false);
    }
  });
});
