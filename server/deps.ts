// Everything a route module is handed. Built once in server/main.ts (or by a test).
import type { Config } from "./config.ts";
import type { CatalogLookup } from "../specs/types.ts";
import type { Store } from "./store/types.ts";
import type { SecretStore } from "./secrets/types.ts";
import type { SessionManager } from "./sessions/types.ts";
import type { RegistryStatus } from "./catalog/registry-source.ts";

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface AppDeps {
  config: Config;
  store: Store;
  secrets: SecretStore;
  catalog: CatalogLookup;
  sessions: SessionManager;
  log: Logger;
  /** How each configured connector registry loaded (for /healthz); absent when none is configured. */
  catalogRegistries?: RegistryStatus[];
}
