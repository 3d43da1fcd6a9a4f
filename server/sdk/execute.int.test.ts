// The SDK's execute over real HTTP against a server on 127.0.0.1, reading real Postgres and
// MariaDB tables made for this test: connect(slug).execute(...), the several-connectors error,
// { connectorId }, getConnector(id).execute, and the password resolved only inside the server.
import pg from "pg";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleRecords } from "../../specs/index.ts";
import { services } from "../testing/service-gate.ts";
import { startTestServer, type TestServer } from "../sessions/testing/test-server.ts";
import { Onramp, OnrampError, type ExecutableConnector, type Workspace } from "./index.ts";

const postgresUp = await services.postgres();
const mysqlUp = await services.mysql();
const suffix = `${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

/** Every record of an entity, page by page, as an SDK user would read them. */
async function readAll(connector: ExecutableConnector, entity: string, limit: number): Promise<{ rows: Array<Record<string, unknown>>; pages: number }> {
  const rows: Array<Record<string, unknown>> = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { data: Array<Record<string, unknown>>; next_cursor: string | null } = await connector.execute(entity, "list", { limit, cursor });
    rows.push(...page.data);
    cursor = page.next_cursor;
    pages++;
  } while (cursor && pages < 50);
  return { rows, pages };
}

describe("SDK execute over HTTP", () => {
  let server: TestServer;
  let ws: Workspace;
  const responses: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ logLevel: "warn" });
    // The SDK's own transport over the global fetch, keeping every answer for the leak check.
    const onramp = Onramp({
      baseUrl: server.baseUrl,
      token: server.apiToken,
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        responses.push(await response.clone().text());
        return response;
      },
    });
    await onramp.createWorkspace(`exec-sdk-${suffix}`);
    ws = onramp.workspace(`exec-sdk-${suffix}`);
  });
  afterAll(() => server?.close());

  it("getConnector(id) and connect(slug) execute Sample Data, keeping the connector's fields", async () => {
    const created = await ws.createConnector({ connectorType: "sample-data", configuration: { dataset: "ecommerce", record_count: 9, seed: 5 } });
    const connector = await ws.getConnector(created.id);
    expect(connector).toMatchObject({ id: created.id, name: created.name, executable: true });
    expect(connector.entities!.map((entity) => entity.name)).toEqual(["customers", "products", "orders"]);
    // The methods stay out of the data: JSON shows the connector as the API sent it.
    expect(Object.keys(connector)).not.toContain("execute");
    expect(JSON.parse(JSON.stringify(connector))).toEqual(JSON.parse(JSON.stringify(created)));

    const { rows, pages } = await readAll(connector, "orders", 4);
    expect(pages).toBe(3);
    expect(rows).toEqual(sampleRecords({ dataset: "ecommerce", record_count: 9, seed: 5 }, "orders"));
    const viaSlug = await ws.connect("sample-data");
    expect(viaSlug.id).toBe(created.id);
    expect((await viaSlug.execute("customers", "list", { limit: 2 })).data.map((record) => record.id)).toEqual([1, 2]);

    const unknown = await viaSlug.execute("invoices", "list").catch((caught) => caught);
    expect(unknown).toBeInstanceOf(OnrampError);
    expect(unknown).toMatchObject({ status: 404, code: "entity_not_found" });
    const action = await viaSlug.execute("orders", "delete").catch((caught) => caught);
    expect(action).toMatchObject({ status: 422, code: "action_not_supported" });
    expect(action.message).toContain("list");
  });

  describe.skipIf(!postgresUp)("a Postgres table", () => {
    const schema = `exec_sdk_${suffix}`;
    const role = `exec_sdk_r_${suffix}`;
    let admin: pg.Client;
    beforeAll(async () => {
      admin = new pg.Client({ host: "127.0.0.1", port: 5432, database: "test", user: "postgres" });
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${pg.escapeIdentifier(schema)}`);
      await admin.query(`CREATE ROLE ${pg.escapeIdentifier(role)} LOGIN`);
      await admin.query(`CREATE TABLE ${pg.escapeIdentifier(schema)}.people (id serial PRIMARY KEY, name text)`);
      await admin.query(`INSERT INTO ${pg.escapeIdentifier(schema)}.people (name) SELECT 'person ' || g FROM generate_series(1, 11) g`);
      await admin.query(`GRANT USAGE ON SCHEMA ${pg.escapeIdentifier(schema)} TO ${pg.escapeIdentifier(role)}`);
      await admin.query(`GRANT SELECT ON ${pg.escapeIdentifier(schema)}.people TO ${pg.escapeIdentifier(role)}`);
    });
    afterAll(async () => {
      if (!admin) return;
      await admin.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(schema)} CASCADE`);
      await admin.query(`DROP ROLE IF EXISTS ${pg.escapeIdentifier(role)}`);
      await admin.end();
    });

    it("connect('postgres').execute pages through it; several connectors need { connectorId }", async () => {
      const configuration = { host: "127.0.0.1", port: 5432, database: "test", username: role, password: "trust-ignores-it", schemas: [schema], ssl_mode: { mode: "disable" } };
      const first = await ws.createConnector({ connectorType: "postgres", name: "Reader one", configuration });
      const postgres = await ws.connect("postgres");
      expect(postgres.id).toBe(first.id);
      // A database's tables are listed live, not with the connector.
      expect(postgres.entities).toBeNull();
      expect(await postgres.listEntities()).toEqual([{ name: `${schema}.people`, kind: "table", primary_key: ["id"], actions: ["list"] }]);
      const { rows, pages } = await readAll(postgres, `${schema}.people`, 5);
      expect(pages).toBe(3);
      expect(rows.map((row) => row.name)).toEqual(Array.from({ length: 11 }, (_, index) => `person ${index + 1}`));

      const second = await ws.createConnector({ connectorType: "source-postgres", name: "Reader two", configuration });
      const several = await ws.connect("postgres").catch((caught) => caught);
      expect(several).toBeInstanceOf(OnrampError);
      expect(several.code).toBe("connector_ambiguous");
      expect(several.message).toContain(first.id);
      expect(several.message).toContain(second.id);
      const chosen = await ws.connect("postgres", { connectorId: second.id });
      expect(chosen.id).toBe(second.id);
      expect((await chosen.execute(`${schema}.people`, "list", { limit: 1 })).data).toEqual([{ id: 1, name: "person 1" }]);
    });
  });

  describe.skipIf(!mysqlUp)("a MariaDB table", () => {
    const database = `exec_sdk_${suffix}`;
    const user = `exec_sdk_${suffix}`.slice(0, 32);
    const password = `canary-${Math.random().toString(36).slice(2)}`;
    let root: mysql.Connection;
    beforeAll(async () => {
      root = await mysql.createConnection({ host: "127.0.0.1", port: 3306, user: "root" });
      await root.query(`CREATE DATABASE ${mysql.escapeId(database)}`);
      await root.query(`CREATE TABLE ${mysql.escapeId(database)}.notes (id int PRIMARY KEY, body varchar(20))`);
      await root.query(`INSERT INTO ${mysql.escapeId(database)}.notes VALUES (1, 'one'), (2, 'two'), (3, 'three')`);
      for (const host of ["%", "localhost", "127.0.0.1"]) {
        await root.query(`CREATE USER ${mysql.escape(user)}@${mysql.escape(host)} IDENTIFIED BY ${mysql.escape(password)}`);
        await root.query(`GRANT SELECT ON ${mysql.escapeId(database)}.* TO ${mysql.escape(user)}@${mysql.escape(host)}`);
      }
    });
    afterAll(async () => {
      if (!root) return;
      for (const host of ["%", "localhost", "127.0.0.1"]) await root.query(`DROP USER IF EXISTS ${mysql.escape(user)}@${mysql.escape(host)}`);
      await root.query(`DROP DATABASE IF EXISTS ${mysql.escapeId(database)}`);
      await root.end();
    });

    it("reads with the stored password, which no answer carries", async () => {
      const created = await ws.createConnector({
        connectorType: "mysql",
        configuration: { host: "127.0.0.1", port: 3306, database, username: user, password, replication_method: { method: "STANDARD" } },
      });
      const connector = await ws.getConnector(created.id);
      expect(connector.configuration.password).toBe("**********");
      expect((await connector.execute("notes", "list", { limit: 2 })).data).toEqual([
        { id: 1, body: "one" },
        { id: 2, body: "two" },
      ]);
      expect((await ws.connect("mysql")).id).toBe(created.id);
      expect(responses.some((text) => text.includes(password))).toBe(false);
      expect(server.logLines.some((line) => line.includes(password))).toBe(false);
    });
  });
});
