import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { services } from "../testing/service-gate.ts";
import { PostgresStore } from "./postgres-store.ts";
import { exerciseStore, sessionRecord } from "./store-contract.ts";
import { EncryptedSecretStore } from "../secrets/encrypted-secret-store.ts";
import { postgresSecretBackend } from "../secrets/postgres-secret-backend.ts";

const ok = await services.postgres();
const connectionString = "postgres://postgres@127.0.0.1:5432/test";

describe.skipIf(!ok)("postgres store", () => {
  const schema = `onramp_test_${randomBytes(6).toString("hex")}`;
  let store: PostgresStore;
  beforeAll(async () => {
    store = new PostgresStore({ connectionString, schema });
    await store.init();
  });
  afterAll(async () => {
    await store?.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await store?.close();
  });

  it("implements the Store contract", async () => {
    await exerciseStore(store);
  });

  it("is shared by two stores (replicas) with no stale cache, and init is idempotent", async () => {
    const replica = new PostgresStore({ connectionString, schema });
    await Promise.all([replica.init(), new PostgresStore({ connectionString, schema, pool: replica.pool }).init()]);
    await store.putSession(sessionRecord("ses_shared"));
    expect((await replica.getSession("ses_shared"))?.id).toBe("ses_shared");
    await replica.putCheckpoint("t1", ["a", 1]);
    expect(await store.getCheckpoint("t1")).toEqual(["a", 1]);
    await replica.close();
  });

  it("keeps encrypted secrets in its schema, never the value", async () => {
    const secrets = new EncryptedSecretStore({ key: randomBytes(32), backend: postgresSecretBackend(store) });
    const canary = `canary-${randomBytes(8).toString("hex")}`;
    const id = await secrets.put(canary, { workspaceId: "ws", owner: "connector:pg" });
    expect(await secrets.get(id)).toBe(canary);
    const client = new pg.Client({ connectionString });
    await client.connect();
    const dump = await client.query(`SELECT data::text AS text FROM "${schema}".secrets`);
    await client.end();
    expect(dump.rows.map((row) => row.text).join("\n")).not.toContain(canary);
    expect(await secrets.deleteByOwner("connector:pg")).toBe(1);
    expect(await secrets.get(id)).toBeUndefined();
  });
});
