// Real MySQL checks against the machine's MariaDB.
import net from "node:net";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { services } from "../testing/service-gate.ts";
import { builtinDefinitions } from "../builtins/index.ts";
import { runCheck } from "./run-check.ts";
import { freePort } from "../testing/scram-postgres.ts";

const source = builtinDefinitions().find((definition) => definition.name === "source-mysql")!;
const available = await services.mysql();

describe.skipIf(!available)("MySQL check against the machine's MariaDB", () => {
  const user = `onramp_chk_${process.pid}_${Date.now() % 100000}`;
  const password = `canary-${Math.random().toString(36).slice(2)}`;
  let root: mysql.Connection;
  beforeAll(async () => {
    root = await mysql.createConnection({ host: "127.0.0.1", port: 3306, user: "root", database: "test" });
    for (const host of ["%", "localhost", "127.0.0.1"]) {
      await root.query(`CREATE USER '${user}'@'${host}' IDENTIFIED BY '${password}'`);
      await root.query(`GRANT SELECT ON test.* TO '${user}'@'${host}'`);
    }
  });
  afterAll(async () => {
    for (const host of ["%", "localhost", "127.0.0.1"]) await root?.query(`DROP USER IF EXISTS '${user}'@'${host}'`);
    await root?.end();
  });
  const config = (overrides: Record<string, unknown> = {}) => ({
    host: "127.0.0.1",
    port: 3306,
    database: "test",
    username: user,
    password,
    replication_method: { method: "STANDARD" },
    ...overrides,
  });

  it("succeeds with the right password", async () => {
    const result = await runCheck(source, config());
    expect(result.status).toBe("succeeded");
    expect(result.message).toContain("test");
  });

  it("a wrong password → auth_failed with /password first; no secret in the message", async () => {
    const wrong = `canary-${Math.random().toString(36).slice(2)}`;
    const result = await runCheck(source, config({ password: wrong }));
    // A wrong password and an unknown user look the same to MySQL: both fields, password first.
    expect(result).toMatchObject({ status: "failed", reason: "auth_failed", fields: ["/password", "/username"] });
    expect(JSON.stringify(result)).not.toContain(wrong);
    expect(JSON.stringify(result)).not.toContain(password);
  });

  describe("read rights on a scratch database", () => {
    const scratch = `onramp_scratch_${process.pid}_${Date.now() % 100000}`;
    const users: string[] = [];
    const scratchUser = async (suffix: string, grants: string[]) => {
      const name = `${user.slice(0, 20)}_${suffix}`;
      users.push(name);
      for (const host of ["%", "localhost", "127.0.0.1"]) {
        await root.query(`CREATE USER '${name}'@'${host}' IDENTIFIED BY '${password}'`);
        for (const grant of grants) await root.query(`GRANT ${grant} TO '${name}'@'${host}'`);
      }
      return config({ username: name, database: scratch });
    };
    beforeAll(async () => {
      await root.query(`CREATE DATABASE \`${scratch}\``);
      await root.query(`CREATE TABLE \`${scratch}\`.orders (id int)`);
      await root.query(`CREATE TABLE \`${scratch}\`.secrets (id int)`);
      await root.query(`CREATE DATABASE \`${scratch}_empty\``);
    });
    afterAll(async () => {
      for (const name of users) for (const host of ["%", "localhost", "127.0.0.1"]) await root?.query(`DROP USER IF EXISTS '${name}'@'${host}'`);
      await root?.query(`DROP DATABASE IF EXISTS \`${scratch}\``);
      await root?.query(`DROP DATABASE IF EXISTS \`${scratch}_empty\``);
    });
    const denied = { status: "failed", reason: "permission_denied", fields: ["/username", "/database"] };

    it("no privilege at all on the database → permission_denied [/username, /database]", async () => {
      expect(await runCheck(source, await scratchUser("none", []))).toMatchObject(denied);
    });

    it("INSERT only: the tables are listed but none can be read → permission_denied", async () => {
      const result = await runCheck(source, await scratchUser("ins", [`INSERT ON \`${scratch}\`.*`]));
      expect(result).toMatchObject(denied);
      expect(result.message).toMatch(/may not read/);
    });

    it("INSERT only on an empty database → permission_denied, not \"0 tables visible\"", async () => {
      const result = await runCheck(source, { ...(await scratchUser("insempty", [`INSERT ON \`${scratch}_empty\`.*`])), database: `${scratch}_empty` });
      expect(result).toMatchObject(denied);
    });

    it("SELECT on one table, or on an empty database → succeeded", async () => {
      const oneTable = await runCheck(source, await scratchUser("sel1", [`SELECT ON \`${scratch}\`.orders`]));
      expect(oneTable).toMatchObject({ status: "succeeded" });
      expect(oneTable.message).toContain("1 table visible");
      const empty = await runCheck(source, { ...(await scratchUser("selempty", [`SELECT ON \`${scratch}_empty\`.*`])), database: `${scratch}_empty` });
      expect(empty).toMatchObject({ status: "succeeded" });
    });

    it("SELECT held through a default role (not listed under the user's name) → succeeded", async () => {
      const role = `${user.slice(0, 20)}_reader`;
      await root.query(`CREATE ROLE IF NOT EXISTS ${role}`);
      try {
        await root.query(`GRANT SELECT ON \`${scratch}\`.* TO ${role}`);
        const viaRole = await scratchUser("role", [role]);
        for (const host of ["%", "localhost", "127.0.0.1"]) await root.query(`SET DEFAULT ROLE ${role} FOR '${viaRole.username}'@'${host}'`);
        expect(await runCheck(source, viaRole)).toMatchObject({ status: "succeeded" });
      } finally {
        await root.query(`DROP ROLE IF EXISTS ${role}`);
      }
    });
  });

  it("an unknown database → not_found [/database] (or permission_denied when the user may not even see it)", async () => {
    const asRoot = await runCheck(source, config({ username: "root", password: undefined, database: `nope_${Date.now()}` }));
    expect(asRoot).toMatchObject({ status: "failed", reason: "not_found", fields: ["/database"] });
    const asUser = await runCheck(source, config({ database: `nope_${Date.now()}` }));
    expect(asUser.status).toBe("failed");
    expect(["not_found", "permission_denied"]).toContain(asUser.reason);
    expect(asUser.fields).toContain("/database");
  });

  it("closed port on a host where nothing answers → unreachable [/host, /port]", async () => {
    const result = await runCheck(source, config({ host: "127.0.0.2", port: await freePort() }));
    expect(result).toMatchObject({ status: "failed", reason: "unreachable", fields: ["/host", "/port"] });
  });

  it("closed port on a host whose usual MySQL port answers → unreachable [/port] only", async () => {
    const result = await runCheck(source, config({ port: await freePort() }));
    expect(result).toMatchObject({ status: "failed", reason: "unreachable", fields: ["/port"] });
    expect(result.message).toContain("port 3306, the usual MySQL port");
  });

  it("a socket that accepts and never answers → timeout", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const result = await runCheck(source, config({ port: (silent.address() as net.AddressInfo).port }), { timeoutMs: 600 });
      expect(result).toMatchObject({ status: "failed", reason: "timeout", fields: ["/host", "/port"] });
      expect(result.message).toContain(`MySQL server at 127.0.0.1:${(silent.address() as net.AddressInfo).port}`);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      silent.close();
    }
  });

  it("unresolvable host → dns [/host]", async () => {
    const result = await runCheck(source, config({ host: "nonexistent.invalid" }));
    expect(result).toMatchObject({ status: "failed", reason: "dns", fields: ["/host"] });
  });
});
