// Storage scale benchmark: create-connector and session form-patch latency with 10 and with
// 10,000 stored sessions. The write path touches one small file, so the ratio should stay ≈ 1
// (goal ≤ 1.2). Run: `npx tsx server/bench.ts` (part of `npm run bench`).
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "./config.ts";
import { buildDeps } from "./bootstrap.ts";
import { createApp } from "./app.ts";
import { createLogger } from "./log.ts";
import { generateApplicationToken } from "./auth/index.ts";
import type { SessionRecord, Store } from "./store/types.ts";
import { loadNow, recordResults } from "./bench-results.ts";

const ITERATIONS = Number(process.argv.find((arg) => arg.startsWith("--iterations="))?.split("=")[1] ?? 300);
const WARMUP = 30;
const SIZES = [10, 10_000];

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function seededSession(index: number, workspaceId: string): SessionRecord {
  const now = new Date().toISOString();
  return {
    id: `ses_seed_${index}`,
    workspaceId,
    tokenHash: `seed-${index}`,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    allowedOrigin: null,
    connectorId: null,
    status: "active",
    form: { version: 3, definitionId: null, name: `seed ${index}`, values: { host: `db-${index}.example.com`, port: 5432 }, secrets: {}, status: {} },
    pending: null,
    secretMode: null,
    oauthPending: null,
    transcript: [{ role: "agent", text: "Which database do you want to connect?", at: now }],
    lastTest: null,
    view: "agent",
    created_at: now,
    updated_at: now,
  };
}

async function seed(store: Store, count: number, workspaceId: string): Promise<void> {
  const batch = 200;
  for (let start = 0; start < count; start += batch) {
    await Promise.all(Array.from({ length: Math.min(batch, count - start) }, (_, offset) => store.putSession(seededSession(start + offset, workspaceId))));
  }
}

interface Env {
  sessionCount: number;
  createConnector(iteration: number): Promise<void>;
  sessionPatch(iteration: number): Promise<void>;
  close(): Promise<void>;
}

async function setup(sessionCount: number): Promise<Env> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-bench-"));
  const token = generateApplicationToken();
  const config = loadConfig({ ONRAMP_DATA_DIR: dataDir, ONRAMP_API_TOKEN: token, ONRAMP_LOG_LEVEL: "error" });
  const deps = await buildDeps({ ...config, databaseUrl: undefined }, { log: createLogger({ level: "error" }) });
  const app = createApp(deps);
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const workspace = (await deps.store.findWorkspaceByName("org_default", "default"))!;
  const seededAt = Date.now();
  await seed(deps.store, sessionCount, workspace.id);
  console.log(`${sessionCount} stored sessions seeded in ${((Date.now() - seededAt) / 1000).toFixed(1)} s`);

  const created = await app.request("/api/v1/setup-sessions", { method: "POST", headers, body: JSON.stringify({ workspace_name: "default", connector_type: "postgres" }) });
  if (created.status !== 201) throw new Error(`setup session answered ${created.status}: ${await created.text()}`);
  const session = (await created.json()) as { session_id: string; session_token: string };
  const sessionHeaders = { authorization: `Bearer ${session.session_token}`, "content-type": "application/json" };
  const snapshot = (await (await app.request(`/api/v1/setup-sessions/${session.session_id}`, { headers: sessionHeaders })).json()) as { form: { version: number } };
  let version = snapshot.form.version;

  return {
    sessionCount,
    async createConnector(iteration) {
      const response = await app.request("/api/v1/integrations/connectors", {
        method: "POST",
        headers,
        body: JSON.stringify({
          workspace_name: "default",
          connector_type: "postgres",
          name: `bench ${iteration}`,
          configuration: { host: "127.0.0.1", port: 5432, database: "test", username: "bench", password: `pw-${iteration}` },
        }),
      });
      if (response.status !== 201) throw new Error(`create-connector answered ${response.status}: ${await response.text()}`);
    },
    async sessionPatch(iteration) {
      const response = await app.request(`/api/v1/setup-sessions/${session.session_id}/form`, {
        method: "PATCH",
        headers: sessionHeaders,
        body: JSON.stringify({ base_version: version, ops: [{ op: "set", path: "/host", value: `db-${iteration}.example.com` }] }),
      });
      if (response.status !== 200) throw new Error(`session-patch answered ${response.status}: ${await response.text()}`);
      const { events } = (await response.json()) as { events: Array<{ type: string; version?: number }> };
      for (const event of events) if (event.type === "form.patch" && typeof event.version === "number") version = Math.max(version, event.version);
    },
    async close() {
      await deps.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function time(run: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Both environments are measured in alternating rounds, so JIT warm-up and the load of a shared
 * machine fall on both sizes alike instead of on whichever ran first.
 */
async function compare(op: "createConnector" | "sessionPatch", envs: Env[]): Promise<Array<{ p50: number; p99: number }>> {
  const timings = envs.map(() => [] as number[]);
  for (const env of envs) for (let iteration = 0; iteration < WARMUP; iteration++) await env[op](-1 - iteration);
  const round = 25;
  let iteration = 0;
  while (iteration < ITERATIONS) {
    for (const [index, env] of envs.entries()) {
      for (let step = 0; step < round; step++) timings[index]!.push(await time(() => env[op](iteration + step)));
    }
    iteration += round;
  }
  return timings.map((list) => {
    list.sort((a, b) => a - b);
    return { p50: quantile(list, 0.5), p99: quantile(list, 0.99) };
  });
}

export interface StorageFigures {
  op: "createConnector" | "sessionPatch";
  sessions: number;
  p50: number;
  p99: number;
  load: number[];
}

export async function runStorageBench(figures: StorageFigures[] = []): Promise<boolean> {
  console.log(`Storage bench (lowdb store, ${ITERATIONS} iterations per size after ${WARMUP} warm-up, sizes measured in alternating rounds)`);
  const envs: Env[] = [];
  try {
    for (const size of SIZES) envs.push(await setup(size));
    let ok = true;
    for (const op of ["createConnector", "sessionPatch"] as const) {
      const [small, large] = await compare(op, envs);
      for (const [index, result] of [small!, large!].entries()) {
        figures.push({ op, sessions: envs[index]!.sessionCount, p50: Math.round(result.p50 * 100) / 100, p99: Math.round(result.p99 * 100) / 100, load: loadNow() });
        console.log(`  ${op.padEnd(16)} ${String(envs[index]!.sessionCount).padStart(6)} sessions: p50 ${result.p50.toFixed(2)} ms  p99 ${result.p99.toFixed(2)} ms`);
      }
      const ratio = large!.p50 / small!.p50;
      const pass = ratio <= 1.2;
      ok &&= pass;
      console.log(`  ${op}: p50 ratio ${SIZES[1]}/${SIZES[0]} = ${ratio.toFixed(2)}, p99 ratio ${(large!.p99 / small!.p99).toFixed(2)} ${pass ? "(goal <= 1.2: ok)" : "(ABOVE GOAL 1.2)"}`);
    }
    return ok;
  } finally {
    for (const env of envs) await env.close();
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url === (await import("node:url")).pathToFileURL(process.argv[1]).href;
if (isEntry) {
  const figures: StorageFigures[] = [];
  const ok = await runStorageBench(figures);
  if (!process.argv.includes("--no-record")) await recordResults("storage", figures);
  process.exitCode = ok ? 0 : 1;
}
