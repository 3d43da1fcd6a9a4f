// The whole management API over the Postgres store (DATABASE_URL), with a schema of its own.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { services } from "./testing/service-gate.ts";
import { startTestApp, type TestApp } from "./testing/test-app.ts";

const ok = await services.postgres();
const databaseUrl = "postgres://postgres@127.0.0.1:5432/test";

describe.skipIf(!ok)("management API on Postgres", () => {
  const schema = `onramp_app_${randomBytes(6).toString("hex")}`;
  const secretKey = randomBytes(32).toString("base64");
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { DATABASE_URL: databaseUrl, ONRAMP_DATABASE_SCHEMA: schema, ONRAMP_SECRET_KEY: secretKey } });
  });
  afterAll(async () => {
    await t?.close();
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    // The agent's LangGraph tables live beside it (server/bootstrap.ts checkpointSchema).
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_langgraph" CASCADE`);
    await client.end();
  });

  it("stores connectors with encrypted secrets, visible to a second replica, and deletes them", async () => {
    const canary = `canary-${randomBytes(8).toString("hex")}`;
    const created = await t.call("POST", "/api/v1/integrations/connectors", {
      workspace_name: "default",
      connector_type: "postgres",
      configuration: { host: "127.0.0.1", port: 5432, database: "test", username: "postgres", password: canary },
    });
    expect(created.status).toBe(201);

    const replica = await startTestApp({ env: { DATABASE_URL: databaseUrl, ONRAMP_DATABASE_SCHEMA: schema, ONRAMP_SECRET_KEY: secretKey }, token: t.token });
    const seen = await replica.call("GET", `/api/v1/integrations/connectors/${created.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.configuration.password).toBe("**********");
    const record = (await replica.deps.store.getConnector(created.body.id))!;
    expect(await replica.deps.secrets.get(record.secretRefs["/password"]!)).toBe(canary);
    await replica.close();

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const tables = await client.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1`, [schema]);
    let dump = "";
    for (const { table_name } of tables.rows) dump += JSON.stringify((await client.query(`SELECT * FROM "${schema}"."${table_name}"`)).rows);
    await client.end();
    expect(dump).toContain(created.body.id);
    expect(dump).not.toContain(canary);

    const deleted = await t.call("DELETE", `/api/v1/integrations/connectors/${created.body.id}`);
    expect(deleted.status).toBe(202);
    await t.jobs.idle();
    expect((await t.call("GET", `/api/v1/jobs/${deleted.body.job_id}`)).body.status).toBe("succeeded");
    expect(await t.deps.secrets.get(record.secretRefs["/password"]!)).toBeUndefined();
  });
});
