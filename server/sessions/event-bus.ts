// Fan-out of a session's live events to every view: in-process listeners always, and Redis
// pub/sub when configured, so several stateless replicas can serve the same session.
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import type { ServerEvent } from "../../agent/protocol.ts";
import type { Logger } from "../deps.ts";

export interface EventBus {
  publish(sessionId: string, event: ServerEvent): void;
  subscribe(sessionId: string, listener: (event: ServerEvent) => void): () => void;
  /** Resolves once the Redis subscription (when any) is live. */
  ready(): Promise<void>;
  /** The command connection when Redis is configured (for cross-replica locks). */
  redis(): Redis | undefined;
  close(): Promise<void>;
}

const CHANNEL_PREFIX = "onramp:session:";

interface Envelope {
  origin: string;
  event: ServerEvent;
}

export function createEventBus({ redisUrl, log }: { redisUrl?: string; log: Logger }): EventBus {
  const listeners = new Map<string, Set<(event: ServerEvent) => void>>();
  // Tells our own messages apart when Redis echoes them back: they were delivered locally already.
  const origin = randomUUID();

  const deliver = (sessionId: string, event: ServerEvent) => {
    const set = listeners.get(sessionId);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(event);
      } catch (error) {
        log.warn("session listener failed", { sessionId, error: String(error) });
      }
    }
  };

  let publisher: Redis | undefined;
  let subscriber: Redis | undefined;
  let readyPromise: Promise<void> = Promise.resolve();
  if (redisUrl) {
    publisher = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
    subscriber = new Redis(redisUrl, { lazyConnect: false, maxRetriesPerRequest: 2 });
    for (const client of [publisher, subscriber]) {
      client.on("error", (error) => log.warn("redis error", { error: error.message }));
    }
    subscriber.on("pmessage", (_pattern: string, channel: string, message: string) => {
      let envelope: Envelope;
      try {
        envelope = JSON.parse(message) as Envelope;
      } catch {
        return;
      }
      if (envelope.origin === origin) return;
      deliver(channel.slice(CHANNEL_PREFIX.length), envelope.event);
    });
    readyPromise = subscriber.psubscribe(`${CHANNEL_PREFIX}*`).then(() => undefined);
  }

  return {
    publish(sessionId, event) {
      deliver(sessionId, event);
      if (publisher) {
        const envelope: Envelope = { origin, event };
        publisher.publish(CHANNEL_PREFIX + sessionId, JSON.stringify(envelope)).catch((error: Error) => {
          log.warn("redis publish failed", { sessionId, error: error.message });
        });
      }
    },
    subscribe(sessionId, listener) {
      let set = listeners.get(sessionId);
      if (!set) {
        set = new Set();
        listeners.set(sessionId, set);
      }
      set.add(listener);
      return () => {
        const current = listeners.get(sessionId);
        if (!current) return;
        current.delete(listener);
        if (current.size === 0) listeners.delete(sessionId);
      };
    },
    ready: () => readyPromise,
    redis: () => publisher,
    async close() {
      listeners.clear();
      await Promise.all(
        [publisher, subscriber].map(async (client) => {
          if (!client) return;
          try {
            await client.quit();
          } catch {
            client.disconnect();
          }
        }),
      );
    },
  };
}
