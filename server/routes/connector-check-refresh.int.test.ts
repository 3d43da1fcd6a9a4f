// POST /connectors/:id/check and execute on a declarative connector whose OAuth refresh rotates
// the refresh token (the sigma-computing manifest, loaded from its folder as ONRAMP_CATALOG_DIRS
// would, against its local API on 127.0.0.1 that accepts only the refresh token it issued last):
// every token the check or the read renewed becomes the connector's encrypted secret, the old one
// deleted, and no token appears in an answer, a log line or a stored file.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET_MASK } from "../../specs/index.ts";
import { FIXTURES_DIR } from "../../specs/declarative/testing/fixture-definition.ts";
import { startSigmaApi } from "../../specs/declarative/testing/fixture-apis.ts";
import { startTestApp, type TestApp } from "../testing/test-app.ts";
import { findLeaks } from "../sessions/testing/leak-check.ts";

const CONNECTORS = "/api/v1/integrations/connectors";

describe("tokens a declarative check or read renews", () => {
  const prefix = `sigma-${randomBytes(6).toString("hex")}-`;
  let t: TestApp;
  let api: Awaited<ReturnType<typeof startSigmaApi>>;
  const answers: string[] = [];
  const call = async (method: string, url: string, body?: unknown) => {
    const response = await t.call(method, url, body);
    answers.push(JSON.stringify(response.body));
    return response;
  };
  const stored = async (id: string, path: string) => {
    const record = (await t.deps.store.getConnector(id))!;
    return { ref: record.secretRefs[path], value: record.secretRefs[path] ? await t.deps.secrets.get(record.secretRefs[path]!) : undefined };
  };

  beforeAll(async () => {
    api = await startSigmaApi({ rotation: "strict", tokenPrefix: prefix });
    t = await startTestApp({ env: { ONRAMP_CATALOG_DIRS: FIXTURES_DIR } });
  });
  afterAll(async () => {
    await t?.close();
    await api?.close();
  });

  it("keeps the renewed access token and the rotated refresh token after a check, a failed check and a read", async () => {
    const created = await call("POST", CONNECTORS, { workspace_name: "default", connector_type: "sigma-computing", configuration: api.config() });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ executable: true, entities: expect.arrayContaining([expect.objectContaining({ name: "files", actions: ["list"] })]) });
    const firstRefresh = await stored(id, "/client_refresh_token");

    // Test and save: the check traded rt-1 for at-1 + rt-2; both are the connector's now.
    const checked = await call("POST", `${CONNECTORS}/${id}/check`);
    expect(checked.body).toMatchObject({ status: "succeeded", saved: true });
    expect(checked.body.connector.configuration).toMatchObject({ client_refresh_token: SECRET_MASK, oauth_access_token: SECRET_MASK });
    expect((await stored(id, "/oauth_access_token")).value).toBe(`${prefix}at-1`);
    expect((await stored(id, "/client_refresh_token")).value).toBe(`${prefix}rt-2`);
    expect(await t.deps.secrets.get(firstRefresh.ref!)).toBeUndefined();

    // A check that fails after the refresh (the API asks for an hour's wait) still keeps the
    // rotated token: the provider no longer accepts rt-2.
    api.throttle.arm("/v2/files", { retryAfter: 3600 });
    const throttled = await call("POST", `${CONNECTORS}/${id}/check`);
    expect(throttled.body).toMatchObject({ status: "failed", reason: "rate_limited", saved: false });
    expect((await stored(id, "/client_refresh_token")).value).toBe(`${prefix}rt-3`);
    expect(api.currentRefreshToken()).toBe(`${prefix}rt-3`);

    // A failed check that brought a new secret changes nothing stored.
    const before = await t.deps.store.getConnector(id);
    const wrong = await call("POST", `${CONNECTORS}/${id}/check`, { configuration: { ...api.config(), client_refresh_token: SECRET_MASK, client_secret: "not-the-secret" } });
    expect(wrong.body).toMatchObject({ status: "failed", reason: "auth_failed", saved: false });
    expect(wrong.body.fields).toContain("/client_secret");
    expect(await t.deps.store.getConnector(id)).toEqual(before);

    // Execute reads every page with the stored tokens, renewing them once more.
    const read = await call("POST", `${CONNECTORS}/${id}/execute`, { entity: "files", action: "list", params: { limit: 1000 } });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ data: api.paged.records, next_cursor: null });
    expect((await stored(id, "/client_refresh_token")).value).toBe(`${prefix}rt-4`);
    expect(api.currentRefreshToken()).toBe(`${prefix}rt-4`);
    // Each refresh sent the newest token (the refused one, with the wrong client secret, too).
    expect(api.refreshTokens()).toEqual([1, 2, 3, 3].map((n) => `${prefix}rt-${n}`));
    expect(t.logLines.some((line) => line.includes("renewed while testing the connection"))).toBe(true);

    await t.jobs.idle();
    const tokens = [...[1, 2, 3, 4, 5].map((n) => `${prefix}rt-${n}`), ...[1, 2, 3, 4].map((n) => `${prefix}at-${n}`), "csecret"];
    const leaks = await findLeaks(tokens, [...answers.map((text, index) => ({ label: `answer ${index}`, text })), { label: "log", text: t.logLines.join("\n") }], [t.dataDir]);
    expect(leaks).toEqual([]);
  });
});
