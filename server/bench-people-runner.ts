// What the turn benches share: the simulated people (bench-people.mjs, in a child process so the
// server's CPU time is its own), sessions created in batches, percentiles.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createSession, type CreatedSessionBody } from "./sessions/testing/session-client.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

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

/** Runs the people in a child process; `onReady` fires once every socket is open. */
export function runPeople(settings: Record<string, unknown>, onReady: () => void) {
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

