// A real MySQL/MariaDB check: connect with the configured SSL mode, SELECT 1, and make sure
// the user may read the database (see mysql-read-access.ts).
import type mysql from "mysql2/promise";
import type { CheckResult, Definition } from "../types.ts";
import { connectionRefused, failed, networkFailure, succeeded, type Target } from "./outcome.ts";
import { withPortHint } from "./port-hint.ts";
import { readAccess } from "./mysql-read-access.ts";
import { connectMysql, type MysqlConfig } from "./mysql-connection.ts";

export type { MysqlConfig } from "./mysql-connection.ts";

/** What a MySQL check reaches, for messages and the fields to fix (also used by runCheck's deadline). */
export function mysqlTarget(config: MysqlConfig): Target {
  return {
    what: `the MySQL server at ${config.host}:${config.port ?? 3306}`,
    hostFields: ["/host"],
    portFields: ["/port"],
    tlsFields: ["/ssl_mode"],
  };
}

function serverFailure(error: any, config: MysqlConfig): CheckResult | undefined {
  const user = config.username ?? "";
  switch (error?.code) {
    case "ER_ACCESS_DENIED_ERROR":
    case "ER_ACCESS_DENIED_NO_PASSWORD_ERROR":
      return failed("auth_failed", `The server rejected user "${user}" with this password (or this user may not connect from Onramp's address).`, ["/password", "/username"]);
    case "ER_DBACCESS_DENIED_ERROR":
      return failed("permission_denied", `User "${user}" may not use database "${config.database}".`, ["/username", "/database"]);
    case "ER_BAD_DB_ERROR":
      return failed("not_found", `The server has no database named "${config.database}".`, ["/database"]);
    case "ER_TABLEACCESS_DENIED_ERROR":
    case "ER_SPECIFIC_ACCESS_DENIED_ERROR":
      return failed("permission_denied", `User "${user}" lacks a privilege the check needs.`, ["/username"]);
    case "ER_CON_COUNT_ERROR":
    case "ER_TOO_MANY_USER_CONNECTIONS":
      return failed("unknown", "The server has no free connection slots right now; try again later.", []);
    case "ER_HOST_NOT_PRIVILEGED":
    case "ER_HOST_IS_BLOCKED":
      return failed("permission_denied", "The server does not accept connections from Onramp's address.", ["/host"]);
    case "HANDSHAKE_NO_SSL_SUPPORT":
      return failed("tls", "The server does not offer encryption; choose a less strict SSL mode or enable SSL on the server.", ["/ssl_mode"]);
  }
  return undefined;
}

/** A driver error in words (reason, message, fields), or undefined when it is not a known kind. */
export function mysqlFailure(error: unknown, config: MysqlConfig, timeoutMs: number): CheckResult | undefined {
  return serverFailure(error, config) ?? networkFailure(error, mysqlTarget(config), timeoutMs);
}

export async function checkMysql(definition: Definition, rawConfig: Record<string, unknown>, timeoutMs: number, signal: AbortSignal): Promise<CheckResult> {
  const config = rawConfig as MysqlConfig;
  let lastError: any;
  try {
    const connection: mysql.Connection = await connectMysql(config, { timeoutMs, signal });
    try {
      await connection.query({ sql: "SELECT 1", timeout: timeoutMs });
      const where = `database "${config.database}" on ${config.host}:${config.port ?? 3306}`;
      const access = await readAccess(connection, config.database ?? "", timeoutMs);
      if (!access.readable) {
        return failed(
          "permission_denied",
          `User "${config.username}" can connect to ${where} but may not read it (no SELECT privilege); grant SELECT on the database or its tables.`,
          ["/username", "/database"],
        );
      }
      const tables = `${access.tables} table${access.tables === 1 ? "" : "s"}`;
      return succeeded(`Connected to ${where} as "${config.username}", who may read it; ${tables} visible.`);
    } finally {
      await connection.end().catch(() => connection.destroy());
    }
  } catch (error) {
    lastError = error;
  }
  const result = mysqlFailure(lastError, config, timeoutMs) ?? failed("unknown", `The check failed: ${String(lastError?.message ?? lastError)}`, []);
  return withPortHint(result, definition, config, "MySQL", timeoutMs, connectionRefused(lastError));
}
