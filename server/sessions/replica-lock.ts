// Across replicas the in-process mutex is not enough: two replicas behind a load balancer may act
// on one session at once (a ws on one, a REST call on the other). With Redis, an action also
// holds a short Redis lock on the session (SET NX PX, released only by its holder).
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

export interface ReplicaLock {
  run<T>(sessionId: string, task: () => Promise<T>): Promise<T>;
}

export function createReplicaLock(redis: Redis, options: { ttlMs?: number; waitMs?: number } = {}): ReplicaLock {
  // The TTL bounds how long a crashed replica can block a session. A live holder renews it every
  // third of the TTL while its action runs, so an action longer than the TTL (a slow check, a
  // slow model) never lets another replica run the same session's graph beside it.
  const ttlMs = options.ttlMs ?? 60_000;
  const waitMs = options.waitMs ?? 60_000;
  return {
    async run(sessionId, task) {
      const key = `onramp:lock:session:${sessionId}`;
      const token = randomUUID();
      const deadline = Date.now() + waitMs;
      let delay = 2;
      while ((await redis.set(key, token, "PX", ttlMs, "NX")) !== "OK") {
        if (Date.now() > deadline) throw new Error(`Setup session ${sessionId} is busy on another replica`);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, 50);
      }
      const renewal = setInterval(() => {
        redis.eval(RENEW, 1, key, token, String(ttlMs)).catch(() => undefined);
      }, Math.max(10, Math.floor(ttlMs / 3)));
      renewal.unref();
      try {
        return await task();
      } finally {
        clearInterval(renewal);
        await redis.eval(RELEASE, 1, key, token).catch(() => undefined);
      }
    },
  };
}
