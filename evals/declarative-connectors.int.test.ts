// Six real Airbyte manifests end to end, each against its local API on 127.0.0.1
// (specs/declarative/testing): a real server loads them from their folder through
// ONRAMP_CATALOG_DIRS; a simulated user sets each up by chat over the REST twin (the eval
// harness's runCase + REST driver), the key in secret mode and wrong at first: the test fails as
// auth_failed naming the key's field, the agent asks for it again, the test passes and the
// connector saves. Then POST /connectors/:id/execute reads every page of a stream, the SDK's
// connect(slug).execute and getConnector(id).execute read the same, and a 429 with Retry-After
// is retried within bounds. Only one real wait: a single Retry-After of 1 s.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerEvent } from "../agent/protocol.ts";
import { SECRET_MASK, getAt, secretPaths, type Definition } from "../specs/index.ts";
import { FIXTURES_DIR } from "../specs/declarative/testing/fixture-definition.ts";
import { startAhaApi, startAuth0Api, startGetlagoApi, startRocketChatApi, startSenseforceApi, startSigmaApi, type FixtureApi } from "../specs/declarative/testing/fixture-apis.ts";
import { Onramp, type ExecutableConnector, type Workspace } from "../server/sdk/index.ts";
import { startTestServer, type TestServer } from "../server/sessions/testing/test-server.ts";
import { findLeaks } from "../server/sessions/testing/leak-check.ts";
import { resolveSecrets } from "./drivers/resolve-secrets.ts";
import { startRest } from "./drivers/rest.ts";
import { runCase } from "./run-case.ts";
import { gradeRun } from "./run-suite.ts";
import { hasLiveCheck } from "./test-status.ts";
import type { CaseRun, EvalCase } from "./types.ts";

type Row = Record<string, unknown>;
const DAY = 86_400_000;
const unique = () => randomBytes(6).toString("hex");

interface ManifestCase {
  /** What an SDK user passes to connect(). */
  slug: string;
  start(): Promise<FixtureApi>;
  /** What the user knows beyond the config's own values (a oneOf named by its title, ...). */
  facts?(base: Record<string, unknown>): Record<string, unknown>;
  /** Records per execute call: small enough that every stream takes several. */
  limit: number;
  /** The config the connector must hold once saved and used (a rotated token, ...). */
  expected?(api: FixtureApi): Row;
}

// senseforce reads date windows from start_date to now (the server's own clock): its records sit
// in two 100-day windows, none in the day the manifest's filter lets two windows share.
const senseforceStart = new Date(Date.now() - 150 * DAY).toISOString().slice(0, 10);
const sigmaPrefix = `sigma-${unique()}-`;
let sigma: Awaited<ReturnType<typeof startSigmaApi>>;

const CASES: ManifestCase[] = [
  { slug: "getlago", start: () => startGetlagoApi({ key: `lago-${unique()}` }), limit: 4 },
  { slug: "aha", start: () => startAhaApi({ key: `aha-${unique()}` }), limit: 5 },
  { slug: "rocket-chat", start: () => startRocketChatApi({ token: `rc-${unique()}` }), limit: 3 },
  {
    slug: "senseforce",
    start: () =>
      startSenseforceApi({
        token: `sf-${unique()}`,
        startDate: senseforceStart,
        records: [0.5, 30, 99, 110, 140].map((days, index) => ({ id: `row-${index}`, timestamp: Date.parse(senseforceStart) + Math.round(days * DAY) })),
      }),
    limit: 2,
  },
  {
    slug: "sigma-computing",
    start: async () => (sigma = await startSigmaApi({ rotation: "strict", tokenPrefix: sigmaPrefix, clientSecret: `cs-${unique()}` })),
    limit: 100,
    // The test's refresh rotated the refresh token and gave an access token; both were kept.
    expected: (api) => ({ ...api.config(), client_refresh_token: sigma.currentRefreshToken(), oauth_access_token: `${sigmaPrefix}at-${sigma.issued()}` }),
  },
  {
    slug: "auth0",
    start: () => startAuth0Api({ token: `a0-${unique()}` }),
    facts: ({ "/credentials/auth_type": _discriminator, ...base }) => ({ ...base, "/credentials": { choose: "OAuth2 Access Token" } }),
    limit: 40,
    // start_date is optional with a default: the agent offers it but does not ask.
    expected: (api) => {
      const { start_date: _default, ...asked } = api.config();
      return asked;
    },
  },
];

/** Every leaf of a config as a fact, secrets to be typed in secret mode. */
function leafFacts(definition: Definition, config: Row): Record<string, unknown> {
  const secrets = new Set(secretPaths(definition.connectionSpecification, config));
  const facts: Record<string, unknown> = {};
  const walk = (value: unknown, path: string) => {
    if (value && typeof value === "object" && !Array.isArray(value)) for (const [key, inner] of Object.entries(value)) walk(inner, `${path}/${key}`);
    else facts[path] = secrets.has(path) ? { secret: value } : value;
  };
  walk(config, "");
  return facts;
}

const eventsOf = (run: CaseRun) => run.transcript.filter((item) => item.from === "server").map((item) => item.event as ServerEvent);

let server: TestServer;
let sdk: Workspace;
const answers: string[] = [];
const canaries: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ env: { ONRAMP_CATALOG_DIRS: FIXTURES_DIR }, logLevel: "info" });
  sdk = Onramp({
    baseUrl: server.baseUrl,
    token: server.apiToken,
    fetch: async (url, init) => {
      const response = await fetch(url, init);
      answers.push(await response.clone().text());
      return response;
    },
  }).workspace("default");
});

afterAll(async () => {
  if (!server) return;
  await server.close();
  // No key, token or rotated token anywhere: model gateway, logs, answers, stored files.
  const leaks = await findLeaks(
    canaries,
    [
      { label: "gateway log", text: JSON.stringify(server.gatewaySent()) },
      { label: "server log", text: server.logLines.join("\n") },
      { label: "API answers", text: answers.join("\n") },
    ],
    [server.dataDir],
  );
  expect(leaks).toEqual([]);
});

async function management(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${server.apiToken}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  answers.push(text);
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** Every record of an entity, one execute after another, the way a client pages. */
async function readAll(read: (cursor: string | null) => Promise<{ data: Row[]; next_cursor: string | null }>): Promise<{ rows: Row[]; calls: number }> {
  const rows: Row[] = [];
  let cursor: string | null = null;
  let calls = 0;
  do {
    const page = await read(cursor);
    expect(page.data.length).toBeGreaterThan(0);
    rows.push(...page.data);
    cursor = page.next_cursor;
    calls++;
  } while (cursor !== null && calls < 100);
  return { rows, calls };
}

for (const [index, manifest] of CASES.entries()) {
  describe(`source-${manifest.slug}`, () => {
    let api: FixtureApi;
    let definition: Definition;
    let connectorId: string;
    const executeUrl = () => `/api/v1/integrations/connectors/${connectorId}/execute`;
    const execute = (params: { limit: number; cursor?: string | null }) => management("POST", executeUrl(), { entity: api.paged.stream, action: "list", params });
    /** What the API holds, as a read returns it (senseforce's AddFields adds its cursor field). */
    const expectRecords = (rows: Row[]) => {
      expect(rows.map((row) => JSON.stringify(row, Object.keys(row).filter((key) => key !== "airbyte_cursor").sort()))).toEqual(
        api.paged.records.map((record) => JSON.stringify(record, Object.keys(record).sort())),
      );
    };

    beforeAll(async () => {
      api = await manifest.start();
      definition = server.deps.catalog.get(api.manifest)!;
      const key = getAt(api.config(), api.key.path);
      canaries.push(String(key), api.key.wrong, ...(manifest.slug === "sigma-computing" ? [String(api.config().client_secret), `${sigmaPrefix}rt-`, `${sigmaPrefix}at-`] : []));
    });
    afterAll(() => api?.close());

    it("is set up by chat: a wrong key fails as auth_failed on its field, the agent asks for it again, the test passes and the connector saves", async () => {
      // Loaded from the folder, with a check that really connects.
      expect(definition).toMatchObject({ name: api.manifest, check: "declarative" });
      expect(hasLiveCheck(definition)).toBe(true);
      const right = getAt(api.config(), api.key.path);
      const base = leafFacts(definition, api.config());
      const facts = { ...(manifest.facts?.(base) ?? base), [api.key.path]: { answers: [{ secret: api.key.wrong }, { secret: right }] } };
      const url = Object.values(api.config()).find((value) => typeof value === "string" && value.startsWith("http://127.0.0.1"));
      const caseDef: EvalCase = {
        id: `declarative/${manifest.slug}`,
        connector: api.manifest,
        file: "inline",
        // The address comes first: an optional URL with a public default is never left to it.
        opening: `Hi, I'd like to connect ${definition.displayName}. Our address is ${url}`,
        facts,
        expect: { outcome: "saved", test: "succeeded", failure_reason: "auth_failed" },
      };
      const run = await runCase(caseDef, (concrete) => startRest(concrete, { baseUrl: server.baseUrl, apiToken: server.apiToken }));
      expect(run.error).toBeUndefined();
      const events = eventsOf(run);

      const results = events.filter((event): event is Extract<ServerEvent, { type: "test.result" }> => event.type === "test.result");
      expect(results[0]).toMatchObject({ status: "failed", reason: "auth_failed" });
      expect(results[0]!.fields).toContain(api.key.path);
      expect(results.at(-1)).toMatchObject({ status: "succeeded" });
      // Between the failure and the next test the agent asked for the key again, in secret mode.
      const failedAt = events.indexOf(results[0]!);
      const retestAt = events.findIndex((event, at) => at > failedAt && event.type === "test.started");
      expect(events.slice(failedAt, retestAt).some((event) => event.type === "secret.request" && event.path === api.key.path)).toBe(true);
      // Every key went through secret mode, never as a chat message.
      const said = run.transcript.filter((item) => item.from === "user" && item.event.type === "user.message").map((item) => JSON.stringify(item.event));
      expect(said.some((text) => text.includes(String(right)) || text.includes(api.key.wrong))).toBe(false);
      const words = events.filter((event) => event.type === "agent.message").map((event) => (event as { text: string }).text).join(" ");
      expect(words).toMatch(/The connection works/);

      // Graded as the eval suite grades it, the declarative check counting as live.
      const report = gradeRun(caseDef, { ...run, liveCheck: hasLiveCheck(definition) });
      expect(report.graders.outcome).toMatchObject({ pass: true });
      expect(report.graders.test).toMatchObject({ pass: true });
      expect(report.graders.no_leak).toMatchObject({ pass: true });

      const completed = events.find((event) => event.type === "session.completed") as { connectorId: string } | undefined;
      connectorId = completed!.connectorId;
      const record = (await server.deps.store.getConnector(connectorId))!;
      expect(getAt(record.configuration, api.key.path)).toBe(SECRET_MASK);
      const resolved = await resolveSecrets(record.configuration, record.secretRefs, (id) => server.deps.secrets.get(id));
      expect(resolved).toEqual(manifest.expected?.(api) ?? api.config());
    });

    it("POST /connectors/:id/execute reads every page of the stream, as the API holds it", async () => {
      const view = await management("GET", `/api/v1/integrations/connectors/${connectorId}`);
      expect(view.body).toMatchObject({ executable: true, entities: expect.arrayContaining([{ name: api.paged.stream, kind: "stream", actions: ["list"] }]) });
      const before = api.sent(api.paged.path).length;
      const { rows, calls } = await readAll(async (cursor) => {
        const answer = await execute({ limit: manifest.limit, cursor });
        expect(answer.status, JSON.stringify(answer.body)).toBe(200);
        expect(answer.body.data.length).toBeLessThanOrEqual(manifest.limit);
        return answer.body;
      });
      expectRecords(rows);
      expect(calls).toBeGreaterThanOrEqual(2);
      expect(api.sent(api.paged.path).length - before).toBeGreaterThanOrEqual(2);
      if (manifest.slug === "sigma-computing") {
        // Each read renewed the tokens; the connector holds the one the provider accepts now.
        const record = (await server.deps.store.getConnector(connectorId))!;
        expect(await server.deps.secrets.get(record.secretRefs["/client_refresh_token"]!)).toBe(sigma.currentRefreshToken());
      }
    });

    it("the SDK's connect(slug).execute and getConnector(id).execute read the same", async () => {
      const connected: ExecutableConnector = await sdk.connect(manifest.slug);
      expect(connected.id).toBe(connectorId);
      const { rows } = await readAll((cursor) => connected.execute(api.paged.stream, "list", { limit: manifest.limit, cursor }));
      expectRecords(rows);
      const byId = await sdk.getConnector(connectorId);
      const first = await byId.execute(api.paged.stream, "list", { limit: manifest.limit });
      expect(first.data).toEqual(rows.slice(0, manifest.limit));
      expect(first.next_cursor).toEqual(expect.any(String));
      const rest = await readAll((cursor) => byId.execute(api.paged.stream, "list", { limit: 1000, cursor: cursor ?? first.next_cursor }));
      expectRecords([...first.data, ...rest.rows]);
    });

    it("retries a 429 as the API's Retry-After says, within bounds", async () => {
      // The first manifest waits the one real second; the others are asked for no wait at all.
      const retryAfter = index === 0 ? 1 : 0;
      const unthrottled = api.sent(api.paged.path).length;
      const expected = await execute({ limit: manifest.limit });
      const requestsPerRead = api.sent(api.paged.path).length - unthrottled;
      api.throttle.arm(api.paged.path, { retryAfter, times: 1 });
      const before = api.sent(api.paged.path).length;
      const started = Date.now();
      const answer = await execute({ limit: manifest.limit });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toEqual(expected.body);
      // The same read plus one request: the retry of the refused one.
      expect(api.sent(api.paged.path).length - before).toBe(requestsPerRead + 1);
      if (retryAfter > 0) expect(Date.now() - started).toBeGreaterThanOrEqual(retryAfter * 1000 - 50);

      if (index !== 1) return;
      // An API that keeps refusing is given up on after the manifest's retries (5 by default)...
      api.throttle.arm(api.paged.path, { retryAfter: 0, times: 100 });
      const sent = api.sent(api.paged.path).length;
      const exhausted = await execute({ limit: manifest.limit });
      expect(exhausted.status).toBe(502);
      expect(exhausted.body.errors[0]).toMatchObject({ error_code: "rate_limited" });
      expect(api.sent(api.paged.path).length - sent).toBe(6);
      // ...and a wait longer than the read may take is not waited at all.
      api.throttle.arm(api.paged.path, { retryAfter: 3600, times: 1 });
      const once = api.sent(api.paged.path).length;
      const tooLong = await execute({ limit: manifest.limit });
      expect(tooLong.status).toBe(502);
      expect(tooLong.body.errors[0]).toMatchObject({ error_code: "rate_limited" });
      expect(api.sent(api.paged.path).length - once).toBe(1);
      api.throttle.disarm(api.paged.path);
    });
  });
}
