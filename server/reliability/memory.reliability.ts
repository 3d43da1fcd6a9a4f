// Memory: sessions created, driven three chat turns each over REST, and ended (cancelled), on a
// real server (offline model, lowdb) in this process. After forced collections the process's RSS
// must come back within 20% of where it stood after a warm-up: ended sessions leave nothing
// behind in memory (records, agent state, locks, listeners). Run with --expose-gc (the reliability
// config sets it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../sessions/testing/session-client.ts";
import { startTestServer, type TestServer } from "../sessions/testing/test-server.ts";
import { counts, report } from "./counts.ts";

const IN_FLIGHT = 16;
const WARM_UP = 100;
const TURNS = ["host db.internal", "what is this field for?", "port 5432"];

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ logLevel: "warn" });
});
afterAll(async () => {
  await server?.close();
});

async function settledRss(): Promise<number> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc (vitest.reliability.config.ts sets it)");
  // Several rounds with pauses: finalizers, timers and sockets closing free more on each.
  for (let round = 0; round < 6; round++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return process.memoryUsage().rss;
}

async function runSessions(total: number): Promise<{ failures: string[] }> {
  const failures: string[] = [];
  let next = 0;
  const one = async () => {
    const created = await createSession(server.baseUrl, server.apiToken, { connector_type: "source-postgres" });
    const headers = { authorization: `Bearer ${created.session_token}`, "content-type": "application/json" };
    const base = `${server.baseUrl}/api/v1/setup-sessions/${created.session_id}`;
    for (const text of TURNS) {
      const response = await fetch(`${base}/messages`, { method: "POST", headers, body: JSON.stringify({ text }) });
      await response.arrayBuffer();
      if (response.status !== 200) failures.push(`turn: ${response.status}`);
    }
    const ended = await fetch(`${base}/cancel`, { method: "POST", headers });
    await ended.arrayBuffer();
    if (ended.status !== 200) failures.push(`cancel: ${ended.status}`);
  };
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < total) {
        next++;
        await one();
      }
    }),
  );
  return { failures };
}

describe("memory", () => {
  it("returns to within 20% of its starting RSS after sessions are created, driven and ended", async () => {
    // The warm-up loads the catalog, compiles the schemas and JIT-compiles the hot paths, so the
    // start is the server as it stands once it has served, not a cold one.
    await runSessions(WARM_UP);
    const start = await settledRss();
    const startHeap = process.memoryUsage().heapUsed;
    const { failures } = await runSessions(counts.memorySessions);
    const peak = process.memoryUsage().rss;
    const end = await settledRss();
    const growth = (end - start) / start;
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    report("memory", {
      sessions: counts.memorySessions,
      turns_each: TURNS.length,
      start_rss_mb: mb(start),
      peak_rss_mb: mb(peak),
      end_rss_mb: mb(end),
      growth_percent: Math.round(growth * 1000) / 10,
      start_heap_mb: mb(startHeap),
      end_heap_mb: mb(process.memoryUsage().heapUsed),
      failures: failures.length,
    });
    expect(failures.slice(0, 10)).toEqual([]);
    expect(growth).toBeLessThanOrEqual(0.2);
  });
});
