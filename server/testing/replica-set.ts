// Two (or more) real server processes on one Postgres schema and Redis, behind Debian's HAProxy on
// a free 127.0.0.1 port with a generated config: what "replicas" means in production. Requests
// are spread round-robin; a test pins one to a replica with the `x-onramp-replica: <name>` header,
// and every answer names the replica that served it (`x-onramp-replica`). Test-only.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "../../specs/testing/scram-postgres.ts";
import { startServerProcess, type ServerProcess } from "./server-process.ts";

export const HAPROXY = "/usr/sbin/haproxy";
export const DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";
export const REDIS_URL = "redis://127.0.0.1:6379";
/** Request header that pins a request to one replica; the answer carries the same header. */
export const REPLICA_HEADER = "x-onramp-replica";

export interface ReplicaSet {
  /** The load balancer's address: what clients use. */
  baseUrl: string;
  wsUrl: string;
  apiToken: string;
  schema: string;
  replicas: ServerProcess[];
  /** Headers that pin a request to a replica by name ("a", "b", ...). */
  pin(name: string): Record<string, string>;
  close(): Promise<void>;
}

export interface ReplicaSetOptions {
  count?: number;
  /** More environment for every replica (catalog folders, model settings, ...). */
  env?: Record<string, string | undefined>;
}

function haproxyConfig(port: number, replicas: ServerProcess[]): string {
  const names = replicas.map((replica) => replica.name);
  return [
    "global",
    "  maxconn 4096",
    "defaults",
    "  mode http",
    "  timeout connect 5s",
    "  timeout client 120s",
    "  timeout server 120s",
    // A WebSocket, once upgraded, is a tunnel: it lives as long as the widget stays open.
    "  timeout tunnel 1h",
    "frontend onramp",
    `  bind 127.0.0.1:${port}`,
    "  default_backend replicas",
    "backend replicas",
    "  balance roundrobin",
    "  http-response set-header x-onramp-replica %s",
    ...names.map((name) => `  use-server ${name} if { req.hdr(${REPLICA_HEADER}) -m str ${name} }`),
    ...replicas.map((replica) => `  server ${replica.name} 127.0.0.1:${replica.port}`),
    "",
  ].join("\n");
}

async function waitForHealth(url: string, process: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (process.exitCode !== null) throw new Error(`haproxy exited with ${process.exitCode}: ${output()}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`haproxy did not answer on ${url}: ${output()}`);
}

export async function startReplicaSet(options: ReplicaSetOptions = {}): Promise<ReplicaSet> {
  const count = options.count ?? 2;
  const schema = `onramp_replicas_${randomBytes(5).toString("hex")}`;
  const apiToken = `onr_test_${randomBytes(16).toString("hex")}`;
  const lbPort = await freePort();
  const baseUrl = `http://127.0.0.1:${lbPort}`;
  const dir = await mkdtemp(path.join(os.tmpdir(), "onramp-replicas-"));
  const env = {
    DATABASE_URL,
    ONRAMP_DATABASE_SCHEMA: schema,
    REDIS_URL,
    ONRAMP_SECRET_KEY: randomBytes(32).toString("base64"),
    ONRAMP_API_TOKEN: apiToken,
    // Redirect URIs and start URLs name the load balancer, never one replica.
    ONRAMP_PUBLIC_URL: baseUrl,
    // "info": the start is recognised by its "listening on" line.
    ONRAMP_LOG_LEVEL: "info",
    ...options.env,
  };
  const replicas: ServerProcess[] = [];
  let haproxy: ChildProcess | undefined;
  const close = async () => {
    if (haproxy && haproxy.exitCode === null) {
      const exited = new Promise((resolve) => haproxy!.once("exit", resolve));
      haproxy.kill("SIGTERM");
      await exited;
    }
    for (const replica of replicas) await replica.stop();
    await rm(dir, { recursive: true, force: true });
    const client = new pg.Client({ connectionString: DATABASE_URL });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.query(`DROP SCHEMA IF EXISTS "${schema}_langgraph" CASCADE`);
    await client.end();
  };
  try {
    // One after the other: the first creates the schema, so two starts never race on its DDL.
    for (let index = 0; index < count; index++) {
      const name = String.fromCharCode(97 + index);
      replicas.push(await startServerProcess({ name, env: { ...env, ONRAMP_DATA_DIR: path.join(dir, name) } }));
    }
    const configFile = path.join(dir, "haproxy.cfg");
    await writeFile(configFile, haproxyConfig(lbPort, replicas));
    let output = "";
    haproxy = spawn(HAPROXY, ["-f", configFile, "-db"], { stdio: ["ignore", "pipe", "pipe"] });
    haproxy.stdout!.on("data", (chunk) => (output += chunk));
    haproxy.stderr!.on("data", (chunk) => (output += chunk));
    await waitForHealth(baseUrl, haproxy, () => output);
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  return {
    baseUrl,
    wsUrl: baseUrl.replace(/^http/, "ws"),
    apiToken,
    schema,
    replicas,
    pin: (name) => ({ [REPLICA_HEADER]: name }),
    close,
  };
}
