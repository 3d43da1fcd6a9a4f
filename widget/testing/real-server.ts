// A whole Onramp server in-process on 127.0.0.1 (random port, temp data dir) for the browser
// tests: the same wiring as `npm start`, via buildDeps + createApp.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { serve } from "@hono/node-server";
import { createWebSocketServer } from "../../server/websocket-server.ts";
import { loadConfig } from "../../server/config.ts";
import { buildDeps } from "../../server/bootstrap.ts";
import { createApp } from "../../server/app.ts";
import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { launchChromium } from "./chromium.ts";

export interface TestServer {
  baseUrl: string;
  /** The application token (only the console and the test's own API calls use it). */
  appToken: string;
  api(method: string, route: string, body?: unknown): Promise<any>;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Extra Airbyte-format definition folders for the catalog (ONRAMP_CATALOG_DIRS). */
  catalogDirs?: string[];
  /** Airbyte connector registries, files or URLs (ONRAMP_CATALOG_REGISTRY). */
  catalogRegistries?: string[];
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-widget-"));
  const appToken = `test_${randomBytes(18).toString("hex")}`;
  const config = loadConfig({
    ONRAMP_DATA_DIR: dataDir,
    PORT: "0",
    HOST: "127.0.0.1",
    ONRAMP_API_TOKEN: appToken,
    ONRAMP_LOG_LEVEL: "warn",
    ...(options.catalogDirs ? { ONRAMP_CATALOG_DIRS: options.catalogDirs.join(",") } : {}),
    ...(options.catalogRegistries ? { ONRAMP_CATALOG_REGISTRY: options.catalogRegistries.join(",") } : {}),
  });
  const deps = await buildDeps(config);
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1", websocket: { server: createWebSocketServer(config) } });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}`;
  // The OAuth redirect URI and start URLs are built from publicUrl; point it at the real port.
  (deps.config as { publicUrl: string }).publicUrl = baseUrl;
  return {
    baseUrl,
    appToken,
    async api(method, route, body) {
      const response = await fetch(baseUrl + route, {
        method,
        headers: { authorization: `Bearer ${appToken}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const payload = await response.json().catch(() => ({}));
      if (!response.ok) throw new Error(`${method} ${route} → ${response.status}: ${JSON.stringify(payload)}`);
      return payload;
    },
    async close() {
      await new Promise<void>((resolve) => {
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      });
      await deps.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A real server and one Chromium for a whole describe block: started before its tests, closed
 * after them (the browser first, so no page is left talking to a closed server).
 */
export function sharedServerAndBrowser(options: TestServerOptions | (() => Promise<TestServerOptions>) = {}): { readonly server: TestServer; readonly browser: Browser } {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await startTestServer(typeof options === "function" ? await options() : options);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("sharedServerAndBrowser() is read before its beforeAll ran");
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}
