// A whole Onramp server (REST + ws, on 127.0.0.1) next to a real OAuth authorization server, with
// OAuth clients configured through Onramp's own API. Reused by the OAuth tests, the evals
// (`oauth: approve|deny`) and the widget's popup browser test. Test-only.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createWebSocketServer } from "../../websocket-server.ts";
import { loadConfig, type Config } from "../../config.ts";
import { buildDeps, createSessionAgent, type BuiltDeps } from "../../bootstrap.ts";
import { createApp } from "../../app.ts";
import { memoryLogger } from "../../log.ts";
import { createSessionManager } from "../../sessions/index.ts";
import type { ModelGateway } from "../../../agent/index.ts";
import { startOidcServer, type OidcServerOptions, type OidcTestServer } from "./oidc-server.ts";

export interface OAuthTestEnv {
  baseUrl: string;
  wsUrl: string;
  apiToken: string;
  dataDir: string;
  config: Config;
  deps: BuiltDeps;
  /** Every log line the server wrote. */
  logLines: string[];
  /** The agent's model gateway: what was sent to a model. */
  gateway: ModelGateway;
  oidc: OidcTestServer;
  /** PUT /api/v1/oauth/clients/:definitionId pointing the definition at the test provider. */
  configureClient(definitionId: string, body?: Record<string, unknown>): Promise<{ status: number; text: string }>;
  close(): Promise<void>;
}

export interface OAuthTestEnvOptions {
  /** Extra catalog folders (Airbyte-format definition files). */
  catalogDirs?: string[];
  env?: Record<string, string | undefined>;
  oidc?: Omit<OidcServerOptions, "redirectUris">;
  /**
   * Airbyte-format definition files that need the provider's address (declarative consent_url
   * and access_token_url): written once the provider listens and loaded through the catalog's own
   * file loader, as an operator's catalog folder would be.
   */
  definitions?: (oidc: OidcTestServer) => Array<Record<string, unknown>>;
}

export async function startOAuthTestEnv(options: OAuthTestEnvOptions = {}): Promise<OAuthTestEnv> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-oauth-"));
  const apiToken = `onr_test_${randomBytes(16).toString("hex")}`;
  const log = memoryLogger("debug");
  const config: Config = {
    ...loadConfig({
      ONRAMP_DATA_DIR: dataDir,
      ONRAMP_API_TOKEN: apiToken,
      PORT: "0",
      ONRAMP_MODEL: "offline",
      ONRAMP_CATALOG_DIRS: (options.catalogDirs ?? []).join(","),
      // Agent turns on the main thread (its gateway's log is read) unless `env` asks for workers.
      ONRAMP_AGENT_WORKERS: "0",
      ONRAMP_AGENT_WARM_UP: "0",
      ...options.env,
    }),
    logLevel: "debug",
  };
  let gateway: ModelGateway | undefined;
  const deps = await buildDeps(config, {
    log,
    sessions: async (base) => {
      // ONRAMP_MODEL=openai:<model> with OPENAI_BASE_URL (in `env`) puts a real model call, e.g. to
      // a scripted local server, on every turn, so a leak test has model input to inspect.
      const built = await createSessionAgent(config, base);
      gateway = built.gateway;
      return createSessionManager({ config, store: base.store, secrets: base.secrets, catalog: base.catalog, log: base.log, agent: built.agent });
    },
  });
  const app = createApp(deps);
  const sockets = createWebSocketServer(config);
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1", websocket: { server: sockets } });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Known only after listening; set before any session (and so any redirect URI) exists.
  config.publicUrl = baseUrl;
  const oidc = await startOidcServer({ ...options.oidc, redirectUris: [`${baseUrl}/oauth/callback`] });
  const files = options.definitions?.(oidc) ?? [];
  if (files.length > 0) {
    const dir = await mkdtemp(path.join(os.tmpdir(), "onramp-oauth-definitions-"));
    for (const file of files) await writeFile(path.join(dir, `${String(file.name)}.json`), JSON.stringify(file, null, 2));
    const catalog = deps.catalog as { loadDir?: (dir: string) => Promise<{ failed: Array<{ file: string; error: string }> }> };
    if (!catalog.loadDir) throw new Error("This catalog cannot load definition files");
    const report = await catalog.loadDir(dir);
    if (report.failed.length > 0) throw new Error(`Definition files did not load: ${JSON.stringify(report.failed)}`);
  }

  return {
    baseUrl,
    wsUrl: baseUrl.replace(/^http/, "ws"),
    apiToken,
    dataDir,
    config,
    deps,
    logLines: log.lines,
    gateway: gateway!,
    oidc,
    async configureClient(definitionId, body = {}) {
      const response = await fetch(`${baseUrl}/api/v1/oauth/clients/${encodeURIComponent(definitionId)}`, {
        method: "PUT",
        headers: { authorization: `Bearer ${apiToken}`, "content-type": "application/json" },
        body: JSON.stringify({
          workspace_name: "default",
          client_id: oidc.clientId,
          client_secret: oidc.clientSecret,
          authorize_url: oidc.authorizeUrl,
          token_url: oidc.tokenUrl,
          ...body,
        }),
      });
      return { status: response.status, text: await response.text() };
    },
    async close() {
      await oidc.close();
      // Upgraded sockets are not closed by closeAllConnections, and keep server.close() waiting.
      for (const client of sockets.clients) client.terminate();
      await new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      });
      await deps.close();
    },
  };
}
