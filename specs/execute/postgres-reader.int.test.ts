// The Postgres reader against the machine's server: a schema of its own, a user who may only
// read some of it, and proof that nothing can be written through execute.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { services } from "../testing/service-gate.ts";
import { builtinDefinitions } from "../builtins/index.ts";
import { freePort } from "../testing/scram-postgres.ts";
import { entitiesOf, listRecords, MAX_LIMIT } from "./dispatcher.ts";
import type { RecordPage } from "./types.ts";

const source = builtinDefinitions().find((definition) => definition.name === "source-postgres")!;
const available = await services.postgres();
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
const schema = `exec_${suffix}`;
const role = `exec_reader_${suffix}`;
const odd = 'Odd "name". x';

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

describe.skipIf(!available)("Postgres tables through execute", () => {
  let admin: pg.Client;
  const config = { host: "127.0.0.1", port: 5432, database: "test", username: role, password: "unused-with-trust", schemas: [schema], ssl_mode: { mode: "disable" } };

  beforeAll(async () => {
    admin = new pg.Client({ host: "127.0.0.1", port: 5432, database: "test", user: "postgres" });
    await admin.connect();
    const id = (name: string) => pg.escapeIdentifier(name);
    await admin.query(`CREATE SCHEMA ${id(schema)}`);
    await admin.query(`CREATE ROLE ${id(role)} LOGIN`);
    await admin.query(`SET search_path TO ${id(schema)}`);
    await admin.query(`CREATE TABLE items (id int PRIMARY KEY, name text, created_at timestamp, payload jsonb)`);
    await admin.query(`INSERT INTO items SELECT g, 'item ' || g, timestamp '2024-01-01 00:00:00' + g * interval '1 hour', jsonb_build_object('n', g) FROM generate_series(1, 25) g`);
    await admin.query(`CREATE TABLE pairs (a int, b text, PRIMARY KEY (a, b))`);
    await admin.query(`INSERT INTO pairs VALUES (1, 'b'), (1, 'a'), (2, 'z'), (1, 'c'), (3, 'a'), (2, 'a'), (3, 'b')`);
    await admin.query(`CREATE TABLE nokey (v int, note text)`);
    await admin.query(`INSERT INTO nokey SELECT g % 4, 'row ' || g FROM generate_series(1, 9) g`);
    await admin.query(`CREATE TABLE big (id bigint PRIMARY KEY)`);
    await admin.query(`INSERT INTO big SELECT g FROM generate_series(1, ${MAX_LIMIT + 200}) g`);
    await admin.query(`CREATE TABLE ${id(odd)} (id int PRIMARY KEY, label text)`);
    await admin.query(`INSERT INTO ${id(odd)} VALUES (1, 'quoted fine')`);
    await admin.query(`CREATE TABLE closed (id int PRIMARY KEY)`);
    await admin.query(`CREATE TABLE audit (n int)`);
    // A view whose read writes, through a function running with its owner's (a superuser's) rights.
    await admin.query(`CREATE FUNCTION writes() RETURNS int LANGUAGE sql VOLATILE SECURITY DEFINER AS $$ INSERT INTO ${id(schema)}.audit VALUES (1) RETURNING 1 $$`);
    await admin.query(`CREATE VIEW sneaky AS SELECT writes() AS w`);
    await admin.query(`CREATE VIEW slow AS SELECT pg_sleep(5)::text AS s`);
    await admin.query(`GRANT USAGE ON SCHEMA ${id(schema)} TO ${id(role)}`);
    await admin.query(`GRANT SELECT ON items, pairs, nokey, big, ${id(odd)}, sneaky, slow TO ${id(role)}`);
    await admin.query(`GRANT EXECUTE ON FUNCTION writes() TO ${id(role)}`);
    await admin.query(`RESET search_path`);
  });

  afterAll(async () => {
    if (!admin) return;
    await admin.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
    await admin.query(`DROP OWNED BY ${pg.escapeIdentifier(role)}`).catch(() => {});
    await admin.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(role)}`);
    await admin.end();
  });

  it("lists the tables and views the user may SELECT, as schema.table, with their primary keys", async () => {
    const entities = await entitiesOf(source, config);
    // Ordered as the catalog's names sort (byte order: capitals first).
    expect(entities.map((entity) => entity.name)).toEqual([`${schema}.${odd}`, `${schema}.big`, `${schema}.items`, `${schema}.nokey`, `${schema}.pairs`, `${schema}.slow`, `${schema}.sneaky`]);
    expect(entities.find((entity) => entity.name === `${schema}.pairs`)).toEqual({ name: `${schema}.pairs`, kind: "table", primary_key: ["a", "b"] });
    expect(entities.find((entity) => entity.name === `${schema}.sneaky`)).toMatchObject({ kind: "view", primary_key: [] });
  });

  it("pages through a table by its key: every row once, in order, the cursor continuing where it stopped", async () => {
    const { rows, pages } = await readAll(config, `${schema}.items`, 10);
    expect(pages).toBe(3);
    expect(rows.map((row) => row.id)).toEqual(Array.from({ length: 25 }, (_, index) => index + 1));
    // Values as Postgres writes them (no time zone shift), jsonb as JSON.
    expect(rows[0]).toEqual({ id: 1, name: "item 1", created_at: "2024-01-01 01:00:00", payload: { n: 1 } });
    const first = await listRecords(source, config, `${schema}.items`, { limit: 10 });
    const second = await listRecords(source, config, `${schema}.items`, { limit: 10, cursor: first.next_cursor });
    expect(second.data[0]!.id).toBe(11);
    // A cursor is a position, not a one-time token.
    expect(await listRecords(source, config, `${schema}.items`, { limit: 10, cursor: first.next_cursor })).toEqual(second);
  });

  it("keyset over a composite key, an offset without a key, and a quoted name", async () => {
    const pairs = await readAll(config, `${schema}.pairs`, 2);
    expect(pairs.rows.map((row) => `${row.a}${row.b}`)).toEqual(["1a", "1b", "1c", "2a", "2z", "3a", "3b"]);
    const nokey = await readAll(config, `${schema}.nokey`, 4);
    expect(nokey.pages).toBe(3);
    expect(nokey.rows.map((row) => row.note).sort()).toEqual(Array.from({ length: 9 }, (_, index) => `row ${index + 1}`).sort());
    expect((await listRecords(source, config, `${schema}.${odd}`)).data).toEqual([{ id: 1, label: "quoted fine" }]);
  });

  it("caps the limit at MAX_LIMIT and says there is more", async () => {
    const page = await listRecords(source, config, `${schema}.big`, { limit: 50_000 });
    expect(page.data).toHaveLength(MAX_LIMIT);
    expect(page.data.at(-1)).toEqual({ id: String(MAX_LIMIT) });
    const rest = await listRecords(source, config, `${schema}.big`, { limit: 50_000, cursor: page.next_cursor });
    expect(rest.data).toHaveLength(200);
    expect(rest.next_cursor).toBeNull();
  });

  it("cannot write: a read that would write is stopped by the READ ONLY transaction, and nothing is written", async () => {
    const error = await listRecords(source, config, `${schema}.sneaky`).catch((caught) => caught);
    expect(error).toMatchObject({ code: "source_failed", reason: "permission_denied" });
    expect(error.message).toMatch(/only reads/);
    const injected = await listRecords(source, config, `${schema}.items; DROP TABLE ${schema}.items`).catch((caught) => caught);
    expect(injected.code).toBe("entity_not_found");
    const forged = Buffer.from(JSON.stringify({ e: `${schema}.items`, k: ["1) OR (1=1"] })).toString("base64url");
    expect((await listRecords(source, config, `${schema}.items`, { cursor: forged }).catch((caught) => caught)).code).toBe("invalid_cursor");
    const audit = await admin.query(`SELECT count(*)::int AS n FROM ${pg.escapeIdentifier(schema)}.audit`);
    expect(audit.rows[0].n).toBe(0);
    const items = await admin.query(`SELECT count(*)::int AS n FROM ${pg.escapeIdentifier(schema)}.items`);
    expect(items.rows[0].n).toBe(25);
  });

  it("an unknown table, or one the user may not read, is entity_not_found naming what there is", async () => {
    for (const entity of [`${schema}.missing`, `${schema}.closed`, "items", `public.items`]) {
      const error = await listRecords(source, config, entity).catch((caught) => caught);
      expect(error.code).toBe("entity_not_found");
      expect(error.message).toContain(`"${schema}.items"`);
    }
  });

  it("stops a slow read at the deadline, and a server that is not there is unreachable", async () => {
    const started = Date.now();
    const slow = await listRecords(source, config, `${schema}.slow`, { timeoutMs: 400 }).catch((caught) => caught);
    expect(slow).toMatchObject({ code: "source_failed", reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(3000);
    const port = await freePort();
    const gone = await listRecords(source, { ...config, host: "127.0.0.2", port }, `${schema}.items`).catch((caught) => caught);
    expect(gone).toMatchObject({ code: "source_failed", reason: "unreachable", fields: ["/host", "/port"] });
  });
});
