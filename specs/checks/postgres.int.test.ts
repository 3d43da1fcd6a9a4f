// Real Postgres checks: the machine's server (trust auth) and a cluster started here with
// scram-sha-256, so that a wrong password is really refused.
import net from "node:net";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeFile, serviceGate, services } from "../testing/service-gate.ts";
import { builtinDefinitions } from "../builtins/index.ts";
import { runCheck } from "./run-check.ts";
import { freePort, postgresBinDir, startScramCluster, type ScramCluster } from "../testing/scram-postgres.ts";

const source = builtinDefinitions().find((definition) => definition.name === "source-postgres")!;
const destination = builtinDefinitions().find((definition) => definition.name === "destination-postgres")!;
const machinePostgres = await services.postgres();
const initdbPresent = await serviceGate("initdb (PostgreSQL server binaries)", probeFile(path.join(postgresBinDir() ?? "/nonexistent", "initdb")));
const canary = () => `canary-${Math.random().toString(36).slice(2)}-${Date.now()}`;

describe.skipIf(!machinePostgres)("Postgres check against the machine's server", () => {
  const base = { host: "127.0.0.1", port: 5432, database: "test", username: "postgres", ssl_mode: { mode: "disable" } };

  it("succeeds with a working config, as source and as destination", async () => {
    expect(await runCheck(source, base)).toMatchObject({ status: "succeeded" });
    expect(await runCheck(destination, { ...base, schema: "public" })).toMatchObject({ status: "succeeded" });
  });

  it("unknown database → not_found [/database]", async () => {
    const result = await runCheck(source, { ...base, database: `nope_${Date.now()}` });
    expect(result).toMatchObject({ status: "failed", reason: "not_found", fields: ["/database"] });
  });

  it("unknown schema → not_found [/schemas]", async () => {
    const result = await runCheck(source, { ...base, schemas: ["public", "no_such_schema_x"] });
    expect(result).toMatchObject({ status: "failed", reason: "not_found", fields: ["/schemas"] });
    expect(result.message).toContain("no_such_schema_x");
  });

  it("closed port on a host where nothing answers → unreachable [/host, /port]", async () => {
    // 127.0.0.2 is loopback too, but no server here binds it: the usual port is closed as well.
    const port = await freePort();
    const result = await runCheck(source, { ...base, host: "127.0.0.2", port });
    expect(result).toMatchObject({ status: "failed", reason: "unreachable", fields: ["/host", "/port"] });
  });

  it("closed port on a host whose usual Postgres port answers → unreachable [/port] only", async () => {
    const port = await freePort();
    const result = await runCheck(source, { ...base, port });
    expect(result).toMatchObject({ status: "failed", reason: "unreachable", fields: ["/port"] });
    expect(result.message).toContain(`port ${port}`);
    expect(result.message).toContain("port 5432, the usual Postgres port");
  });

  it("unresolvable host → dns [/host]", async () => {
    const result = await runCheck(source, { ...base, host: "nonexistent.invalid" });
    expect(result).toMatchObject({ status: "failed", reason: "dns", fields: ["/host"] });
  });

  it("a socket that accepts and never answers → timeout, within the bound", async () => {
    const sockets: net.Socket[] = [];
    const silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    try {
      const started = Date.now();
      const result = await runCheck(source, { ...base, port }, { timeoutMs: 700 });
      expect(result).toMatchObject({ status: "failed", reason: "timeout", fields: ["/host", "/port"] });
      expect(result.message).toContain(`Postgres server at 127.0.0.1:${port}`);
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      sockets.forEach((socket) => socket.destroy());
      silent.close();
    }
  });

  it("an invalid config is refused before any connection", async () => {
    const result = await runCheck(source, { ...base, port: "five" });
    expect(result).toMatchObject({ status: "failed", reason: "invalid_config" });
    expect(result.fields).toContain("/port");
  });
});

describe.skipIf(!initdbPresent)("Postgres check against a scram-sha-256 cluster", () => {
  let cluster: ScramCluster;
  const readerPassword = canary();
  beforeAll(async () => {
    cluster = await startScramCluster();
    const admin = new pg.Client({ host: "127.0.0.1", port: cluster.port, user: cluster.adminUser, password: cluster.adminPassword, database: "postgres" });
    await admin.connect();
    await admin.query("CREATE DATABASE shop");
    await admin.end();
    const shop = new pg.Client({ host: "127.0.0.1", port: cluster.port, user: cluster.adminUser, password: cluster.adminPassword, database: "shop" });
    await shop.connect();
    await shop.query(`CREATE ROLE reader LOGIN PASSWORD '${readerPassword}'`);
    await shop.query("CREATE SCHEMA sales; CREATE TABLE sales.orders (id int); CREATE TABLE public.open_items (id int)");
    await shop.query("GRANT SELECT ON public.open_items TO reader");
    await shop.end();
  });
  afterAll(async () => {
    await cluster?.stop();
  });
  const config = (overrides: Record<string, unknown> = {}) => ({
    host: "127.0.0.1",
    port: cluster.port,
    database: "shop",
    username: "reader",
    password: readerPassword,
    ssl_mode: { mode: "prefer" },
    ...overrides,
  });

  it("the right password succeeds and names what it reached", async () => {
    const result = await runCheck(source, config());
    expect(result.status).toBe("succeeded");
    expect(result.message).toContain("shop");
  });

  it("a wrong password → auth_failed [/password], the password never in the message", async () => {
    const wrong = canary();
    const result = await runCheck(source, config({ password: wrong }));
    expect(result).toMatchObject({ status: "failed", reason: "auth_failed", fields: ["/password"] });
    expect(JSON.stringify(result)).not.toContain(wrong);
    expect(JSON.stringify(result)).not.toContain(readerPassword);
  });

  it("an unknown database → not_found [/database]", async () => {
    const result = await runCheck(source, config({ database: "nowhere" }));
    expect(result).toMatchObject({ status: "failed", reason: "not_found", fields: ["/database"] });
  });

  it("a schema the user may not read → permission_denied", async () => {
    const result = await runCheck(source, config({ schemas: ["sales"] }));
    expect(result).toMatchObject({ status: "failed", reason: "permission_denied" });
    expect(result.fields).toEqual(["/username", "/schemas"]);
  });

  it("a destination schema the user may not write → permission_denied", async () => {
    const result = await runCheck(destination, config({ schema: "sales" }));
    expect(result).toMatchObject({ status: "failed", reason: "permission_denied", fields: ["/username", "/schema"] });
  });

  it("require on a server without TLS → tls [/ssl_mode]", async () => {
    const result = await runCheck(source, config({ ssl_mode: { mode: "require" } }));
    expect(result).toMatchObject({ status: "failed", reason: "tls", fields: ["/ssl_mode"] });
  });
});
