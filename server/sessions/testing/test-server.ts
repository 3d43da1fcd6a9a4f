// A whole Onramp server in-process on a real 127.0.0.1 port (REST + ws), for the session layer's
// integration tests and the turn benchmark. Logs are captured so tests can search them.
import { keepConnectionsAlive } from "../../keep-alive.ts";
import type { Server } from "node:http";
import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createWebSocketServer } from "../../websocket-server.ts";
import { loadConfig, type Config } from "../../config.ts";
import type { AgentPool } from "../../agent-pool/agent-pool.ts";
import { buildDeps, createSessionAgent, type BuiltDeps } from "../../bootstrap.ts";
import { createApp } from "../../app.ts";
import { memoryLogger } from "../../log.ts";
import type { SentRecord } from "../../../agent/index.ts";
import { createSessionManager, type SessionAgent } from "../index.ts";

export interface TestServer {
  baseUrl: string;
  wsUrl: string;
  apiToken: string;
  dataDir: string;
  config: Config;
  deps: BuiltDeps;
  /** Every log line the server wrote (JSON lines). */
  logLines: string[];
  /** What the agent's model gateway sent (empty with the offline model unless it was asked). */
  gatewaySent(): SentRecord[];
  /** The agent's worker threads, when ONRAMP_AGENT_WORKERS asked for some. */
  pool?: AgentPool;
  close(): Promise<void>;
}

export interface TestServerOptions {
  dataDir?: string;
  apiToken?: string;
  env?: Record<string, string | undefined>;
  logLevel?: Config["logLevel"];
  /** Replaces the setup agent (e.g. a scripted one, to time the session layer alone). */
  agent?: SessionAgent;
  /** Called with the built deps before the app is created (e.g. to time sessions.dispatch). */
  beforeApp?: (deps: BuiltDeps) => void;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "onramp-sessions-")));
  const apiToken = options.apiToken ?? `onr_test_${randomBytes(16).toString("hex")}`;
  const log = memoryLogger(options.logLevel ?? "debug");
  // The public URL is only known after listening; it is patched in below before any session exists.
  const config: Config = {
    // Agent turns on the main thread unless a test asks for workers (its gateway's log is read here).
    ...loadConfig({ ONRAMP_DATA_DIR: dataDir, ONRAMP_API_TOKEN: apiToken, PORT: "0", ONRAMP_MODEL: "offline", ONRAMP_AGENT_WORKERS: "0", ONRAMP_AGENT_WARM_UP: "0", ...options.env }),
    logLevel: options.logLevel ?? "debug",
  };
  let sent: () => SentRecord[] = () => [];
  let pool: AgentPool | undefined;
  // The agent is built here rather than in buildDeps so the test can read its gateway's log.
  const deps = await buildDeps(config, {
    log,
    sessions: async (base) => {
      if (options.agent) return createSessionManager({ ...base, agent: options.agent });
      const built = await createSessionAgent(config, base);
      pool = built.pool;
      sent = () => built.gateway?.sent() ?? [];
      return createSessionManager({ ...base, agent: built.agent });
    },
  });
  options.beforeApp?.(deps);
  const app = createApp(deps);
  const server = serve({
    fetch: app.fetch,
    port: 0,
    hostname: "127.0.0.1",
    websocket: { server: createWebSocketServer(config) },
  });
  keepConnectionsAlive(server as Server);
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  config.port = port;
  config.publicUrl = baseUrl;
  return {
    baseUrl,
    wsUrl: baseUrl.replace(/^http/, "ws"),
    apiToken,
    dataDir,
    config,
    deps,
    logLines: log.lines,
    gatewaySent: () => sent(),
    pool,
    async close() {
      await new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      });
      await deps.close();
    },
  };
}
