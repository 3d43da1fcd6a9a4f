// Real MySQL checks against the machine's MariaDB.
import net from "node:net";
import mysql from "mysql2/promise";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { services } from "../../server/testing/service-gate.ts";
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
    expect(result).toMatchObject({ status: "failed", reason: "auth_failed" });
    expect(result.fields?.[0]).toBe("/password");
    expect(JSON.stringify(result)).not.toContain(wrong);
    expect(JSON.stringify(result)).not.toContain(password);
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
