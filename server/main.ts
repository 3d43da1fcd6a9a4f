// `npm start`: the server on PORT with the embedded defaults.
import { keepConnectionsAlive } from "./keep-alive.ts";
import type { Server } from "node:http";
import { pathToFileURL } from "node:url";
import { serve } from "@hono/node-server";
import { createWebSocketServer } from "./websocket-server.ts";
import { loadConfig } from "./config.ts";
import { buildDeps } from "./bootstrap.ts";
import { createApp } from "./app.ts";
import { firstStartMessage } from "./defaults.ts";
import { JobRunner } from "./jobs/job-runner.ts";
import { resumeConnectorDeletions } from "./routes/connectors.ts";
import { startSessionSweeper } from "./sessions/session-sweeper.ts";
import { warmUpServer } from "./warm-up.ts";

export async function startServer(config = loadConfig()) {
  const deps = await buildDeps(config);
  const jobs = new JobRunner({ log: deps.log });
  const app = createApp(deps, { jobs });
  await resumeConnectorDeletions(deps, jobs);
  if (config.agentWarmUp) {
    // This thread's request path, and the agent workers' own warm-up, both done before anyone
    // is let in: a worker still warming would share its core with the first people's turns.
    const [warmed] = await Promise.all([
      warmUpServer(config, deps.catalog, { turns: 300, maxMs: 4000 }).catch((error: Error) => deps.log.warn(`warm-up skipped: ${error.message}`)),
      deps.agentPool?.warmed(),
    ]);
    if (warmed) deps.log.info(`warmed up: ${warmed.turns} turns in ${Math.round(warmed.ms)} ms`);
  }
  const sweepExpired = deps.sessions.sweepExpired?.bind(deps.sessions);
  const sweeper = sweepExpired
    ? startSessionSweeper({
        sweep: () => sweepExpired({ graceMs: (config.sessionGraceSeconds ?? 24 * 3600) * 1000 }),
        intervalMs: (config.sessionSweepIntervalSeconds ?? 3600) * 1000,
        log: deps.log,
      })
    : undefined;
  const server = serve({
    fetch: app.fetch,
    port: config.port,
    hostname: config.host,
    websocket: { server: createWebSocketServer(config) },
  });
  keepConnectionsAlive(server as Server);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("listening", () => resolve());
      server.once("error", reject);
    });
  } catch (error) {
    sweeper?.stop();
    await sweeper?.idle();
    await deps.close();
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === "EADDRINUSE" ? `port ${config.port} on ${config.host} is already in use (set PORT)` : (error as Error).message);
  }
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const baseUrl = `http://${config.host}:${port}`;
  deps.log.info(`Onramp listening on ${baseUrl}`, { data_dir: config.databaseUrl ? undefined : config.dataDir, definitions: deps.catalog.list().length });
  // Printed straight to stdout, not through the logger: the logger would (rightly) redact it.
  const message = firstStartMessage(deps.firstStart, baseUrl);
  if (message) process.stdout.write(message + "\n");
  if (deps.firstStart.configuredToken) deps.log.info("ONRAMP_API_TOKEN is accepted as an application token");
  if (!message) deps.log.info(`Console: ${baseUrl}/ (paste an application token, or open ${baseUrl}/#token=<token>)`);

  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    deps.log.info("Shutting down");
    server.close();
    // Let background deletions finish, so no connector is left half removed.
    await jobs.idle();
    sweeper?.stop();
    await sweeper?.idle();
    await deps.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  return { server, deps, port, baseUrl };
}

const isEntry = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isEntry) {
  startServer().catch((error) => {
    process.stderr.write(`Onramp failed to start: ${(error as Error).message}\n`);
    process.exit(1);
  });
}
