// A Postgres source's tables and views through execute: the entities are the relations of the
// configured schemas the user may SELECT ("schema.table"); a list reads one inside a READ ONLY
// transaction under statement_timeout, ordered by the primary key and continued after the last
// key (keyset), or by position (offset) where there is no primary key. Names are quoted by the
// driver's escapeIdentifier, and every value (keys, limit, offset) travels as a parameter.
import pg from "pg";
import type { Definition } from "../types.ts";
import { connectPostgres, type PostgresConfig } from "../checks/postgres-connection.ts";
import { postgresFailure } from "../checks/postgres.ts";
import { cursorOffset, decodeCursor, encodeCursor } from "./cursor.ts";
import { namesList } from "./entity-names.ts";
import { ExecuteError } from "./execute-error.ts";
import { refuseTunnel } from "./tunnel-guard.ts";
import type { EntityInfo, EntityReader, ReadContext, RecordPage } from "./types.ts";

interface Relation extends EntityInfo {
  schema: string;
  table: string;
  relkind: string;
  primary_key: string[];
}

const KINDS: Record<string, string> = { r: "table", p: "table", v: "view", m: "materialized view", f: "foreign table" };

// Dates, times, intervals and bytea as Postgres writes them: JavaScript's Date would move a
// timestamp without time zone into the server's zone, and JSON has no bytes.
const RAW_TYPE_OIDS = new Set([17, 1082, 1083, 1114, 1184, 1186, 1266, 1001, 1115, 1182, 1183, 1185, 1187, 1270]);
const types = {
  getTypeParser: (oid: number, format?: "text" | "binary") =>
    RAW_TYPE_OIDS.has(oid) ? (value: string) => value : (pg.types.getTypeParser as (oid: number, format?: "text" | "binary") => (value: string) => unknown)(oid, format),
};

const RELATIONS = `
  SELECT n.nspname AS schema, c.relname AS relname, c.relkind AS relkind,
         ARRAY(SELECT a.attname::text
                 FROM pg_index i
                 CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)
                 JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indrelid = c.oid AND i.indisprimary
                ORDER BY k.position) AS primary_key
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = ANY($1::text[])
     AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
     AND NOT c.relispartition
     AND has_schema_privilege(n.oid, 'USAGE')
     AND has_table_privilege(c.oid, 'SELECT')
   ORDER BY n.nspname, c.relname`;

function schemasOf(config: PostgresConfig): string[] {
  return Array.isArray(config.schemas) && config.schemas.length > 0 ? config.schemas : ["public"];
}

async function relations(client: pg.Client, config: PostgresConfig): Promise<Relation[]> {
  const { rows } = await client.query<{ schema: string; relname: string; relkind: string; primary_key: string[] }>(RELATIONS, [schemasOf(config)]);
  return rows.map((row) => ({
    name: `${row.schema}.${row.relname}`,
    kind: KINDS[row.relkind] ?? "table",
    primary_key: row.primary_key,
    schema: row.schema,
    table: row.relname,
    relkind: row.relkind,
  }));
}

/** A refusal of the read itself (the connection worked), in the words of execute. */
function readFailure(error: any, entity: string | undefined, config: PostgresConfig): ExecuteError {
  const what = entity ? `the read of "${entity}"` : "the list of tables";
  switch (error?.code) {
    case "25006":
      return new ExecuteError("source_failed", `Postgres stopped ${what}: it would have written (${error.message}), and execute only reads.`, { reason: "permission_denied" });
    case "42501":
      return new ExecuteError("source_failed", `User "${config.username}" may not read this: ${error.message}.`, { reason: "permission_denied", fields: ["/username"] });
    case "57014":
      return new ExecuteError("source_failed", `Postgres cancelled ${what}: it ran past the statement timeout.`, { reason: "timeout" });
  }
  return new ExecuteError("source_failed", `Postgres refused ${what}: ${String(error?.message ?? error)}`, { reason: "unknown" });
}

/** Connects, opens a READ ONLY transaction, runs `work`, and always rolls back and disconnects. */
async function readOnly<T>(config: PostgresConfig, context: ReadContext, entity: string | undefined, work: (client: pg.Client) => Promise<T>): Promise<T> {
  refuseTunnel(config as Record<string, unknown>);
  let client: pg.Client;
  try {
    client = await connectPostgres(config, {
      timeoutMs: context.timeoutMs,
      signal: context.signal,
      applicationName: "onramp-execute",
      client: { statement_timeout: context.timeoutMs, types },
    });
  } catch (error) {
    if (context.signal.aborted) throw context.signal.reason;
    const known = postgresFailure(error, config, context.timeoutMs);
    throw new ExecuteError("source_failed", known?.message ?? `Could not connect to Postgres: ${String((error as Error)?.message ?? error)}`, {
      reason: known?.reason ?? "unknown",
      fields: known?.fields,
    });
  }
  try {
    await client.query("BEGIN TRANSACTION READ ONLY");
    return await work(client);
  } catch (error) {
    if (error instanceof ExecuteError) throw error;
    if (context.signal.aborted) throw context.signal.reason;
    throw readFailure(error, entity, config);
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    await client.end().catch(() => {});
  }
}

function invalidCursor(entity: string): ExecuteError {
  return new ExecuteError("invalid_cursor", `This cursor was not made by a list of "${entity}"; pass next_cursor exactly as it came, or leave it out to start over.`);
}

async function readPage(client: pg.Client, relation: Relation, limit: number, cursor: string | null): Promise<RecordPage> {
  const entity = relation.name;
  const state = cursor ? decodeCursor(entity, cursor) : undefined;
  const from = `${pg.escapeIdentifier(relation.schema)}.${pg.escapeIdentifier(relation.table)} AS t`;
  const keys = relation.primary_key.map((column) => `t.${pg.escapeIdentifier(column)}`);
  let sql: string;
  let values: unknown[];
  let offset = 0;
  if (keys.length > 0) {
    // Keyset: the key's text form after the record, so the cursor round-trips exactly.
    const after = state?.k;
    if (state && (!Array.isArray(after) || after.length !== keys.length || after.some((value) => typeof value !== "string"))) throw invalidCursor(entity);
    const where = after ? `WHERE (${keys.join(", ")}) > (${keys.map((_, index) => `$${index + 2}`).join(", ")})` : "";
    sql = `SELECT t.*, ${keys.map((key) => `(${key})::text`).join(", ")} FROM ${from} ${where} ORDER BY ${keys.join(", ")} LIMIT $1`;
    values = [limit + 1, ...((after as string[] | undefined) ?? [])];
  } else {
    // Without a key, by position: physical order where the relation has one (stable while
    // nobody writes), else the order Postgres returns a view in.
    offset = state ? cursorOffset(entity, state.o) : 0;
    const order = relation.relkind === "p" ? "ORDER BY t.tableoid, t.ctid" : relation.relkind === "r" || relation.relkind === "m" ? "ORDER BY t.ctid" : "";
    sql = `SELECT t.* FROM ${from} ${order} LIMIT $1 OFFSET $2`;
    values = [limit + 1, offset];
  }
  let result: pg.QueryResult;
  try {
    result = await client.query({ text: sql, values, rowMode: "array" });
  } catch (error: any) {
    // Class 22 (data exception) from the keys of a cursor: not one this reader made.
    if (state && typeof error?.code === "string" && error.code.startsWith("22")) throw invalidCursor(entity);
    throw error;
  }
  const width = result.fields.length - keys.length;
  const names = result.fields.slice(0, width).map((field) => field.name);
  const rows = result.rows as unknown[][];
  const data = rows.slice(0, limit).map((row) => Object.fromEntries(names.map((name, index) => [name, row[index]])));
  if (rows.length <= limit) return { data, next_cursor: null };
  const last = rows[limit - 1]!;
  const next = keys.length > 0 ? { k: last.slice(width) } : { o: offset + limit };
  return { data, next_cursor: encodeCursor(entity, next) };
}

export const postgresReader: EntityReader = {
  entitiesNeedConnection: true,

  async entities(_definition: Definition, rawConfig, context) {
    const config = rawConfig as PostgresConfig;
    const found = await readOnly(config, context, undefined, (client) => relations(client, config));
    return found.map(({ name, kind, primary_key }) => ({ name, kind, primary_key }));
  },

  async list(_definition: Definition, rawConfig, entity, { limit, cursor, ...context }) {
    const config = rawConfig as PostgresConfig;
    return readOnly(config, context, entity, async (client) => {
      const readable = await relations(client, config);
      const relation = readable.find((candidate) => candidate.name === entity);
      if (!relation) {
        throw new ExecuteError(
          "entity_not_found",
          `No table or view "${entity}" that user "${config.username}" may read in schema ${schemasOf(config).map((name) => `"${name}"`).join(", ")}; entities are "schema.table": ${namesList(readable)}.`,
        );
      }
      return readPage(client, relation, limit, cursor);
    });
  },
};
