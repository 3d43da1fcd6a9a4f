// The MySQL reader against the machine's MariaDB: a database of its own, a user with SELECT on
// some of its tables, and proof that nothing can be written through execute.
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { services } from "../testing/service-gate.ts";
import { builtinDefinitions } from "../builtins/index.ts";
import { entitiesOf, listRecords, MAX_LIMIT } from "./dispatcher.ts";
import type { RecordPage } from "./types.ts";

const source = builtinDefinitions().find((definition) => definition.name === "source-mysql")!;
const available = await services.mysql();
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const database = `exec_${suffix}`;
const user = `exec_r_${suffix}`;
const hosts = ["%", "localhost", "127.0.0.1"];
const odd = "Odd `name`. x";

async function readAll(config: Record<string, unknown>, entity: string, limit: number): Promise<{ rows: Array<Record<string, unknown>>; pages: number }> {
  const rows: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: RecordPage = await listRecords(source, config, entity, { limit, cursor });
    expect(page.data.length).toBeLessThanOrEqual(limit);
    rows.push(...page.data);
    cursor = page.next_cursor;
    pages++;
  } while (cursor && pages < 100);
  return { rows, pages };
}

describe.skipIf(!available)("MySQL tables through execute", () => {
  let root: mysql.Connection;
  const password = `canary-${Math.random().toString(36).slice(2)}`;
  const config = { host: "127.0.0.1", port: 3306, database, username: user, password, ssl_mode: { mode: "disabled" }, replication_method: { method: "STANDARD" } };

  beforeAll(async () => {
    root = await mysql.createConnection({ host: "127.0.0.1", port: 3306, user: "root", multipleStatements: false });
    const db = mysql.escapeId(database);
    await root.query(`CREATE DATABASE ${db}`);
    await root.query(`CREATE TABLE ${db}.items (id int PRIMARY KEY, name varchar(50), created_at datetime, amount decimal(10,2), big bigint)`);
    for (let id = 1; id <= 25; id++) {
      await root.query(`INSERT INTO ${db}.items VALUES (?, ?, ?, ?, ?)`, [id, `item ${id}`, `2024-01-01 ${String(id % 24).padStart(2, "0")}:00:00`, id * 1.5, "9007199254740993"]);
    }
    await root.query(`CREATE TABLE ${db}.pairs (a int, b varchar(5), PRIMARY KEY (a, b))`);
    await root.query(`INSERT INTO ${db}.pairs VALUES (1, 'b'), (1, 'a'), (2, 'z'), (1, 'c'), (3, 'a'), (2, 'a'), (3, 'b')`);
    await root.query(`CREATE TABLE ${db}.nokey (v int, note varchar(20))`);
    await root.query(`INSERT INTO ${db}.nokey VALUES (1, 'row 1'), (2, 'row 2'), (1, 'row 3'), (0, 'row 4'), (2, 'row 5'), (1, 'row 1'), (3, 'row 7')`);
    await root.query(`CREATE TABLE ${db}.bytes (id varbinary(16) PRIMARY KEY, label varchar(10))`);
    await root.query(`INSERT INTO ${db}.bytes VALUES (UNHEX('00FF'), 'low'), (UNHEX('7F00'), 'mid'), (UNHEX('FF00'), 'high')`);
    await root.query(`CREATE TABLE ${db}.big (id int PRIMARY KEY)`);
    await root.query(`INSERT INTO ${db}.big (id) VALUES ?`, [Array.from({ length: MAX_LIMIT + 200 }, (_, index) => [index + 1])]);
    await root.query(`CREATE TABLE ${db}.${mysql.escapeId(odd, true)} (id int PRIMARY KEY, label varchar(20))`);
    await root.query(`INSERT INTO ${db}.${mysql.escapeId(odd, true)} VALUES (1, 'quoted fine')`);
    await root.query(`CREATE TABLE ${db}.closed (id int PRIMARY KEY)`);
    await root.query(`CREATE TABLE ${db}.audit (n int)`);
    // A view whose read writes, through a function running with its definer's (root's) rights.
    await root.query(`CREATE FUNCTION ${db}.writes() RETURNS int MODIFIES SQL DATA SQL SECURITY DEFINER BEGIN INSERT INTO ${db}.audit VALUES (1); RETURN 1; END`);
    await root.query(`CREATE VIEW ${db}.sneaky AS SELECT ${db}.writes() AS w`);
    await root.query(`CREATE VIEW ${db}.slow AS SELECT SLEEP(5) AS s`);
    for (const host of hosts) {
      const account = `${mysql.escape(user)}@${mysql.escape(host)}`;
      await root.query(`CREATE USER ${account} IDENTIFIED BY ${mysql.escape(password)}`);
      for (const table of ["items", "pairs", "nokey", "bytes", "big", odd, "sneaky", "slow"]) await root.query(`GRANT SELECT ON ${db}.${mysql.escapeId(table, true)} TO ${account}`);
      // Visible in the catalog (any privilege shows a table) but not readable.
      await root.query(`GRANT INSERT ON ${db}.closed TO ${account}`);
      await root.query(`GRANT EXECUTE ON FUNCTION ${db}.writes TO ${account}`);
    }
  });

  afterAll(async () => {
    if (!root) return;
    for (const host of hosts) await root.query(`DROP USER IF EXISTS ${mysql.escape(user)}@${mysql.escape(host)}`);
    await root.query(`DROP DATABASE IF EXISTS ${mysql.escapeId(database)}`);
    await root.end();
  });

  it("lists the tables and views the user may SELECT, with their primary keys", async () => {
    const entities = await entitiesOf(source, config);
    expect(entities.map((entity) => entity.name).sort()).toEqual(["Odd `name`. x", "big", "bytes", "items", "nokey", "pairs", "slow", "sneaky"].sort());
    expect(entities.find((entity) => entity.name === "pairs")).toEqual({ name: "pairs", kind: "table", primary_key: ["a", "b"] });
    expect(entities.find((entity) => entity.name === "sneaky")).toMatchObject({ kind: "view", primary_key: [] });
  });

  it("pages through a table by its key, as `table` or `database.table`, the cursor continuing where it stopped", async () => {
    const { rows, pages } = await readAll(config, "items", 10);
    expect(pages).toBe(3);
    expect(rows.map((row) => row.id)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
    // Dates as the server writes them, decimals and big integers as exact text.
    expect(rows[0]).toEqual({ id: 1, name: "item 1", created_at: "2024-01-01 01:00:00", amount: "1.50", big: "9007199254740993" });
    const qualified = await listRecords(source, config, `${database}.items`, { limit: 10 });
    const second = await listRecords(source, config, "items", { limit: 10, cursor: qualified.next_cursor });
    expect(second.data[0]!.id).toBe(11);
    expect(await listRecords(source, config, "items", { limit: 10, cursor: qualified.next_cursor })).toEqual(second);
  });

  it("keyset over a composite key and a binary key, an offset without a key, and a quoted name", async () => {
    expect((await readAll(config, "pairs", 2)).rows.map((row) => `${row.a}${row.b}`)).toEqual(["1a", "1b", "1c", "2a", "2z", "3a", "3b"]);
    const bytes = await readAll(config, "bytes", 1);
    expect(bytes.rows.map((row) => row.label)).toEqual(["low", "mid", "high"]);
    expect(bytes.rows[0]!.id).toBe(Buffer.from([0x00, 0xff]).toString("base64"));
    const nokey = await readAll(config, "nokey", 3);
    expect(nokey.pages).toBe(3);
    expect(nokey.rows.map((row) => row.note)).toEqual(["row 4", "row 1", "row 1", "row 3", "row 2", "row 5", "row 7"]);
    expect((await listRecords(source, config, odd)).data).toEqual([{ id: 1, label: "quoted fine" }]);
  });

  it("caps the limit at MAX_LIMIT and says there is more", async () => {
    const page = await listRecords(source, config, "big", { limit: 50_000 });
    expect(page.data).toHaveLength(MAX_LIMIT);
    const rest = await listRecords(source, config, "big", { limit: 50_000, cursor: page.next_cursor });
    expect(rest.data.map((row) => row.id)).toEqual(Array.from({ length: 200 }, (_, index) => MAX_LIMIT + index + 1));
    expect(rest.next_cursor).toBeNull();
  });

  it("cannot write: a read that would write is stopped by the READ ONLY transaction, and nothing is written", async () => {
    const error = await listRecords(source, config, "sneaky").catch((caught) => caught);
    expect(error).toMatchObject({ code: "source_failed", reason: "permission_denied" });
    expect(error.message).toMatch(/only reads/);
    const injected = await listRecords(source, config, "items; DROP TABLE items").catch((caught) => caught);
    expect(injected.code).toBe("entity_not_found");
    const [audit] = await root.query(`SELECT COUNT(*) AS n FROM ${mysql.escapeId(database)}.audit`);
    expect(Number((audit as Array<{ n: number }>)[0]!.n)).toBe(0);
    const [items] = await root.query(`SELECT COUNT(*) AS n FROM ${mysql.escapeId(database)}.items`);
    expect(Number((items as Array<{ n: number }>)[0]!.n)).toBe(25);
  });

  it("an unknown table, one the user may not read, or another database's is entity_not_found", async () => {
    for (const entity of ["missing", "closed", "test.items", `${database}.closed`]) {
      const error = await listRecords(source, config, entity).catch((caught) => caught);
      expect(error.code).toBe("entity_not_found");
      expect(error.message).toContain('"items"');
    }
  });

  it("stops a slow read at the deadline; a wrong password is auth_failed without the password", async () => {
    const started = Date.now();
    const slow = await listRecords(source, config, "slow", { timeoutMs: 400 }).catch((caught) => caught);
    expect(slow).toMatchObject({ code: "source_failed", reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(3000);
    const wrong = `canary-${Math.random().toString(36).slice(2)}`;
    const refused = await listRecords(source, { ...config, password: wrong }, "items").catch((caught) => caught);
    expect(refused).toMatchObject({ code: "source_failed", reason: "auth_failed" });
    expect(refused.message).not.toContain(wrong);
  });
});
