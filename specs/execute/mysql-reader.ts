// A MySQL/MariaDB source's tables through execute: the entities are the tables and views of the
// configured database the user may SELECT ("orders", or "shop.orders" with the database's name);
// a list reads one inside START TRANSACTION READ ONLY under the server's statement time limit
// (max_statement_time on MariaDB, max_execution_time on MySQL) and the driver's own timeout,
// ordered by the primary key and continued after the last key (keyset), or by every column and
// position (offset) where there is no primary key. Names are quoted by the driver's escapeId;
// values (keys, limit, offset) go as parameters of prepared statements.
import mysql from "mysql2/promise";
import type { Definition } from "../types.ts";
import { connectMysql, type MysqlConfig } from "../checks/mysql-connection.ts";
import { mysqlFailure } from "../checks/mysql.ts";
import { GRANTEE } from "../checks/mysql-read-access.ts";
import { cursorOffset, decodeCursor, encodeCursor } from "./cursor.ts";
import { namesList } from "./entity-names.ts";
import { ExecuteError } from "./execute-error.ts";
import { refuseTunnel } from "./tunnel-guard.ts";
import type { EntityInfo, EntityReader, ReadContext, RecordPage } from "./types.ts";

interface Column {
  name: string;
  binary: boolean;
}

interface Relation extends EntityInfo {
  table: string;
  primary_key: string[];
}

const BINARY_TYPES = new Set(["binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "bit"]);
const DENIED = new Set(["ER_TABLEACCESS_DENIED_ERROR", "ER_COLUMNACCESS_DENIED_ERROR", "ER_DBACCESS_DENIED_ERROR"]);

type Connection = mysql.Connection;

/** One identifier, quoted whole: escapeId would otherwise read a dot in a name as a qualifier. */
function quoteName(name: string): string {
  return mysql.escapeId(name, true);
}
type Query = (sql: string, values?: unknown[]) => Promise<any[]>;

/** Every statement of a read, with the time left (the driver destroys the connection past it). */
function queries(connection: Connection, context: ReadContext, deadline: number): { query: Query; execute: Query } {
  const timeout = () => Math.max(1, deadline - Date.now());
  return {
    query: async (sql, values) => (await connection.query({ sql, values, timeout: timeout() }))[0] as any[],
    execute: async (sql, values) => (await connection.execute({ sql, values, timeout: timeout(), rowsAsArray: true }))[0] as any[],
  };
}

async function relations(query: Query, database: string): Promise<Relation[]> {
  const visible = (await query("SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME", [database])) as Array<{
    name: string;
    type: string;
  }>;
  if (visible.length === 0) return [];
  const [whole] = (await query(
    `SELECT (SELECT COUNT(*) FROM information_schema.USER_PRIVILEGES WHERE GRANTEE = ${GRANTEE} AND PRIVILEGE_TYPE = 'SELECT')
          + (SELECT COUNT(*) FROM information_schema.SCHEMA_PRIVILEGES WHERE GRANTEE = ${GRANTEE} AND PRIVILEGE_TYPE = 'SELECT' AND ? LIKE TABLE_SCHEMA) AS grants`,
    [database],
  )) as Array<{ grants: number | string }>;
  const granted = new Set(
    ((await query(`SELECT TABLE_NAME AS name FROM information_schema.TABLE_PRIVILEGES WHERE GRANTEE = ${GRANTEE} AND PRIVILEGE_TYPE = 'SELECT' AND TABLE_SCHEMA = ?`, [
      database,
    ])) as Array<{ name: string }>).map((row) => row.name),
  );
  const readable: typeof visible = [];
  for (const table of visible) {
    if (Number(whole!.grants) > 0 || granted.has(table.name)) {
      readable.push(table);
      continue;
    }
    // A privilege held through a role is not listed under the user's name: try the table.
    try {
      await query(`SELECT 1 FROM ${quoteName(database)}.${quoteName(table.name)} LIMIT 0`);
      readable.push(table);
    } catch (error: any) {
      if (!DENIED.has(error?.code)) throw error;
    }
  }
  const keys = (await query(
    "SELECT TABLE_NAME AS name, COLUMN_NAME AS col FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY TABLE_NAME, ORDINAL_POSITION",
    [database],
  )) as Array<{ name: string; col: string }>;
  return readable.map((table) => ({
    name: table.name,
    table: table.name,
    kind: table.type === "VIEW" ? "view" : "table",
    primary_key: keys.filter((key) => key.name === table.name).map((key) => key.col),
  }));
}

async function columnsOf(query: Query, database: string, table: string): Promise<Column[]> {
  const rows = (await query("SELECT COLUMN_NAME AS name, DATA_TYPE AS type FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION", [
    database,
    table,
  ])) as Array<{ name: string; type: string }>;
  return rows.map((row) => ({ name: row.name, binary: BINARY_TYPES.has(String(row.type).toLowerCase()) }));
}

/** A refusal of the read itself (the connection worked), in the words of execute. */
function readFailure(error: any, entity: string | undefined, config: MysqlConfig): ExecuteError {
  const what = entity ? `the read of "${entity}"` : "the list of tables";
  const code = String(error?.code ?? "");
  if (code === "ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION") {
    return new ExecuteError("source_failed", `The server stopped ${what}: it would have written, and execute only reads.`, { reason: "permission_denied" });
  }
  if (DENIED.has(code) || code === "ER_SPECIFIC_ACCESS_DENIED_ERROR") {
    return new ExecuteError("source_failed", `User "${config.username}" may not read this: ${error.message}`, { reason: "permission_denied", fields: ["/username"] });
  }
  if (code === "PROTOCOL_SEQUENCE_TIMEOUT" || code === "ER_STATEMENT_TIMEOUT" || code === "ER_QUERY_TIMEOUT" || /max_statement_time|maximum statement execution time/i.test(String(error?.message))) {
    return new ExecuteError("source_failed", `The server stopped ${what}: it ran past the time limit.`, { reason: "timeout" });
  }
  return new ExecuteError("source_failed", `The server refused ${what}: ${String(error?.message ?? error)}`, { reason: "unknown" });
}

async function readOnly<T>(config: MysqlConfig, context: ReadContext, entity: string | undefined, work: (query: Query, execute: Query) => Promise<T>): Promise<T> {
  refuseTunnel(config as Record<string, unknown>);
  const deadline = Date.now() + context.timeoutMs;
  let connection: Connection;
  try {
    connection = await connectMysql(config, {
      timeoutMs: context.timeoutMs,
      signal: context.signal,
      // Dates as the server writes them, and big numbers as text: JSON has neither.
      connection: { dateStrings: true, supportBigNumbers: true, bigNumberStrings: true },
    });
  } catch (error) {
    if (context.signal.aborted) throw context.signal.reason;
    const known = mysqlFailure(error, config, context.timeoutMs);
    throw new ExecuteError("source_failed", known?.message ?? `Could not connect to MySQL: ${String((error as Error)?.message ?? error)}`, {
      reason: known?.reason ?? "unknown",
      fields: known?.fields,
    });
  }
  const { query, execute } = queries(connection, context, deadline);
  try {
    const [server] = (await query("SELECT VERSION() AS version")) as Array<{ version: string }>;
    // The server's own limit cancels the statement where the driver's timeout only hangs up.
    if (/mariadb/i.test(server!.version)) await query("SET SESSION max_statement_time = ?", [Math.max(0.001, context.timeoutMs / 1000)]);
    else await query("SET SESSION max_execution_time = ?", [Math.max(1, Math.round(context.timeoutMs))]);
    await query("START TRANSACTION READ ONLY");
    return await work(query, execute);
  } catch (error) {
    if (error instanceof ExecuteError) throw error;
    if (context.signal.aborted) throw context.signal.reason;
    throw readFailure(error, entity, config);
  } finally {
    await connection.query("ROLLBACK").catch(() => {});
    await connection.end().catch(() => connection.destroy());
  }
}

function invalidCursor(entity: string): ExecuteError {
  return new ExecuteError("invalid_cursor", `This cursor was not made by a list of "${entity}"; pass next_cursor exactly as it came, or leave it out to start over.`);
}

function jsonValue(value: unknown): unknown {
  return Buffer.isBuffer(value) ? value.toString("base64") : value;
}

async function readPage(query: Query, execute: Query, database: string, relation: Relation, limit: number, cursor: string | null): Promise<RecordPage> {
  const entity = relation.name;
  const state = cursor ? decodeCursor(entity, cursor) : undefined;
  const columns = await columnsOf(query, database, relation.table);
  const from = `${quoteName(database)}.${quoteName(relation.table)} AS t`;
  const column = (name: string) => `t.${quoteName(name)}`;
  const keyColumns = relation.primary_key.map((name) => columns.find((candidate) => candidate.name === name) ?? { name, binary: false });
  let sql: string;
  let values: unknown[];
  let offset = 0;
  if (keyColumns.length > 0) {
    // Keyset: each key's text (hex for bytes) after the record, so the cursor round-trips exactly.
    const after = state?.k;
    if (state && (!Array.isArray(after) || after.length !== keyColumns.length || after.some((value) => typeof value !== "string"))) throw invalidCursor(entity);
    const keys = keyColumns.map((key) => column(key.name));
    const texts = keyColumns.map((key) => (key.binary ? `HEX(${column(key.name)})` : `CAST(${column(key.name)} AS CHAR)`));
    const params = keyColumns.map((key) => (key.binary ? "UNHEX(?)" : "?"));
    const where = after ? `WHERE (${keys.join(", ")}) > (${params.join(", ")})` : "";
    sql = `SELECT t.*, ${texts.join(", ")} FROM ${from} ${where} ORDER BY ${keys.join(", ")} LIMIT ?`;
    values = [...((after as string[] | undefined) ?? []), String(limit + 1)];
  } else {
    // Without a key, by position over every column: identical rows are interchangeable, so the
    // order is total where it matters, and stable while nobody writes.
    offset = state ? cursorOffset(entity, state.o) : 0;
    const order = columns.length > 0 ? `ORDER BY ${columns.map((item) => column(item.name)).join(", ")}` : "";
    sql = `SELECT t.* FROM ${from} ${order} LIMIT ? OFFSET ?`;
    values = [String(limit + 1), String(offset)];
  }
  const rows = (await execute(sql, values)) as unknown[][];
  const width = columns.length;
  const data = rows.slice(0, limit).map((row) => Object.fromEntries(columns.map((item, index) => [item.name, jsonValue(row[index])])));
  if (rows.length <= limit) return { data, next_cursor: null };
  const last = rows[limit - 1]!;
  const next = keyColumns.length > 0 ? { k: last.slice(width).map((value) => String(value)) } : { o: offset + limit };
  return { data, next_cursor: encodeCursor(entity, next) };
}

/** "orders" or "<database>.orders" → the readable relation, or entity_not_found. */
function resolve(readable: Relation[], database: string, entity: string, config: MysqlConfig): Relation {
  const prefix = `${database}.`;
  const table = entity.startsWith(prefix) && !readable.some((candidate) => candidate.name === entity) ? entity.slice(prefix.length) : entity;
  const relation = readable.find((candidate) => candidate.name === table);
  if (!relation) {
    throw new ExecuteError(
      "entity_not_found",
      `No table or view "${entity}" that user "${config.username}" may read in database "${database}"; entities are "table" or "${database}.table": ${namesList(readable)}.`,
    );
  }
  return relation;
}

export const mysqlReader: EntityReader = {
  entitiesNeedConnection: true,

  async entities(_definition: Definition, rawConfig, context) {
    const config = rawConfig as MysqlConfig;
    const found = await readOnly(config, context, undefined, (query) => relations(query, config.database ?? ""));
    return found.map(({ name, kind, primary_key }) => ({ name, kind, primary_key }));
  },

  async list(_definition: Definition, rawConfig, entity, { limit, cursor, ...context }) {
    const config = rawConfig as MysqlConfig;
    const database = config.database ?? "";
    return readOnly(config, context, entity, async (query, execute) => {
      const relation = resolve(await relations(query, database), database, entity, config);
      return readPage(query, execute, database, relation, limit, cursor);
    });
  },
};
