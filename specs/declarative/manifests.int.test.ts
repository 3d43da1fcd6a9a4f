// Six real Airbyte manifests (testing/fixtures, unchanged) against local servers on 127.0.0.1
// that answer the way each manifest expects (testing/fixture-apis.ts). Only the base URL is
// pointed at the local server, through the config field the manifest reads it from. For each:
// the check passes with the right key, a wrong key fails as auth_failed on the key's field, a
// stream reads every page, and a 429 with Retry-After is retried within bounds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheck } from "../checks/run-check.ts";
import { hasLiveCheck } from "../checks/run-check.ts";
import { readDeclarativeRecords, declarativeStreams } from "./read.ts";
import { fixtureDefinition } from "./testing/fixture-definition.ts";
import { range, startAhaApi, startAuth0Api, startGetlagoApi, startRocketChatApi, startSenseforceApi, startSigmaApi, type FixtureApi } from "./testing/fixture-apis.ts";

async function retriedWithin(fixture: FixtureApi, path: string, run: () => Promise<unknown>) {
  fixture.throttle.arm(path, { retryAfter: 1 });
  const before = fixture.sent(path).length;
  const started = Date.now();
  await run();
  const elapsed = Date.now() - started;
  const sent = fixture.sent(path).slice(before);
  // The first try was refused, the second (after the second the API asked for) went through.
  expect(sent.length).toBeGreaterThanOrEqual(2);
  expect(elapsed).toBeGreaterThanOrEqual(900);
  expect(elapsed).toBeLessThan(8_000);
}

describe("getlago (CursorPagination, substream)", () => {
  const definition = fixtureDefinition("source-getlago");
  let fixture: FixtureApi;
  beforeAll(async () => {
    fixture = await startGetlagoApi();
  });
  afterAll(() => fixture.close());
  const config = () => fixture.config();

  it("checks, refuses a wrong key on its field, reads every page and every partition, retries a 429", async () => {
    expect(hasLiveCheck(definition)).toBe(true);
    expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" });
    const wrong = await runCheck(definition, { ...config(), api_key: "wrong-key" });
    expect(wrong).toMatchObject({ status: "failed", reason: "auth_failed", fields: ["/api_key"] });
    expect(wrong.message).not.toContain("wrong-key");

    const metrics = await readDeclarativeRecords(definition, config(), "billable_metrics", { limit: 100 });
    expect(metrics.records.map((record) => record.lago_id)).toEqual(["bm0", "bm1", "bm2", "bm3", "bm4", "bm5"]);
    expect(metrics.nextCursor).toBeNull();

    const subscriptions = await readDeclarativeRecords(definition, config(), "subscriptions", { limit: 100 });
    expect(subscriptions.records.map((record) => record.external_customer_id)).toEqual(["ext-1", "ext-2", "ext-3"]);

    await retriedWithin(fixture, "/api/v1/billable_metrics", async () => expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" }));
  });

  it("resumes a read from its cursor without losing or repeating records", async () => {
    const first = await readDeclarativeRecords(definition, config(), "billable_metrics", { limit: 3 });
    expect(first.records.map((record) => record.lago_id)).toEqual(["bm0", "bm1", "bm2"]);
    const second = await readDeclarativeRecords(definition, config(), "billable_metrics", { limit: 3, cursor: first.nextCursor! });
    expect(second.records.map((record) => record.lago_id)).toEqual(["bm3", "bm4", "bm5"]);
    // The last page was read to its end: nothing is left to resume.
    expect(second.nextCursor).toBeNull();
    await expect(readDeclarativeRecords(definition, config(), "plans", { cursor: first.nextCursor! })).rejects.toThrow(/billable_metrics/);
  });
});

describe("aha (PageIncrement)", () => {
  const definition = fixtureDefinition("source-aha");
  let fixture: FixtureApi;
  beforeAll(async () => {
    fixture = await startAhaApi();
  });
  afterAll(() => fixture.close());
  const config = () => fixture.config();

  it("checks, refuses a wrong key on its field, reads every page, retries a 429", async () => {
    expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" });
    expect(await runCheck(definition, { ...config(), api_key: "nope-key" })).toMatchObject({ status: "failed", reason: "auth_failed", fields: ["/api_key"] });
    const read = await readDeclarativeRecords(definition, config(), "products_stream", { limit: 100 });
    expect(read.records.map((record) => record.id)).toEqual(range(0, 12).map((n) => `p${n}`));
    expect(fixture.sent("/api/v1/products").every((request) => request.query.get("per_page") === "5")).toBe(true);
    await retriedWithin(fixture, "/api/v1/products", () => readDeclarativeRecords(definition, config(), "products_stream", { limit: 5 }));
  });
});

describe("rocket-chat (OffsetIncrement)", () => {
  const definition = fixtureDefinition("source-rocket-chat");
  let fixture: FixtureApi;
  beforeAll(async () => {
    fixture = await startRocketChatApi();
  });
  afterAll(() => fixture.close());
  const config = () => fixture.config();

  it("checks, refuses a wrong key on its field, reads every page, retries a 429", async () => {
    expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" });
    expect(await runCheck(definition, { ...config(), token: "bad-token" })).toMatchObject({ status: "failed", reason: "auth_failed", fields: ["/token"] });
    const read = await readDeclarativeRecords(definition, config(), "teams", { limit: 100 });
    expect(read.records.map((record) => record._id)).toEqual(["t0", "t1", "t2", "t3"]);
    const offsets = fixture.sent("/api/v1/teams.list").slice(-5).map((request) => request.query.get("offset"));
    expect(offsets).toEqual([null, "1", "2", "3", "4"]);
    await retriedWithin(fixture, "/api/v1/teams.list", async () => expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" }));
  });
});

describe("senseforce (DatetimeBasedCursor windows, POST body, AddFields)", () => {
  const definition = fixtureDefinition("source-senseforce");
  const now = () => new Date("2024-06-01T12:00:00.250Z");
  const firstWindow = Date.UTC(2024, 0, 1);
  const secondWindow = Date.UTC(2024, 4, 1);
  // The first window (2024-01-01 + 100 days) holds 10,003 rows: one full page of 10,000, then 3.
  const records = [...range(0, 10_003).map((n) => ({ id: `${firstWindow}-${n}`, timestamp: firstWindow + n })), ...range(0, 2).map((n) => ({ id: `${secondWindow}-${n}`, timestamp: secondWindow + n }))];
  let fixture: Awaited<ReturnType<typeof startSenseforceApi>>;
  beforeAll(async () => {
    fixture = await startSenseforceApi({ records, startDate: "2024-01-01" });
  });
  afterAll(() => fixture.close());
  const config = () => fixture.config();

  it("checks the first window, refuses a wrong key, reads every page of every window, retries a 429", async () => {
    expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" });
    expect(fixture.windows[0]).toEqual([Date.UTC(2024, 0, 1), Date.UTC(2024, 3, 9, 23, 59, 59) + 86_400_000 - 1]);
    expect(await runCheck(definition, { ...config(), access_token: "bad" })).toMatchObject({ status: "failed", reason: "auth_failed", fields: ["/access_token"] });

    const first = await readDeclarativeRecords(definition, config(), "dataset", { limit: 10_000, now });
    expect(first.records).toHaveLength(10_000);
    expect(first.records[0]).toMatchObject({ id: `${firstWindow}-0`, airbyte_cursor: firstWindow / 1000 });
    const rest = await readDeclarativeRecords(definition, config(), "dataset", { limit: 10_000, cursor: first.nextCursor!, now });
    // 3 rows left in the first window's second page, then the second window (2024-04-10 .. now).
    expect(rest.records.map((record) => record.id)).toEqual([...range(10_000, 3).map((n) => `${firstWindow}-${n}`), `${secondWindow}-0`, `${secondWindow}-1`]);
    expect(rest.nextCursor).toBeNull();
    await retriedWithin(fixture, "/api/dataset/execute/ds-1", async () => expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" }));
  });
});

describe("sigma-computing (OAuth refresh token, rotated)", () => {
  const definition = fixtureDefinition("source-sigma-computing");
  let fixture: Awaited<ReturnType<typeof startSigmaApi>>;
  beforeAll(async () => {
    fixture = await startSigmaApi();
  });
  afterAll(() => fixture.close());
  const config = () => fixture.config();

  it("refreshes the token, reports the new tokens as secrets, refuses a wrong secret, reads every page, retries a 429", async () => {
    const refreshed: Array<[string, string]> = [];
    const check = await runCheck(definition, config(), { onSecretRefreshed: (path, value) => void refreshed.push([path, value]) });
    expect(check).toMatchObject({ status: "succeeded" });
    expect(refreshed).toEqual([
      ["/oauth_access_token", "at-1"],
      ["/client_refresh_token", "rt-2"],
    ]);
    const wrong = await runCheck(definition, { ...config(), client_secret: "not-the-secret" });
    expect(wrong).toMatchObject({ status: "failed", reason: "auth_failed" });
    expect(wrong.fields).toContain("/client_secret");
    expect(wrong.message).not.toContain("not-the-secret");

    const read = await readDeclarativeRecords(definition, config(), "files", { limit: 1000 });
    expect(read.records).toHaveLength(207);
    expect(read.records[206]).toEqual({ id: "f206" });
    await retriedWithin(fixture, "/v2/files", async () => expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" }));
  });

  it("uses a stored access token while it is valid, and refreshes it once when the API refuses it", async () => {
    const before = fixture.issued();
    const stored = { ...config(), oauth_access_token: "at-0-stale", oauth_token_expiry_date: "2999-01-01T00:00:00Z" };
    const refreshed: string[] = [];
    expect(await runCheck(definition, stored, { onSecretRefreshed: (path) => void refreshed.push(path) })).toMatchObject({ status: "succeeded" });
    // "at-0-stale" does not match the API's pattern: one 401, one refresh, one retry.
    expect(fixture.issued()).toBe(before + 1);
    expect(refreshed).toEqual(["/oauth_access_token", "/client_refresh_token"]);
  });
});

describe("auth0 (SelectiveAuthenticator, SubstreamPartitionRouter)", () => {
  const definition = fixtureDefinition("source-auth0");
  const now = () => new Date("2024-03-01T00:00:00Z");
  let fixture: FixtureApi;
  beforeAll(async () => {
    fixture = await startAuth0Api();
  });
  afterAll(() => fixture.close());
  const config = () => fixture.config();

  it("checks its three streams, refuses a wrong token on its field, reads every parent page and partition, retries a 429", async () => {
    expect(declarativeStreams(definition)).toContain("organization_members");
    expect(await runCheck(definition, config(), {})).toMatchObject({ status: "succeeded" });
    const wrong = await runCheck(definition, { ...config(), credentials: { auth_type: "oauth2_access_token", access_token: "bad-token" } });
    expect(wrong).toMatchObject({ status: "failed", reason: "auth_failed", fields: ["/credentials/access_token"] });
    // One page per organization; a read stops after 50 pages (maxPages) and resumes from its cursor.
    const read = await readDeclarativeRecords(definition, config(), "organization_members", { limit: 1000, now });
    expect(read.records).toHaveLength(50 * 2);
    const rest = await readDeclarativeRecords(definition, config(), "organization_members", { limit: 1000, now, cursor: read.nextCursor! });
    expect(rest.records).toEqual([{ user_id: "org50-u1" }, { user_id: "org50-u2" }]);
    expect(rest.nextCursor).toBeNull();
    await retriedWithin(fixture, "/api/v2/clients", async () => expect(await runCheck(definition, config())).toMatchObject({ status: "succeeded" }));
  });
});
