// The per-session Redis lock between replicas: two holders never overlap, even when an action
// outlives the lock's TTL (the holder renews it while it runs).
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { services } from "../testing/service-gate.ts";
import { createReplicaLock } from "./replica-lock.ts";

const redisUp = await services.redis();

describe.skipIf(!redisUp)("replica lock", () => {
  const clients: Redis[] = [];
  afterAll(async () => {
    for (const client of clients) await client.quit();
  });

  it("keeps a second replica out while an action longer than the TTL runs", async () => {
    const [first, second] = [0, 1].map(() => {
      const client = new Redis("redis://127.0.0.1:6379");
      clients.push(client);
      return createReplicaLock(client, { ttlMs: 1000, waitMs: 20_000 });
    });
    const session = randomUUID();
    const spans: Array<{ who: string; start: number; end: number }> = [];
    const action = (who: string, ms: number) => async () => {
      const start = performance.now();
      await new Promise((resolve) => setTimeout(resolve, ms));
      spans.push({ who, start, end: performance.now() });
    };
    const long = first!.run(session, action("first", 3500));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await Promise.all([long, second!.run(session, action("second", 10))]);
    const [a, b] = spans;
    expect(a!.who).toBe("first");
    // The second began only after the first ended, although the first ran three and a half TTLs long.
    expect(b!.start).toBeGreaterThanOrEqual(a!.end);
  });
});
