// Throwaway database logins with a random password on the machine's PostgreSQL and MariaDB, so a
// conversation can be tested against a real server with a canary secret.
import { randomBytes } from "node:crypto";
import pg from "pg";
import mysql from "mysql2/promise";

export interface TestLogin {
  user: string;
  password: string;
  drop(): Promise<void>;
}

export function canary(prefix = "canary"): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}

export async function postgresLogin(): Promise<TestLogin> {
  const user = `onramp_t_${randomBytes(4).toString("hex")}`;
  const password = canary("pgpw");
  const admin = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: "test" });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${user} LOGIN PASSWORD '${password}'`);
  } finally {
    await admin.end();
  }
  return {
    user,
    password,
    async drop() {
      const client = new pg.Client({ host: "127.0.0.1", port: 5432, user: "postgres", database: "test" });
      await client.connect();
      try {
        await client.query(`DROP ROLE IF EXISTS ${user}`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function mysqlLogin(): Promise<TestLogin> {
  const user = `onramp_t_${randomBytes(4).toString("hex")}`;
  const password = canary("mypw");
  const admin = await mysql.createConnection({ host: "127.0.0.1", port: 3306, user: "root", database: "test" });
  try {
    for (const host of ["%", "localhost", "127.0.0.1"]) {
      await admin.query(`CREATE USER '${user}'@'${host}' IDENTIFIED BY '${password}'`);
      await admin.query(`GRANT SELECT ON test.* TO '${user}'@'${host}'`);
    }
  } finally {
    await admin.end();
  }
  return {
    user,
    password,
    async drop() {
      const connection = await mysql.createConnection({ host: "127.0.0.1", port: 3306, user: "root" });
      try {
        for (const host of ["%", "localhost", "127.0.0.1"]) await connection.query(`DROP USER IF EXISTS '${user}'@'${host}'`);
      } finally {
        await connection.end();
      }
    },
  };
}
