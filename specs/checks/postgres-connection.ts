// Opening a Postgres connection the way libpq's sslmode says, shared by the connection check and
// the table reader (specs/execute): `prefer` tries TLS and falls back to plain, `allow` the
// reverse. Aborting the signal ends the client, so a pending query fails at once.
import pg from "pg";
import { unverifiedTls, verifiedTls, type SslModeConfig, type TlsOptions } from "./tls-options.ts";

export interface PostgresConfig {
  host?: string;
  port?: number;
  database?: string;
  username?: string;
  password?: string;
  schemas?: string[];
  schema?: string;
  ssl?: boolean;
  ssl_mode?: SslModeConfig;
}

type SslSetting = false | TlsOptions;

/** libpq's sslmode, as attempts in order. */
export function postgresSslAttempts(config: PostgresConfig): SslSetting[] {
  const mode = config.ssl_mode?.mode ?? (config.ssl === true ? "require" : config.ssl === false ? "disable" : "prefer");
  switch (mode) {
    case "disable":
      return [false];
    case "allow":
      return [false, unverifiedTls()];
    case "require":
      return [unverifiedTls()];
    case "verify-ca":
      return [verifiedTls(config.ssl_mode, false)];
    case "verify-full":
      return [verifiedTls(config.ssl_mode, true)];
    default:
      return [unverifiedTls(), false];
  }
}

export interface PostgresConnectOptions {
  timeoutMs: number;
  signal: AbortSignal;
  applicationName: string;
  /** Other pg.Client options (statement_timeout, types, ...). */
  client?: Partial<pg.ClientConfig>;
}

function sslRefused(error: any): boolean {
  const message = String(error?.message ?? "");
  return /does not support SSL/i.test(message) || (error?.code === "28000" && /no encryption/i.test(message));
}

/** A connected client (the caller ends it), or the last connection error thrown as the driver gave it. */
export async function connectPostgres(config: PostgresConfig, options: PostgresConnectOptions): Promise<pg.Client> {
  const attempts = postgresSslAttempts(config);
  let lastError: unknown;
  for (const [index, ssl] of attempts.entries()) {
    const client = new pg.Client({
      host: config.host,
      port: config.port ?? 5432,
      database: config.database,
      user: config.username,
      password: config.password ?? "",
      ssl,
      connectionTimeoutMillis: options.timeoutMs,
      query_timeout: options.timeoutMs,
      application_name: options.applicationName,
      ...options.client,
    });
    // A failed connection still emits "error" later on some paths; nothing may crash on it.
    client.on("error", () => {});
    options.signal.addEventListener("abort", () => void client.end().catch(() => {}), { once: true });
    try {
      await client.connect();
      return client;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => {});
      if (!(index + 1 < attempts.length && sslRefused(error)) || options.signal.aborted) break;
    }
  }
  throw lastError;
}
