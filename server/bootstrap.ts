// Builds everything a server needs from a Config, so main.ts, the CLI, tests and evals all get
// the same wiring in-process.
import type { Config } from "./config.ts";
import type { AppDeps, Logger } from "./deps.ts";
import type { CatalogLookup } from "../specs/types.ts";
import type { Store } from "./store/types.ts";
import type { SecretStore } from "./secrets/types.ts";
import type { SessionAgent, SessionManager } from "./sessions/types.ts";
import { createLogger } from "./log.ts";
import { createLowdbStore } from "./store/lowdb-store.ts";
import { PostgresStore, createPostgresStore } from "./store/postgres-store.ts";
import { postgresSecretBackend } from "./secrets/postgres-secret-backend.ts";
import { createSecretStore } from "./secrets/create-secret-store.ts";
import { ensureDefaults, type FirstStart } from "./defaults.ts";
import { ApiError } from "./http-error.ts";
import { Catalog, catalogFaults } from "../specs/index.ts";
import type { BaseCheckpointSaver } from "@langchain/langgraph-checkpoint";
import { LatestCheckpointSaver, createSetupAgent, type ModelGateway, type SetupAgentOptions } from "../agent/index.ts";
import { createPostgresCheckpointer } from "./store/postgres-checkpointer.ts";
import { createSessionManager } from "./sessions/index.ts";
import { offerCatalog } from "./sessions/oauth-offer.ts";
import { loadRegistries, type RegistryStatus } from "./catalog/registry-source.ts";
import { rejoinImports } from "./imports/import-service.ts";
import { createAgentPool, type AgentPool } from "./agent-pool/agent-pool.ts";

export interface BuiltDeps extends AppDeps {
  firstStart: FirstStart;
  /** The agent's worker threads, when the config runs turns on them. */
  agentPool?: AgentPool;
  close(): Promise<void>;
}

export interface BuildOverrides {
  log?: Logger;
  store?: Store;
  secrets?: SecretStore;
  catalog?: CatalogLookup;
  /** Replaces the session layer (tests of routes that do not need it). */
  sessions?: (deps: Omit<AppDeps, "sessions">) => SessionManager | Promise<SessionManager>;
}

export async function createStore(config: Config): Promise<Store> {
  if (config.databaseUrl) {
    return createPostgresStore({ connectionString: config.databaseUrl, schema: config.databaseSchema });
  }
  return createLowdbStore({ dataDir: config.dataDir });
}

async function loadCatalog(config: Config, log: Logger): Promise<{ catalog: CatalogLookup; registries: RegistryStatus[] }> {
  const catalog = await Catalog.load({ dirs: config.catalogDirs, builtins: true });
  for (const fault of catalogFaults(catalog.reports)) log[fault.level](fault.message, fault.fields);
  // Registries come last: a built-in or a folder's definition keeps its name.
  const registries = await loadRegistries(catalog, config.catalogRegistries ?? [], {
    dataDir: config.dataDir,
    timeoutMs: config.catalogRegistryTimeoutMs,
    log,
  });
  return { catalog, registries };
}

/** Answers 503 until the session layer is wired. */
export function unavailableSessions(): SessionManager {
  const unavailable = async (): Promise<never> => {
    throw new ApiError(503, "Setup sessions are not available on this server", [{ field: null, message: "Unavailable", error_code: "unavailable" }]);
  };
  return {
    create: unavailable,
    authenticate: unavailable,
    snapshot: unavailable,
    dispatch: unavailable,
    input: unavailable,
    storeSecret: unavailable,
    storeOutputs: unavailable,
    subscribe: () => () => undefined,
    close: async () => undefined,
  };
}

/** The setup agent's model settings from a Config (every place that builds an agent uses this). */
export function agentModelOptions(config: Config): Pick<SetupAgentOptions, "model" | "openai" | "tracing"> {
  return {
    model: config.model,
    tracing: config.tracing ?? false,
    openai: { apiKey: config.openaiApiKey, baseUrl: config.openaiBaseUrl, timeoutMs: config.modelTimeoutMs },
  };
}

/** Where LangGraph's own tables live: beside Onramp's schema, whose `checkpoints` table is the store's. */
export function checkpointSchema(config: Config): string {
  return `${config.databaseSchema ?? "onramp"}_langgraph`;
}

/**
 * The agent's checkpoint saver; either way only the newest checkpoint of a thread is kept.
 * With DATABASE_URL: LangGraph's official PostgresSaver, on the Postgres store's pool (closed
 * with the store). Otherwise on the store's checkpoint records, remembered in memory unless other
 * replicas (Redis fan-out) may run the same sessions.
 */
export async function createCheckpointer(config: Config, store: Store): Promise<BaseCheckpointSaver> {
  if (!config.databaseUrl) return new LatestCheckpointSaver(store, { remember: !config.redisUrl });
  if (!(store instanceof PostgresStore)) {
    throw new Error("DATABASE_URL is set but the store is not the Postgres store; the checkpointer uses the store's pool");
  }
  return createPostgresCheckpointer({ pool: store.pool, schema: checkpointSchema(config) });
}

/**
 * The setup agent on worker threads (agent-pool/) when the config asks for workers and the store
 * is the embedded one, whose checkpoints the main thread writes for them; else undefined.
 */
export function createAgentPoolFor(config: Config, deps: Omit<AppDeps, "sessions">): AgentPool | undefined {
  if (!config.agentWorkers || config.databaseUrl) return undefined;
  return createAgentPool({
    size: config.agentWorkers,
    catalog: deps.catalog,
    records: deps.store,
    settings: { agent: agentModelOptions(config), remember: !config.redisUrl, warmUp: config.agentWarmUp ?? false },
    publicUrl: () => config.publicUrl,
    log: deps.log,
  });
}

/**
 * The setup agent a server runs on this config: on worker threads where `createAgentPoolFor`
 * says so, else in process, its checkpoint committed after the session record (the session
 * manager calls commit), with its model gateway at hand (tests and evals read what it sent).
 */
export async function createSessionAgent(
  config: Config,
  deps: Omit<AppDeps, "sessions">,
): Promise<{ agent: SessionAgent; pool?: AgentPool; gateway?: ModelGateway }> {
  const pool = createAgentPoolFor(config, deps);
  if (pool) return { agent: pool, pool };
  const agent = createSetupAgent({
    catalog: deps.catalog,
    checkpointer: await createCheckpointer(config, deps.store),
    checkpointCommit: "by-caller",
    ...agentModelOptions(config),
  });
  return { agent, gateway: agent.gateway };
}

async function createSessions(config: Config, deps: Omit<AppDeps, "sessions">): Promise<{ sessions: SessionManager; pool?: AgentPool }> {
  const { agent, pool } = await createSessionAgent(config, deps);
  return { sessions: createSessionManager({ config, store: deps.store, secrets: deps.secrets, catalog: deps.catalog, log: deps.log, agent }), pool };
}

/**
 * The secret store a node uses over `store`: in Postgres's schema with DATABASE_URL (every
 * replica reads the same secrets), else files in the data dir; the key from ONRAMP_SECRET_KEY
 * or the data dir's key file either way.
 */
export function createSecretStoreFor(config: Config, store: Store): Promise<SecretStore> {
  const backend = store instanceof PostgresStore ? postgresSecretBackend(store) : undefined;
  return createSecretStore({ dataDir: config.dataDir, secretKey: config.secretKey, backend });
}

export async function buildDeps(config: Config, overrides: BuildOverrides = {}): Promise<BuiltDeps> {
  const log = overrides.log ?? createLogger({ level: config.logLevel });
  const store = overrides.store ?? (await createStore(config));
  await store.init();
  if (store instanceof PostgresStore && !config.secretKey && !overrides.secrets) {
    log.warn("DATABASE_URL is set without ONRAMP_SECRET_KEY: secrets are keyed by this node's key file, so other replicas cannot read them");
  }
  const secrets = overrides.secrets ?? (await createSecretStoreFor(config, store));
  const loaded = overrides.catalog ? { catalog: overrides.catalog, registries: [] } : await loadCatalog(config, log);
  // Connectors generated from API descriptions and published earlier (specs/import).
  await rejoinImports(store, loaded.catalog);
  // Identity outside setup-session actions; inside one, a connector's OAuth option shows only
  // where a client is registered for the session's workspace (sessions/oauth-offer.ts). Every
  // agent built on deps.catalog (here, in tests, in evals) gets that view.
  const catalog = offerCatalog(loaded.catalog);
  const base = { config, store, secrets, catalog, log, catalogRegistries: loaded.registries };
  const { sessions, pool } = overrides.sessions ? { sessions: await overrides.sessions(base), pool: undefined } : await createSessions(config, base);
  const firstStart = await ensureDefaults(store, config);
  return {
    ...base,
    sessions,
    firstStart,
    ...(pool ? { agentPool: pool } : {}),
    async close() {
      await sessions.close();
      await (secrets as { close?: () => Promise<void> }).close?.();
      await store.close();
    },
  };
}
