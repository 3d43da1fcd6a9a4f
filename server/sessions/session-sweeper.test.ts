import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, type TestApp } from "../testing/test-app.ts";
import { fileNameFor } from "../store/lowdb-backend.ts";
import { memoryLogger } from "../log.ts";
import { startSessionSweeper } from "./session-sweeper.ts";

describe("sweeping expired setup sessions", () => {
  let t: TestApp;
  beforeAll(async () => {
    // A TTL no slow machine can outrun while the session is set up; expiry is then reached by
    // setting the clock, not by waiting for it.
    t = await startTestApp({ env: { ONRAMP_SESSION_TTL_SECONDS: "3600" } });
  });
  afterAll(() => t.close());
  afterEach(() => vi.useRealTimers());

  it("deletes a session past its grace period with its secrets and checkpoint, and nothing else", async () => {
    const connector = await t.call("POST", "/api/v1/integrations/connectors", {
      workspace_name: "default",
      connector_type: "postgres",
      configuration: { host: "h", port: 5432, database: "d", username: "u", password: `canary-${randomBytes(8).toString("hex")}` },
    });
    const connectorSecret = (await t.deps.store.getConnector(connector.body.id))!.secretRefs["/password"]!;

    const created = await t.call("POST", "/api/v1/setup-sessions", { workspace_name: "default", connector_type: "postgres" });
    const { session_id: id, session_token: token } = created.body;
    const expiresAt = Date.parse(created.body.expires_at);
    const stored = await t.call("POST", `/api/v1/setup-sessions/${id}/secrets`, { path: "/password", value: `canary-${randomBytes(8).toString("hex")}` }, token);
    expect(stored.status).toBe(200);
    const sessionSecret = (await t.deps.store.getSession(id))!.form.secrets["/password"]!;
    expect(await t.deps.secrets.get(sessionSecret)).toBeDefined();
    expect(await t.deps.store.getCheckpoint(id)).toBeDefined();
    const sweep = t.deps.sessions.sweepExpired!.bind(t.deps.sessions);

    // Not expired yet: kept, whatever the grace.
    expect(await sweep({ graceMs: 0, now: expiresAt - 1000 })).toBe(0);

    // Expired, but within the grace period: kept, and its link says "expired", not "unknown".
    vi.useFakeTimers({ toFake: ["Date"], now: expiresAt + 1500 });
    expect(await sweep({ graceMs: 2000 })).toBe(0);
    expect(await t.deps.store.getSession(id)).toBeDefined();
    const expired = await t.call("GET", `/api/v1/setup-sessions/${id}`, undefined, token);
    expect(expired.status).toBe(401);
    expect(expired.body.errors[0].error_code).toBe("session_expired");

    vi.setSystemTime(expiresAt + 5000);
    expect(await sweep({ graceMs: 2000 })).toBe(1);
    vi.useRealTimers();
    expect(await t.deps.store.getSession(id)).toBeUndefined();
    expect(await t.deps.store.getCheckpoint(id)).toBeUndefined();
    expect(await t.deps.secrets.get(sessionSecret)).toBeUndefined();
    for (const collection of ["sessions", "checkpoints"]) expect(existsSync(path.join(t.dataDir, collection, fileNameFor(id)))).toBe(false);
    expect((await t.call("GET", `/api/v1/setup-sessions/${id}`, undefined, token)).status).toBe(404);
    // A connector's secret is the connector's, whatever the sweep does.
    expect(await t.deps.secrets.get(connectorSecret)).toBeDefined();
    expect(await sweep({ graceMs: 0, now: expiresAt + 5000 })).toBe(0);
  });

  it("runs at start and then on an interval, never overlapping, until stopped", async () => {
    // The clock is the test's: a loaded machine cannot squeeze the interval or stretch a sweep.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    let calls = 0;
    let running = 0;
    let overlapped = false;
    const sweeper = startSessionSweeper({
      log: memoryLogger(),
      intervalMs: 5,
      sweep: async () => {
        calls++;
        running++;
        if (running > 1) overlapped = true;
        await new Promise((resolve) => setTimeout(resolve, 15));
        running--;
        return 0;
      },
    });
    expect(calls).toBe(1);
    await vi.advanceTimersByTimeAsync(80);
    sweeper.stop();
    const idle = sweeper.idle();
    await vi.advanceTimersByTimeAsync(15);
    await idle;
    const stoppedAt = calls;
    // Every 5 ms a tick, but a sweep takes 15: the ticks during a sweep are skipped, not queued.
    expect(stoppedAt).toBeGreaterThan(1);
    expect(stoppedAt).toBeLessThanOrEqual(Math.ceil(80 / 15) + 1);
    expect(overlapped).toBe(false);
    await vi.advanceTimersByTimeAsync(30);
    expect(calls).toBe(stoppedAt);
  });
});
