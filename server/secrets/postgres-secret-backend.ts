// Encrypted secret records in the Postgres store's schema (the `secrets` table it creates), so
// every replica reads the same secrets. Only ciphertext reaches the database.
import type { PostgresStore } from "../store/postgres-store.ts";
import type { EncryptedSecret, SecretBackend } from "./secret-backend.ts";

export function postgresSecretBackend(store: PostgresStore): SecretBackend {
  const table = `${store.schema}.secrets`;
  return {
    async get(id) {
      const result = await store.pool.query(`SELECT data FROM ${table} WHERE id = $1`, [id]);
      return result.rows[0]?.data as EncryptedSecret | undefined;
    },
    async put(record) {
      await store.pool.query(
        `INSERT INTO ${table} (id, owner, data) VALUES ($1, $2, $3) ON CONFLICT (id) DO UPDATE SET owner = EXCLUDED.owner, data = EXCLUDED.data`,
        [record.id, record.owner, record],
      );
    },
    async delete(id) {
      await store.pool.query(`DELETE FROM ${table} WHERE id = $1`, [id]);
    },
    async idsByOwner(owner) {
      const result = await store.pool.query(`SELECT id FROM ${table} WHERE owner = $1`, [owner]);
      return result.rows.map((row) => row.id as string);
    },
    async close() {},
  };
}
