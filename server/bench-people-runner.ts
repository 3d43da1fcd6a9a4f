// What the turn benches share: the simulated people (bench-people.mjs, in a child process so the
// server's CPU time is its own), sessions created in batches, percentiles, their arguments.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createSession, type CreatedSessionBody } from "./sessions/testing/session-client.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

/** `--name value` from the command line. */
export function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

export async function createSessions(baseUrl: string, apiToken: string, count: number): Promise<CreatedSessionBody[]> {
  const sessions: CreatedSessionBody[] = [];
  for (let index = 0; index < count; index += 25) {
    const batch = Math.min(25, count - index);
    sessions.push(
      ...(await Promise.all(Array.from({ length: batch }, () => createSession(baseUrl, apiToken, { connector_type: "source-postgres" })))),
    );
  }
  return sessions;
}

/**
 * What each simulated person says, in turn: a question about the pending field is a full turn
 * that leaves the form as it was; an answer writes the form (a patch, its validation, a broadcast).
 */
export const BENCH_MESSAGES = ["what is this?", "host db-1.internal", "what does that mean?", "host db-2.internal"];

export interface PeopleSettings {
  baseUrl: string;
  wsUrl: string;
  sessions: CreatedSessionBody[];
  turns: number;
  thinkMs: number;
  transport: "ws" | "rest";
}

/** Runs the people in a child process; `onReady` fires once every socket is open. */
export function runPeople(people: PeopleSettings, onReady: () => void) {
  const settings = { ...people, wsModule: createRequire(import.meta.url).resolve("ws"), messages: BENCH_MESSAGES };
  return new Promise<{ roundTrips: number[]; failures: number; writes: number }>((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(here, "bench-people.mjs")], { stdio: ["pipe", "pipe", "pipe"] });
    let output = "";
    let errors = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => {
      errors += chunk;
      if (String(chunk).includes("ready")) onReady();
    });
    child.once("error", reject);
    child.once("close", (code) => {
      if (code !== 0) return reject(new Error(`bench people exited ${code}: ${errors}`));
      resolve(JSON.parse(output));
    });
    child.stdin.end(JSON.stringify(settings));
  });
}

