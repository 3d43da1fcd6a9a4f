// A real Postgres check: connect with the configured SSL mode, SELECT 1, then make sure the
// configured schemas exist and can be read (source) or written (destination).
import type pg from "pg";
import type { CheckResult, Definition } from "../types.ts";
import { capitalise, connectionRefused, failed, networkFailure, succeeded, type Target } from "./outcome.ts";
import { withPortHint } from "./port-hint.ts";
import { connectPostgres, type PostgresConfig } from "./postgres-connection.ts";

export type { PostgresConfig } from "./postgres-connection.ts";

/** What a Postgres check reaches, for messages and the fields to fix (also used by runCheck's deadline). */
export function postgresTarget(config: PostgresConfig): Target {
  return {
    what: `the Postgres server at ${config.host}:${config.port ?? 5432}`,
    hostFields: ["/host"],
    portFields: ["/port"],
    tlsFields: ["/ssl_mode"],
  };
}

function serverFailure(error: any, config: PostgresConfig): CheckResult | undefined {
  const code: string | undefined = error?.code;
  const message = String(error?.message ?? "");
  const user = config.username ?? "";
  switch (code) {
    case "28P01":
      return failed("auth_failed", `The server rejected the password for user "${user}".`, ["/password"]);
    case "28000":
      if (/does not exist/i.test(message)) return failed("auth_failed", `The server has no user named "${user}".`, ["/username"]);
      if (/no encryption|SSL off/i.test(message)) {
        return failed("tls", "The server only accepts encrypted connections from here; choose an SSL mode such as require.", ["/ssl_mode"]);
      }
      return failed(
        "permission_denied",
        `The server does not let user "${user}" connect from Onramp's address to database "${config.database}" (its pg_hba.conf has no matching entry).`,
        ["/username", "/database"],
      );
    case "3D000":
      return failed("not_found", `The server has no database named "${config.database}".`, ["/database"]);
    case "42501":
      return failed("permission_denied", `User "${user}" lacks a privilege the check needs.`, ["/username"]);
    case "3F000":
      return failed("not_found", "A configured schema does not exist.", ["/schemas"]);
    case "53300":
      return failed("unknown", "The server has no free connection slots right now; try again later or raise max_connections.", []);
    case "57P03":
      return failed("unreachable", "The server is starting up or shutting down; try again in a moment.", ["/host", "/port"]);
  }
  return undefined;
}

async function probe(client: pg.Client, definition: Definition, config: PostgresConfig): Promise<CheckResult> {
  await client.query("SELECT 1");
  const where = `database "${config.database}" on ${config.host}:${config.port ?? 5432}`;
  if (definition.kind === "destination") {
    const schema = config.schema ?? "public";
    const { rows } = await client.query(
      `SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS present,
              CASE WHEN EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) THEN has_schema_privilege($1, 'CREATE')
                   ELSE has_database_privilege(current_database(), 'CREATE') END AS writable`,
      [schema],
    );
    if (!rows[0].writable) {
      return failed(
        "permission_denied",
        `User "${config.username}" may not create tables in schema "${schema}" of ${where}.`,
        ["/username", "/schema"],
      );
    }
    return succeeded(`Connected to ${where} as "${config.username}"; tables can be created in schema "${schema}".`);
  }
  const schemas = Array.isArray(config.schemas) && config.schemas.length > 0 ? config.schemas : ["public"];
  const { rows } = await client.query(
    `SELECT s.name,
            n.oid IS NOT NULL AS present,
            CASE WHEN n.oid IS NULL THEN false ELSE has_schema_privilege(n.oid, 'USAGE') END AS usable,
            (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r','p','v','m'))::int AS tables,
            (SELECT count(*) FROM pg_class c WHERE c.relnamespace = n.oid AND c.relkind IN ('r','p','v','m')
                AND has_table_privilege(c.oid, 'SELECT'))::int AS readable
       FROM unnest($1::text[]) AS s(name) LEFT JOIN pg_namespace n ON n.nspname = s.name`,
    [schemas],
  );
  const missing = rows.filter((row) => !row.present).map((row) => `"${row.name}"`);
  if (missing.length > 0) {
    return failed("not_found", `${capitalise(where)} has no schema named ${missing.join(", ")} (names are case sensitive).`, ["/schemas"]);
  }
  const closed = rows.filter((row) => !row.usable || (row.tables > 0 && row.readable === 0)).map((row) => `"${row.name}"`);
  if (closed.length > 0) {
    return failed("permission_denied", `User "${config.username}" cannot read schema ${closed.join(", ")}; grant USAGE on the schema and SELECT on its tables.`, [
      "/username",
      "/schemas",
    ]);
  }
  const tables = rows.reduce((sum, row) => sum + row.readable, 0);
  return succeeded(`Connected to ${where} as "${config.username}"; ${tables} readable table${tables === 1 ? "" : "s"} in ${schemas.map((name) => `"${name}"`).join(", ")}.`);
}

/** A driver error in words (reason, message, fields), or undefined when it is not a known kind. */
export function postgresFailure(error: unknown, config: PostgresConfig, timeoutMs: number): CheckResult | undefined {
  return serverFailure(error, config) ?? networkFailure(error, postgresTarget(config), timeoutMs);
}

export async function checkPostgres(definition: Definition, rawConfig: Record<string, unknown>, timeoutMs: number, signal: AbortSignal): Promise<CheckResult> {
  const config = rawConfig as PostgresConfig;
  let lastError: unknown;
  try {
    const client = await connectPostgres(config, { timeoutMs, signal, applicationName: "onramp-check" });
    try {
      return await probe(client, definition, config);
    } finally {
      await client.end().catch(() => {});
    }
  } catch (error) {
    lastError = error;
  }
  const result = postgresFailure(lastError, config, timeoutMs) ?? failed("unknown", `The check failed: ${String((lastError as any)?.message ?? lastError)}`, []);
  return withPortHint(result, definition, config, "Postgres", timeoutMs, connectionRefused(lastError));
}
