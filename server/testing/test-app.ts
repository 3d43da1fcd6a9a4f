// A whole management API in-process (no port) over a temp data dir, for route tests.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig, type Config } from "../config.ts";
import { buildDeps, type BuildOverrides, type BuiltDeps } from "../bootstrap.ts";
import { createApp, type AppOptions } from "../app.ts";
import { JobRunner } from "../jobs/job-runner.ts";
import { memoryLogger } from "../log.ts";
import { generateApplicationToken } from "../auth/index.ts";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: BuiltDeps;
  jobs: JobRunner;
  token: string;
  dataDir: string;
  config: Config;
  logLines: string[];
  /** JSON request with the application token unless `token` is given (null: no header). */
  call(method: string, url: string, body?: unknown, token?: string | null): Promise<{ status: number; body: any }>;
  /** Closes the deps; removes the data dir unless `keepData`. */
  close(options?: { keepData?: boolean }): Promise<void>;
}

export async function startTestApp(
  options: { dataDir?: string; env?: Record<string, string>; overrides?: BuildOverrides; token?: string; app?: Omit<AppOptions, "jobs"> } = {},
): Promise<TestApp> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "onramp-app-")));
  const token = options.token ?? generateApplicationToken();
  const log = memoryLogger("debug");
  const config = loadConfig({ ONRAMP_DATA_DIR: dataDir, ONRAMP_API_TOKEN: token, ONRAMP_LOG_LEVEL: "debug", ONRAMP_AGENT_WARM_UP: "0", ...options.env });
  const deps = await buildDeps(config, { log, ...options.overrides });
  const jobs = new JobRunner({ log });
  const app = createApp(deps, { ...options.app, jobs });
  return {
    app,
    deps,
    jobs,
    token,
    dataDir,
    config,
    logLines: log.lines,
    async call(method, url, body, callToken) {
      const headers: Record<string, string> = {};
      const bearer = callToken === undefined ? token : callToken;
      if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
      if (body !== undefined) headers["content-type"] = "application/json";
      const response = await app.request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        // Non-JSON bodies (none expected from the API) stay text so a test can show them.
      }
      return { status: response.status, body: parsed };
    },
    async close(closeOptions = {}) {
      await jobs.idle();
      await deps.close();
      if (!closeOptions.keepData && !options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
