// The only module in Onramp that reads the environment. Everything else is handed a Config.
import { availableParallelism } from "node:os";
import path from "node:path";

import type { ModelSetting } from "../agent/index.ts";

export type { ModelSetting };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Extra folders of Airbyte-format definition files loaded into the catalog. */
  catalogDirs: string[];
  /**
   * Airbyte connector registries (oss_registry.json's shape) to add to the catalog: files or
   * http(s) URLs (ONRAMP_CATALOG_REGISTRY, comma-separated). Cached in the data dir.
   */
  catalogRegistries?: string[];
  /** How long fetching one registry URL may take before the cached copy is used (default 30 s). */
  catalogRegistryTimeoutMs?: number;
  /** Application token set by the operator; when absent one is generated on first start. */
  apiToken: string | undefined;
  /** 32-byte key (base64 or hex) for the secret store; when absent a key file is generated. */
  secretKey: string | undefined;
  model: ModelSetting;
  openaiApiKey: string | undefined;
  openaiBaseUrl: string | undefined;
  /**
   * How long one model call may take before that turn falls back to the offline understander
   * (ONRAMP_MODEL_TIMEOUT_MS); unset, the model gateway's default (8 s) applies.
   */
  modelTimeoutMs?: number;
  /**
   * LangSmith tracing is configured (LANGSMITH_TRACING or LANGCHAIN_TRACING_V2 = "true"): agent
   * runs keep LangChain's RunTree per step. Off, the agent skips it (agent/run-context.ts).
   */
  tracing?: boolean;
  /**
   * Worker threads that run agent turns (ONRAMP_AGENT_WORKERS; "auto", the default, is one per
   * core, at most 4, and none on one core). 0 runs them on the main thread. Used on the embedded
   * store only: with DATABASE_URL, replicas are how Onramp scales (server/agent-pool/).
   */
  agentWorkers?: number;
  /**
   * Agent workers run throwaway in-memory turns as they start, so the first people's turns find
   * the agent's code compiled (ONRAMP_AGENT_WARM_UP, default on; "0" off, as test servers do).
   */
  agentWarmUp?: boolean;
  /** Postgres store + checkpointer when set. */
  databaseUrl: string | undefined;
  /** Postgres schema holding Onramp's tables (default "onramp"); optional for hand-built configs. */
  databaseSchema?: string;
  /** Redis pub/sub fan-out of session events when set. */
  redisUrl: string | undefined;
  /** Public base URL of this server, used in OAuth redirect URIs. */
  publicUrl: string;
  sessionTtlSeconds: number;
  /** How long an expired setup session is kept before the sweep deletes it (and its secrets). */
  sessionGraceSeconds?: number;
  /** How often the server sweeps expired setup sessions. */
  sessionSweepIntervalSeconds?: number;
  logLevel: "debug" | "info" | "warn" | "error" | "silent";
  /** Largest request body accepted (413 above it). Optional so hand-built test configs stay valid. */
  maxBodyBytes?: number;
  /**
   * Hosts an API description may be imported from by URL (ONRAMP_IMPORT_ALLOWED_HOSTS, comma
   * list: `api.example.com`, `*.example.com`, `127.0.0.1:8080`, or `*`). Empty: URL imports are off.
   */
  importAllowedHosts?: string[];
  /** Largest description an import fetches or accepts (ONRAMP_IMPORT_MAX_BYTES, default 5 MB). */
  importMaxBytes?: number;
  /** Browser tests rewrite docs/screenshots only when asked (ONRAMP_UPDATE_SCREENSHOTS=1). */
  updateScreenshots?: boolean;
}

function parseModel(raw: string | undefined): ModelSetting {
  if (!raw || raw === "offline") return { kind: "offline" };
  if (raw.startsWith("openai:") && raw.length > "openai:".length) {
    return { kind: "openai", model: raw.slice("openai:".length) };
  }
  throw new Error(`ONRAMP_MODEL must be "offline" or "openai:<model>", got "${raw}"`);
}

function parseTimeout(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`ONRAMP_MODEL_TIMEOUT_MS must be a positive whole number of milliseconds, got "${raw}"`);
  return value;
}

function parseList(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(path.delimiter)
    .flatMap((part) => part.split(","))
    .map((part) => part.trim())
    .filter(Boolean);
}

/** Files and URLs: split on commas only (a URL has colons); files resolved, URLs kept. */
function parseSources(raw: string | undefined): string[] {
  return (raw ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => (/^https?:\/\//i.test(part) ? part : path.resolve(part.replace(/^file:\/\//i, ""))));
}

function parseWorkers(raw: string | undefined): number {
  // One per core (at most 4): the main thread's share of a turn is small (docs/PERFORMANCE.md).
  // One core has nothing to gain from a thread hop.
  if (raw === undefined || raw === "" || raw === "auto") return availableParallelism() > 1 ? Math.min(4, availableParallelism()) : 0;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 0 || count > 64) throw new Error(`ONRAMP_AGENT_WORKERS must be "auto" or a whole number from 0 to 64, got "${raw}"`);
  return count;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const port = Number(env.PORT ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port: ${env.PORT}`);
  const host = env.HOST ?? "127.0.0.1";
  const logLevel = (env.ONRAMP_LOG_LEVEL ?? "info") as Config["logLevel"];
  return {
    port,
    host,
    dataDir: path.resolve(env.ONRAMP_DATA_DIR ?? "./data"),
    catalogDirs: parseList(env.ONRAMP_CATALOG_DIRS).map((dir) => path.resolve(dir)),
    catalogRegistries: parseSources(env.ONRAMP_CATALOG_REGISTRY),
    catalogRegistryTimeoutMs: Number(env.ONRAMP_CATALOG_REGISTRY_TIMEOUT_MS ?? 30_000),
    apiToken: env.ONRAMP_API_TOKEN || undefined,
    secretKey: env.ONRAMP_SECRET_KEY || undefined,
    model: parseModel(env.ONRAMP_MODEL),
    openaiApiKey: env.OPENAI_API_KEY || undefined,
    openaiBaseUrl: env.OPENAI_BASE_URL || undefined,
    modelTimeoutMs: parseTimeout(env.ONRAMP_MODEL_TIMEOUT_MS),
    tracing: [env.LANGSMITH_TRACING, env.LANGCHAIN_TRACING_V2, env.LANGCHAIN_TRACING].some((value) => value?.toLowerCase() === "true"),
    agentWorkers: parseWorkers(env.ONRAMP_AGENT_WORKERS),
    agentWarmUp: env.ONRAMP_AGENT_WARM_UP !== "0",
    databaseUrl: env.DATABASE_URL || undefined,
    databaseSchema: env.ONRAMP_DATABASE_SCHEMA || undefined,
    redisUrl: env.REDIS_URL || undefined,
    publicUrl: env.ONRAMP_PUBLIC_URL ?? `http://${host}:${port}`,
    sessionTtlSeconds: Number(env.ONRAMP_SESSION_TTL_SECONDS ?? 24 * 3600),
    sessionGraceSeconds: Number(env.ONRAMP_SESSION_GRACE_SECONDS ?? 24 * 3600),
    sessionSweepIntervalSeconds: Number(env.ONRAMP_SESSION_SWEEP_INTERVAL_SECONDS ?? 3600),
    logLevel,
    maxBodyBytes: Number(env.ONRAMP_MAX_BODY_BYTES ?? 1024 * 1024),
    updateScreenshots: env.ONRAMP_UPDATE_SCREENSHOTS === "1",
    importAllowedHosts: (env.ONRAMP_IMPORT_ALLOWED_HOSTS ?? "").split(",").map((host) => host.trim()).filter(Boolean),
    importMaxBytes: Number(env.ONRAMP_IMPORT_MAX_BYTES ?? 5 * 1024 * 1024),
  };
}
