// Two replicas (two session managers over one store) and Redis: an action on one replica reaches
// a view subscribed on the other.
import { describe, expect, it } from "vitest";
import type { ServerEvent } from "../../agent/protocol.ts";
import { loadConfig } from "../config.ts";
import { createMemorySecretStore } from "../secrets/index.ts";
import { createMemoryStore } from "../store/memory-store.ts";
import { services } from "../testing/service-gate.ts";
import { createSessionManager } from "./session-manager.ts";
import { catalog, definition, scriptedAgent, silent } from "./testing/toy-session.ts";

const redisUp = await services.redis();

describe.skipIf(!redisUp)("session events across replicas over Redis", () => {
  it("delivers a form patch made on one replica to a subscriber on the other, once", async () => {
    const config = { ...loadConfig({}), redisUrl: "redis://127.0.0.1:6379" };
    const store = createMemoryStore();
    await store.init();
    const secrets = createMemorySecretStore();
    const first = createSessionManager({ config, store, secrets, catalog, log: silent, agent: scriptedAgent([]) });
    const second = createSessionManager({ config, store, secrets, catalog, log: silent, agent: scriptedAgent([]) });
    try {
      await Promise.all([first.ready(), second.ready()]);
      const created = await first.create({ workspaceId: "ws", definitionId: definition.id, connectorId: null, allowedOrigin: null });
      // Let the creation's own events (the first question) drain through Redis first.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const onSecond: ServerEvent[] = [];
      const onFirst: ServerEvent[] = [];
      second.subscribe(created.session_id, (event) => onSecond.push(event));
      first.subscribe(created.session_id, (event) => onFirst.push(event));
      const caused = await first.dispatch(created.session_id, {
        type: "form.patch",
        base_version: 0,
        ops: [{ op: "set", path: "/host", value: "replica.internal" }],
      });
      const deadline = Date.now() + 5000;
      while (onSecond.length < caused.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(onSecond.map((event) => event.type)).toEqual(caused.map((event) => event.type));
      expect(onSecond[0]).toMatchObject({ type: "form.patch", by: "form", ops: [{ op: "set", path: "/host", value: "replica.internal" }] });
      // The replica that acted delivers locally and ignores its own echo from Redis.
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(onFirst.length).toBe(caused.length);
      // The second replica serves the same session from the shared store.
      expect((await second.snapshot(created.session_id)).form.values.host).toBe("replica.internal");
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("serialises actions on one session across replicas: no update is lost", async () => {
    const config = { ...loadConfig({}), redisUrl: "redis://127.0.0.1:6379" };
    const store = createMemoryStore();
    await store.init();
    const secrets = createMemorySecretStore();
    const replicas = [0, 1].map(() => createSessionManager({ config, store, secrets, catalog, log: silent, agent: scriptedAgent([]) }));
    try {
      const created = await replicas[0]!.create({ workspaceId: "ws", definitionId: definition.id, connectorId: null, allowedOrigin: null });
      await Promise.all(
        Array.from({ length: 12 }, (_, index) =>
          replicas[index % 2]!.dispatch(created.session_id, {
            type: "form.patch",
            base_version: 0,
            ops: [{ op: "set", path: `/extra${index}`, value: index }],
          }),
        ),
      );
      const snapshot = await replicas[1]!.snapshot(created.session_id);
      expect(snapshot.form.version).toBe(12);
      expect(Object.keys(snapshot.form.values).filter((key) => key.startsWith("extra")).length).toBe(12);
    } finally {
      await Promise.all(replicas.map((replica) => replica.close()));
    }
  });
});
