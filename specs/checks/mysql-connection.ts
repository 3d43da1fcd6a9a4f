// Opening a MySQL/MariaDB connection the way Airbyte's ssl_mode says, shared by the connection
// check and the table reader (specs/execute): `preferred` tries TLS and falls back to plain.
// Aborting the signal destroys the connection, so a pending query fails at once.
import mysql from "mysql2/promise";
import { unverifiedTls, verifiedTls, type SslModeConfig, type TlsOptions } from "./tls-options.ts";

export interface MysqlConfig {
  host?: string;
  port?: number;
  database?: string;
  username?: string;
  password?: string;
  ssl?: boolean;
  ssl_mode?: SslModeConfig;
}

type SslSetting = undefined | TlsOptions;

export function mysqlSslAttempts(config: MysqlConfig): SslSetting[] {
  const mode = config.ssl_mode?.mode ?? (config.ssl === false ? "disabled" : "preferred");
  switch (mode) {
    case "disabled":
      return [undefined];
    case "required":
      return [unverifiedTls()];
    case "verify_ca":
      return [verifiedTls(config.ssl_mode, false)];
    case "verify_identity":
      return [verifiedTls(config.ssl_mode, true)];
    default:
      return [unverifiedTls(), undefined];
  }
}

export interface MysqlConnectOptions {
  timeoutMs: number;
  signal: AbortSignal;
  /** Other mysql2 connection options (dateStrings, supportBigNumbers, ...). */
  connection?: Partial<mysql.ConnectionOptions>;
}

/** A connected connection (the caller ends it), or the last connection error as the driver gave it. */
export async function connectMysql(config: MysqlConfig, options: MysqlConnectOptions): Promise<mysql.Connection> {
  const attempts = mysqlSslAttempts(config);
  let lastError: any;
  let current: mysql.Connection | undefined;
  options.signal.addEventListener("abort", () => current?.destroy(), { once: true });
  for (const [index, ssl] of attempts.entries()) {
    try {
      current = await mysql.createConnection({
        host: config.host,
        port: config.port ?? 3306,
        user: config.username,
        password: config.password ?? "",
        database: config.database,
        connectTimeout: options.timeoutMs,
        ...(ssl ? { ssl } : {}),
        ...options.connection,
      });
      current.on("error", () => {});
      if (options.signal.aborted) current.destroy();
      return current;
    } catch (error: any) {
      lastError = error;
      current?.destroy();
      if (!(index + 1 < attempts.length && error?.code === "HANDSHAKE_NO_SSL_SUPPORT") || options.signal.aborted) break;
    }
  }
  throw lastError;
}
