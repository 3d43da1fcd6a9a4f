// Test helper: a throwaway Postgres cluster with scram-sha-256 password auth, on a free port in
// a temp dir, so a wrong password really fails (the machine's server trusts everyone).
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chmod, chown, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export function postgresBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((version) => path.join(root, version, "bin")).find((dir) => existsSync(path.join(dir, "initdb")));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ScramCluster {
  port: number;
  adminUser: string;
  adminPassword: string;
  /** Runs SQL as the admin through psql-free means: the caller uses `pg` with these credentials. */
  stop(): Promise<void>;
}

/** initdb refuses to run as root; run its tools as the `postgres` system user then. */
function asClusterUser(binary: string, args: string[]): [string, string[]] {
  if (process.getuid?.() === 0) return ["runuser", ["-u", "postgres", "--", binary, ...args]];
  return [binary, args];
}

export async function startScramCluster(): Promise<ScramCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("no initdb under /usr/lib/postgresql");
  const dir = await mkdtemp(path.join(os.tmpdir(), "onramp-pg-"));
  const data = path.join(dir, "data");
  const adminUser = "onramp_admin";
  const adminPassword = `admin-${Math.random().toString(36).slice(2)}`;
  const passwordFile = path.join(dir, "pw");
  await writeFile(passwordFile, adminPassword + "\n");
  if (process.getuid?.() === 0) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: group } = await run("id", ["-g", "postgres"]);
    await chown(dir, Number(stdout.trim()), Number(group.trim()));
    await chown(passwordFile, Number(stdout.trim()), Number(group.trim()));
  }
  await chmod(dir, 0o700);
  const [initdb, initArgs] = asClusterUser(path.join(bin, "initdb"), [
    "-D",
    data,
    "-U",
    adminUser,
    "--auth=scram-sha-256",
    `--pwfile=${passwordFile}`,
    "--no-sync",
    "-E",
    "UTF8",
  ]);
  await run(initdb, initArgs);
  const port = await freePort();
  const [pgCtl, startArgs] = asClusterUser(path.join(bin, "pg_ctl"), [
    "-D",
    data,
    "-l",
    path.join(dir, "log"),
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
    "-w",
    "-t",
    "60",
    "start",
  ]);
  await run(pgCtl, startArgs);
  return {
    port,
    adminUser,
    adminPassword,
    async stop() {
      const [stopCommand, stopArgs] = asClusterUser(path.join(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      await run(stopCommand, stopArgs).catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
