// The real server (`server/main.ts`) as a child process, for tests that kill it, restart it or
// run several behind a load balancer. Ready means it logged "listening on"; its output is kept
// so a failed start shows why. Test-only.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface ServerProcess {
  readonly name: string;
  /** http://127.0.0.1:<port> of this process (the port stays the same across restarts). */
  baseUrl: string;
  port: number;
  pid(): number | undefined;
  output(): string;
  /** SIGKILL: no shutdown hook runs, writes in flight are cut. */
  kill(): Promise<void>;
  /** Starts it again on the same port with the same environment. */
  restart(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

export interface ServerProcessOptions {
  name?: string;
  env: Record<string, string | undefined>;
  /** Fixed port; 0 (default) takes a free one on first start and keeps it on restarts. */
  port?: number;
  /** Node flags before the entry (e.g. --expose-gc). */
  nodeArgs?: string[];
  /** How long a start may take (tsx transpiles the server on each cold start). */
  startTimeoutMs?: number;
}

export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  let child: ChildProcess | undefined;
  let output = "";
  let port = options.port ?? 0;
  const startTimeoutMs = options.startTimeoutMs ?? 180_000;

  const launch = () =>
    new Promise<void>((resolve, reject) => {
      output = "";
      const started = spawn(process.execPath, [...(options.nodeArgs ?? []), "--import", "tsx", "server/main.ts"], {
        cwd: root,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, HOST: "127.0.0.1", ONRAMP_LOG_LEVEL: "info", ...options.env, PORT: String(port) },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child = started;
      const timer = setTimeout(() => {
        // A start that never came must not outlive the test as an orphan process.
        started.off("exit", exited);
        started.kill("SIGKILL");
        reject(new Error(`${options.name ?? "server"} did not start within ${startTimeoutMs} ms:\n${output.slice(-4000)}`));
      }, startTimeoutMs);
      const seen = () => {
        const listening = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
        if (!listening) return;
        clearTimeout(timer);
        started.off("exit", exited);
        port = Number(listening[1]);
        resolve();
      };
      const exited = (code: number | null) => {
        clearTimeout(timer);
        reject(new Error(`${options.name ?? "server"} exited with ${code} while starting:\n${output.slice(-4000)}`));
      };
      const keep = (chunk: Buffer) => {
        output += chunk.toString();
        // Keep the tail only: a long run logs a lot.
        if (output.length > 200_000) output = output.slice(-100_000);
        seen();
      };
      started.stdout!.on("data", keep);
      started.stderr!.on("data", keep);
      started.once("exit", exited);
    });

  const waitExit = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return resolve();
      current.once("exit", () => resolve());
      current.kill(signal);
    });

  await launch();
  const handle: ServerProcess = {
    name: options.name ?? "server",
    get baseUrl() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    pid: () => child?.pid,
    output: () => output,
    kill: () => waitExit("SIGKILL"),
    async restart() {
      await waitExit("SIGKILL");
      await launch();
    },
    stop: () => waitExit("SIGTERM"),
  };
  return handle;
}
