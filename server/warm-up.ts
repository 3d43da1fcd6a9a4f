// The server's own warm-up, before it listens: throwaway setup turns over a real socket to a
// throwaway server on this process (its own temporary data dir and store, the offline model, the
// agent on this thread), so that V8 has compiled the request path (HTTP parsing, Hono, the session
// routes and manager, the store and its journal) before the first person's request. The agent
// workers warm the agent's own code in their isolates (agent/warm-up.ts); this thread's code is
// what they cannot reach. Without it, a fresh server's first seconds under load ran at twice the
// CPU per turn with tails of hundreds of ms (docs/PERFORMANCE.md, "Warm-up of the request path").
// Nothing here touches the real store, secrets or logs: the temporary dir is removed at the end.
import { mkdtemp, rm } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { definitionsToWalk, WARM_UP_MESSAGES } from "../agent/index.ts";
import type { CatalogLookup } from "../specs/index.ts";
import { buildDeps } from "./bootstrap.ts";
import { createApp } from "./app.ts";
import type { Config } from "./config.ts";
import { createLogger } from "./log.ts";
import { unviewedCatalog } from "./sessions/oauth-offer.ts";

export interface ServerWarmUpOptions {
  /** Stop after this many message turns or this much time, whichever comes first. */
  turns?: number;
  maxMs?: number;
}

export async function warmUpServer(config: Config, catalog: CatalogLookup, { turns = 120, maxMs = 3000 }: ServerWarmUpOptions = {}): Promise<{ turns: number; ms: number }> {
  const started = performance.now();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-warm-up-"));
  const token = `onr_warm_${randomBytes(16).toString("hex")}`;
  const deps = await buildDeps(
    { ...config, dataDir, databaseUrl: undefined, redisUrl: undefined, apiToken: token, secretKey: undefined, model: { kind: "offline" }, agentWorkers: 0, agentWarmUp: false, logLevel: "silent" },
    { catalog: unviewedCatalog(catalog), log: createLogger({ level: "silent" }) },
  );
  const server = serve({ fetch: createApp(deps).fetch, port: 0, hostname: "127.0.0.1" });
  let done = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("listening", () => resolve());
      server.once("error", reject);
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
    const call = async (route: string, body: unknown, bearer = token) => {
      const response = await fetch(base + route, { method: "POST", headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" }, body: JSON.stringify(body) });
      // (A turn that fails warms nothing: the warm-up stops and says why.)
      if (!response.ok) throw new Error(`${route.replace(/\/[^/]+\/messages$/, "/:id/messages")} answered ${response.status}`);
      return (await response.json()) as Record<string, string>;
    };
    const definitions = definitionsToWalk(deps.catalog, 4);
    for (let round = 0; done < turns && definitions.length > 0; round++) {
      const definition = definitions[round % definitions.length]!;
      const session = await call("/setup-sessions", { workspace_name: "default", definition_id: definition.id });
      for (const text of WARM_UP_MESSAGES) {
        if (done >= turns || performance.now() - started > maxMs) return { turns: done, ms: performance.now() - started };
        await call(`/setup-sessions/${session.session_id}/messages`, { text }, session.session_token);
        done++;
      }
    }
    return { turns: done, ms: performance.now() - started };
  } finally {
    await new Promise((resolve) => server.close(resolve));
    await deps.close();
    await rm(dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
}
