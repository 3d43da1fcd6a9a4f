// Malformed input: generated bad REST requests (bodies, headers, query strings, ids) on every
// route the app enumerates, and bad ws frames on a live session. No 5xx, no crash, every refusal
// in the error envelope, and nothing in the data dir changed. Generated with fast-check from a
// fixed seed (ONRAMP_RELIABILITY_SEED), so a failure replays; the failing cases are printed.
import { tinyApiDescription } from "./tiny-api.ts";
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import fc from "fast-check";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLIENT_EVENT_TYPES } from "../sessions/client-event-schema.ts";
import { createSession } from "../sessions/testing/session-client.ts";
import { startTestServer, type TestServer } from "../sessions/testing/test-server.ts";
import { startTestApp, type TestApp } from "../testing/test-app.ts";
import { counts, report } from "./counts.ts";

// Small limit so oversize bodies and frames are cheap to make; the rule is the same at 1 MiB.
const LIMIT = 65_536;
const env = { ONRAMP_MAX_BODY_BYTES: String(LIMIT) };
const REST_SHARE = 0.75;

/** Every file of the data dir (temp files aside) and its content hash: "nothing changed" compares two. */
async function dataDirFingerprint(dir: string): Promise<string> {
  const hash = createHash("sha256");
  const walk = async (folder: string): Promise<void> => {
    for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(file);
      else if (!entry.name.endsWith(".tmp")) hash.update(file).update(await readFile(file));
    }
  };
  await walk(dir);
  return hash.digest("hex");
}

function isEnvelope(body: unknown): boolean {
  const value = body as { message?: unknown; errors?: unknown } | null;
  return (
    !!value &&
    typeof value.message === "string" &&
    Array.isArray(value.errors) &&
    value.errors.length > 0 &&
    value.errors.every((item: any) => item && typeof item.message === "string" && typeof item.error_code === "string" && (item.field === null || typeof item.field === "string"))
  );
}

// ---- generators ----------------------------------------------------------------------------

const KNOWN_FIELDS: Record<string, "string" | "integer" | "array" | "object"> = {
  text: "string", name: "string", workspace_id: "string", workspace_name: "string", connector_type: "string",
  definition_id: "string", connector_id: "string", source_id: "string", destination_id: "string", path: "string",
  value: "string", client_id: "string", client_secret: "string", entity: "string", action: "string",
  allowed_origin: "string", authorize_url: "string", token_url: "string", base_version: "integer",
  ops: "array", streams: "array", scopes: "array", configuration: "object", params: "object", credentials: "object",
  default_config: "object",
};

const scalar = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const anyJson = fc.jsonValue({ maxDepth: 3 });
function wrongFor(kind: string): fc.Arbitrary<unknown> {
  const options: Array<fc.Arbitrary<unknown>> = [fc.boolean(), fc.constant(null)];
  if (kind !== "string") options.push(fc.string({ maxLength: 40 }), fc.string({ minLength: 3000, maxLength: 6000 }));
  if (kind !== "integer") options.push(fc.integer(), fc.double());
  if (kind === "integer") options.push(fc.double({ noInteger: true }), fc.integer({ max: -1 }));
  if (kind !== "array") options.push(fc.array(anyJson, { maxLength: 4 }));
  if (kind !== "object") options.push(fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 4 }));
  return fc.oneof(...options);
}
const wrongTypes = fc.record(Object.fromEntries(Object.entries(KNOWN_FIELDS).map(([field, kind]) => [field, wrongFor(kind)])));

function notJson(text: string): boolean {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
}

const deepText = fc.record({ depth: fc.integer({ min: 65, max: 8_000 }), object: fc.boolean() }).map(({ depth, object }) =>
  object ? `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}` : `${"[".repeat(depth)}${"]".repeat(depth)}`,
);
const invalidUtf8 = fc
  .record({ before: fc.string({ maxLength: 20 }), bad: fc.constantFrom([0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0x80]), key: fc.constantFrom(...Object.keys(KNOWN_FIELDS)) })
  .map(({ before, bad, key }) => Buffer.concat([Buffer.from(`{"${key}":${JSON.stringify(before).slice(0, -1)}`), Buffer.from(bad), Buffer.from('"}')]));

type BodyKind = "malformed" | "invalid_utf8" | "deep" | "not_object" | "oversize" | "blank" | "wrong_content_type" | "wrong_types";
const bodyOf: Record<BodyKind, fc.Arbitrary<{ body: string | Buffer; contentType?: string }>> = {
  malformed: fc.oneof(fc.string({ minLength: 1, maxLength: 200 }).filter(notJson), fc.jsonValue().map((value) => JSON.stringify({ a: value }).slice(0, -1))).map((body) => ({ body })),
  invalid_utf8: invalidUtf8.map((body) => ({ body })),
  deep: deepText.map((body) => ({ body })),
  not_object: fc.oneof(fc.array(anyJson), scalar, fc.string()).map((value) => ({ body: JSON.stringify(value) })),
  oversize: fc.integer({ min: LIMIT + 1, max: LIMIT * 3 }).map((size) => ({ body: JSON.stringify({ text: "x".repeat(size), name: "big" }) })),
  blank: fc.constantFrom(" ", "\n", "\t\r\n ", "\uFEFF", "\uFEFF ").map((body) => ({ body })),
  wrong_content_type: fc
    .record({ value: fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { minKeys: 1, maxKeys: 3 }), type: fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/jsonx", "json", ";;;") })
    .map(({ value, type }) => ({ body: JSON.stringify(value), contentType: type })),
  wrong_types: wrongTypes.map((value) => ({ body: JSON.stringify(value) })),
};

const badAuthorization = fc.oneof(
  fc.constant(undefined),
  fc.constant("Bearer"),
  fc.constant("Bearer "),
  fc.string({ maxLength: 60 }).map((text) => `Bearer ${text.replace(/[\r\n]/g, "")}`),
  fc.constantFrom("Basic dXNlcjpwYXNz", "bearer onr_0000", "Bearer oss_00000000-0000-0000-0000-000000000000.x", "Token abc"),
  fc.integer({ min: 5000, max: 20000 }).map((size) => `Bearer ${"t".repeat(size)}`),
);
const badId = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.integer({ min: 129, max: 4000 }).map((size) => "i".repeat(size)),
  fc.constantFrom("..", "%2e%2e", "%00", "%ff", "%", "a%2Fb", "\u0000", "😀".repeat(80), "null", "undefined", "-1", "0"),
);
const query = fc.oneof(
  fc.constant(""),
  fc.array(fc.tuple(fc.string({ maxLength: 12 }), fc.string({ maxLength: 40 })), { maxLength: 5 }).map((pairs) => new URLSearchParams(pairs).toString()),
  fc.constantFrom("a=%ff", "workspace_id=%00", "workspace_name=&workspace_name=x", "limit=-1&cursor=%E0%A4%A", "session=" + "s".repeat(3000), "token=abc&token=def", "%%%", "=&=&"),
);
const badHeaders = fc.record({
  accept: fc.constantFrom(undefined, "application/json", "text/html", "*/*", "application/xml", "garbage;;q=x"),
  origin: fc.constantFrom(undefined, "null", "https://evil.example", "http://127.0.0.1", "not a url"),
});

// ---- the suite -------------------------------------------------------------------------------

let t: TestApp;
let server: TestServer;
let ids: Record<string, string>;
let sessionToken: string;
/** Routes that ignore the body when its JSON is well formed (probed on a throwaway app). */
const bodyless = new Set<string>();

const routeKey = (method: string, route: string) => `${method} ${route}`;
const isSessionRoute = (route: string) => route.startsWith("/api/v1/setup-sessions/:id");

async function seed(app: TestApp): Promise<{ ids: Record<string, string>; sessionToken: string }> {
  const source = await app.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", connector_type: "source-postgres", configuration: { host: "127.0.0.1", port: 5432, database: "test", username: "postgres", password: "pw" } });
  const destination = await app.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", connector_type: "destination-postgres", configuration: { host: "127.0.0.1", port: 5432, database: "test", username: "postgres", password: "pw", schema: "public" } });
  const connection = await app.call("POST", "/api/v1/connections", { source_id: source.body.id, destination_id: destination.body.id });
  const template = await app.call("POST", "/api/v1/integrations/templates/sources", { connector_type: "source-postgres", name: "tpl", default_config: { host: "h" } });
  const spare = await app.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", connector_type: "source-postgres", configuration: { host: "127.0.0.1", port: 5432, database: "test", username: "postgres", password: "pw" } });
  const job = await app.call("DELETE", `/api/v1/integrations/connectors/${spare.body.id}`);
  await app.jobs.idle();
  const session = await app.call("POST", "/api/v1/setup-sessions", { workspace_name: "default", connector_type: "source-postgres" });
  const draft = await app.call("POST", "/api/v1/integrations/definitions/imports", { workspace_name: "default", document: tinyApiDescription });
  for (const answer of [source, destination, connection, template, job, session, draft]) expect(answer.status, JSON.stringify(answer.body)).toBeLessThan(300);
  return {
    ids: { connectors: source.body.id, connections: connection.body.id, templates: template.body.id, jobs: job.body.job_id, "setup-sessions": session.body.session_id, workspaces: "default", sources: "source-postgres", destinations: "destination-postgres", clients: "source-taskboard", imports: draft.body.id },
    sessionToken: session.body.session_token,
  };
}

function fill(route: string, values: Record<string, string>, replace?: string): string {
  return route.replace(/\/\*$/, "/messages").replace(/([^/]+)\/:(\w+)/g, (_match, parent: string) => {
    const value = replace ?? values[parent];
    if (value === undefined) throw new Error(`no id known for ${parent} in ${route}: teach the malformed suite`);
    return `${parent}/${encodeURIComponent(value)}`;
  });
}

beforeAll(async () => {
  t = await startTestApp({ env });
  ({ ids, sessionToken } = await seed(t));
  // Which mutating routes act on a well-formed body they do not read (DELETE, /test, /cancel):
  // those get only structurally bad bodies, never "wrong types", which they would rightly ignore.
  const probe = await startTestApp({ env });
  const probeSeed = await seed(probe);
  for (const route of probe.app.routes) {
    if (!["POST", "PUT", "PATCH", "DELETE"].includes(route.method)) continue;
    const token = isSessionRoute(route.path) ? probeSeed.sessionToken : probe.token;
    const response = await probe.app.request(fill(route.path, probeSeed.ids), { method: route.method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ zz_unknown: 1 }) });
    await probe.jobs.idle();
    if (response.status < 400) bodyless.add(routeKey(route.method, route.path));
  }
  await probe.close();
  server = await startTestServer({ env, logLevel: "warn" });
});

afterAll(async () => {
  await t?.close();
  await server?.close();
});

describe("malformed input", () => {
  it("REST: no 5xx, every refusal in the envelope, nothing changed", async () => {
    const routes = [...new Map(t.app.routes.filter((route) => route.method !== "ALL").map((route) => [routeKey(route.method, route.path), route])).values()];
    const runs = Math.round(counts.malformed * REST_SHARE);
    const kinds = Object.keys(bodyOf) as BodyKind[];
    const cases = fc.sample(
      fc.record({
        route: fc.constantFrom(...routes),
        variant: fc.constantFrom("body", "body", "body", "auth", "id"),
        kind: fc.constantFrom(...kinds),
        bodies: fc.record(bodyOf),
        authorization: badAuthorization,
        id: badId,
        query,
        headers: badHeaders,
      }),
      { seed: counts.seed, numRuns: runs },
    );
    // The store writes journaled records to their files every 30 s (write-journal.ts): both
    // fingerprints are taken with the journal flushed, so a flush in between changes no byte.
    const flushed = async () => {
      await (t.deps.store as { flush?: () => Promise<void> }).flush?.();
      return dataDirFingerprint(t.dataDir);
    };
    const before = await flushed();
    const failures: string[] = [];
    const byStatus: Record<string, number> = {};
    for (const [index, item] of cases.entries()) {
      const { route } = item;
      const mutating = ["POST", "PUT", "PATCH", "DELETE"].includes(route.method);
      let variant = item.variant;
      const params = /:\w+/.test(route.path);
      if (variant === "id" && !params) variant = "auth";
      // A DELETE reads no body: a real id with a valid token would delete. It gets bad ids or bad auth.
      if (route.method === "DELETE" && variant === "body") variant = params ? "id" : "auth";
      let kind = item.kind;
      if (kind === "wrong_types" && bodyless.has(routeKey(route.method, route.path))) kind = "malformed";
      const token = isSessionRoute(route.path) ? sessionToken : t.token;
      const headers: Record<string, string> = {};
      if (item.headers.accept) headers.accept = item.headers.accept;
      if (item.headers.origin) headers.origin = item.headers.origin;
      if (variant === "auth") {
        if (item.authorization !== undefined) headers.authorization = item.authorization;
      } else headers.authorization = `Bearer ${token}`;
      let body: string | Buffer | undefined;
      const hasBody = route.method !== "GET" && route.method !== "HEAD" && route.method !== "OPTIONS";
      if (hasBody) {
        const chosen = variant === "body" ? item.bodies[kind] : { body: "{}" };
        body = chosen.body;
        headers["content-type"] = chosen.contentType ?? "application/json";
      }
      const url = `${fill(route.path, ids, variant === "id" ? item.id : undefined)}${item.query ? `?${item.query}` : ""}`;
      let response: Response;
      try {
        response = await t.app.request(url, { method: route.method, headers, body: body as BodyInit | undefined });
      } catch (error) {
        failures.push(`#${index} ${route.method} ${url.slice(0, 120)} (${variant}/${kind}): threw ${String(error).slice(0, 200)}`);
        continue;
      }
      const text = await response.text();
      await t.jobs.idle();
      byStatus[response.status] = (byStatus[response.status] ?? 0) + 1;
      const where = `#${index} ${route.method} ${url.slice(0, 120)} (${variant}${variant === "body" ? "/" + kind : ""})`;
      if (response.status >= 500) failures.push(`${where}: ${response.status} ${text.slice(0, 200)}`);
      if (mutating && route.method !== "OPTIONS" && response.status < 400) failures.push(`${where}: accepted (${response.status})`);
      if (response.status >= 400) {
        const html = (response.headers.get("content-type") ?? "").includes("text/html");
        // The OAuth popup's pages are HTML unless the client asked for JSON.
        const popupPage = html && route.path.startsWith("/oauth/") && !/json/.test(headers.accept ?? "");
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        if (!popupPage && !isEnvelope(parsed)) failures.push(`${where}: ${response.status} not in the envelope: ${text.slice(0, 200)}`);
      }
    }
    const after = await flushed();
    const alive = (await t.app.request("/healthz")).status;
    report("malformed REST", { requests: cases.length, seed: counts.seed, statuses: JSON.stringify(byStatus).replace(/"/g, ""), server_errors: failures.filter((line) => /: 5\d\d /.test(line)).length, failures: failures.length, changed: before !== after, healthz: alive });
    expect(failures.slice(0, 20)).toEqual([]);
    expect(after).toBe(before);
    expect(alive).toBe(200);
  });

  it("ws frames: each refused on its own (or the socket closed with 1007/1009), no server error, nothing changed", async () => {
    const created = await createSession(server.baseUrl, server.apiToken, { connector_type: "source-postgres" });
    const wsUrl = `${server.wsUrl}/api/v1/setup-sessions/${created.session_id}/ws?token=${encodeURIComponent(created.session_token)}`;
    const snapshot = async () => (await (await fetch(`${server.baseUrl}/api/v1/setup-sessions/${created.session_id}`, { headers: { authorization: `Bearer ${created.session_token}` } })).json()) as any;
    const open = () =>
      new Promise<{ socket: WebSocket; next: () => Promise<{ event?: any; close?: number }> }>((resolve, reject) => {
        const socket = new WebSocket(wsUrl);
        const queue: Array<{ event?: any; close?: number }> = [];
        const waiting: Array<(item: { event?: any; close?: number }) => void> = [];
        const push = (item: { event?: any; close?: number }) => {
          const waiter = waiting.shift();
          if (waiter) waiter(item);
          else queue.push(item);
        };
        let snapshotSeen = false;
        socket.on("message", (data) => {
          const event = JSON.parse(data.toString());
          if (!snapshotSeen && event.type === "session.snapshot") {
            snapshotSeen = true;
            resolve({ socket, next: () => (queue.length ? Promise.resolve(queue.shift()!) : new Promise((done) => waiting.push(done))) });
            return;
          }
          push({ event });
        });
        socket.on("close", (code) => push({ close: code }));
        socket.on("error", reject);
      });
    const before = await snapshot();
    const frameKinds = fc.oneof(
      fc.string({ maxLength: 200 }).filter(notJson).map((text) => ({ kind: "malformed", data: text as string | Buffer, binary: false })),
      fc.string({ maxLength: 30 }).filter((type) => !(CLIENT_EVENT_TYPES as string[]).includes(type)).map((type) => ({ kind: "unknown_type", data: JSON.stringify({ type, text: "hi" }) as string | Buffer, binary: false })),
      fc.record({ type: fc.constantFrom(...CLIENT_EVENT_TYPES), fields: wrongTypes }).map(({ type, fields }) => ({ kind: "wrong_types", data: JSON.stringify({ ...fields, type }) as string | Buffer, binary: false })),
      deepText.map((text) => ({ kind: "deep", data: text as string | Buffer, binary: false })),
      fc.oneof(fc.array(anyJson), scalar).map((value) => ({ kind: "not_object", data: JSON.stringify(value) as string | Buffer, binary: false })),
      fc.uint8Array({ minLength: 1, maxLength: 300 }).map((bytes) => ({ kind: "binary", data: Buffer.from(bytes) as string | Buffer, binary: true })),
      invalidUtf8.map((bytes) => ({ kind: "invalid_utf8", data: bytes as string | Buffer, binary: false })),
      fc.integer({ min: LIMIT + 1, max: LIMIT * 3 }).map((size) => ({ kind: "oversize", data: JSON.stringify({ type: "user.message", text: "x".repeat(size) }) as string | Buffer, binary: false })),
    );
    const frames = fc.sample(frameKinds, { seed: counts.seed + 1, numRuns: counts.malformed - Math.round(counts.malformed * REST_SHARE) });
    let connection = await open();
    const failures: string[] = [];
    const outcomes: Record<string, number> = {};
    let reopened = 0;
    for (const [index, frame] of frames.entries()) {
      connection.socket.send(frame.data, { binary: frame.binary });
      const answer = await connection.next();
      const expectedClose = frame.kind === "invalid_utf8" ? 1007 : frame.kind === "oversize" ? 1009 : undefined;
      const outcome = answer.close !== undefined ? `close ${answer.close}` : `${answer.event?.type}:${answer.event?.code}`;
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      if (expectedClose !== undefined) {
        if (answer.close !== expectedClose) failures.push(`#${index} ${frame.kind}: expected close ${expectedClose}, got ${outcome}`);
      } else if (answer.event?.type !== "error" || answer.event.code === "server_error") {
        failures.push(`#${index} ${frame.kind} ${String(frame.data).slice(0, 80)}: ${JSON.stringify(answer).slice(0, 200)}`);
      }
      if (answer.close !== undefined) {
        connection = await open();
        reopened++;
      }
    }
    connection.socket.close();
    const after = await snapshot();
    const unchanged = JSON.stringify([after.form, after.transcript, after.status]) === JSON.stringify([before.form, before.transcript, before.status]);
    report("malformed ws", { frames: frames.length, seed: counts.seed + 1, outcomes: JSON.stringify(outcomes).replace(/"/g, ""), reconnects: reopened, failures: failures.length, changed: !unchanged });
    expect(failures.slice(0, 20)).toEqual([]);
    expect(unchanged).toBe(true);
  });
});
