// Crash: the real server process is SIGKILLed at random moments while scripted setup sessions
// run against it, and restarted, on lowdb and on Postgres. A person whose request got no answer
// sends it again (an answer counts as given once the server acknowledged it); a session whose
// check a crash cut short is tested again, as a person would press Test. Every session must end
// completed, with every answer it was given kept: the saved connector holds the values, its name
// and the password (decrypted from the secret store after the last stop).
import { randomBytes } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { buildDeps } from "../bootstrap.ts";
import { loadConfig } from "../config.ts";
import { services } from "../testing/service-gate.ts";
import { startServerProcess, type ServerProcess } from "../testing/server-process.ts";
import { counts, report } from "./counts.ts";

const DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";
const postgresUp = await services.postgres();
const IN_FLIGHT = 10;
const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
}, 120_000);

type Step =
  | { kind: "message"; text: string; path: string; value: unknown }
  | { kind: "name"; name: string }
  | { kind: "secret"; value: string };

function script(index: number, label: string, namePosition: number): Step[] {
  const steps: Step[] = [
    { kind: "message", text: `host ${index % 2 ? "localhost" : "127.0.0.1"}`, path: "host", value: index % 2 ? "localhost" : "127.0.0.1" },
    { kind: "message", text: "port 5432", path: "port", value: 5432 },
    { kind: "message", text: "database test", path: "database", value: "test" },
    { kind: "message", text: "username postgres", path: "username", value: "postgres" },
  ];
  steps.splice(namePosition % (steps.length + 1), 0, { kind: "name", name: `crash-${label}-${index}` });
  steps.push({ kind: "secret", value: `pw-${label}-${index}-${randomBytes(4).toString("hex")}` });
  return steps;
}

async function runCrashSuite(label: string, env: Record<string, string>) {
  const server = await startServerProcess({ name: label, env });
  cleanups.push(() => server.stop());
  const apiToken = env.ONRAMP_API_TOKEN!;
  let restarting: Promise<void> | undefined;
  const up = async () => {
    // Requests wait while the killer restarts the process.
    while (restarting) await restarting;
  };
  let sent = 0;
  const request = async (method: string, url: string, token: string, body?: unknown): Promise<{ status: number; body: any } | undefined> => {
    await up();
    sent++;
    try {
      const response = await fetch(`${server.baseUrl}${url}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null };
    } catch {
      // Killed mid-request: no answer, so nothing was given. The person will send it again.
      await new Promise((resolve) => setTimeout(resolve, 50));
      return undefined;
    }
  };

  const positions = fc.sample(fc.nat(), { seed: counts.seed, numRuns: counts.crashSessions });
  const sessions: Array<{ index: number; id?: string; token?: string; steps: Step[]; given: Step[]; retries: number; tests: number; status?: string; problems: string[] }> = positions.map((position, index) => ({
    index,
    steps: script(index, label, position),
    given: [],
    retries: 0,
    tests: 0,
    problems: [],
  }));

  const drive = async (session: (typeof sessions)[number]) => {
    while (!session.id) {
      const created = await request("POST", "/api/v1/setup-sessions", apiToken, { workspace_name: "default", connector_type: "source-postgres" });
      if (created?.status === 201) {
        session.id = created.body.session_id;
        session.token = created.body.session_token;
      } else if (created) session.problems.push(`create: ${created.status} ${JSON.stringify(created.body).slice(0, 200)}`);
      else session.retries++;
    }
    const base = `/api/v1/setup-sessions/${session.id}`;
    for (const step of session.steps) {
      for (let attempt = 0; attempt < 30; attempt++) {
        const answer =
          step.kind === "message"
            ? await request("POST", `${base}/messages`, session.token!, { text: step.text })
            : step.kind === "name"
              ? await request("PATCH", `${base}/form`, session.token!, { base_version: 0, name: step.name })
              : await request("POST", `${base}/secrets`, session.token!, { path: "/password", value: step.value });
        if (!answer) {
          session.retries++;
          continue;
        }
        if (answer.status === 200) session.given.push(step);
        else if (attempt > 0 && (await request("GET", base, session.token!))?.body?.status === "completed") {
          // The first try was applied before the kill cut its answer, and it finished the session:
          // the resend is refused as late, and the answer is checked in the saved connector below.
          session.given.push(step);
        } else session.problems.push(`${step.kind}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        break;
      }
    }
    // A crash during the check or the save leaves the session active with every answer in
    // place: the person presses Test again until it completes.
    for (let attempt = 0; attempt < 30; attempt++) {
      const snapshot = await request("GET", base, session.token!);
      if (!snapshot) continue;
      session.status = snapshot.body.status;
      if (session.status !== "active") break;
      session.tests++;
      const pressed = await request("POST", `${base}/test`, session.token!);
      // Kept for the failure message: what a Test press answered when a session would not finish.
      if (attempt === 29 && pressed) {
        const events = (pressed.body?.events ?? []) as Array<{ type: string; text?: string; message?: string; result?: unknown }>;
        session.problems.push(`last Test press: ${pressed.status} ${JSON.stringify(events.map((event) => [event.type, event.text ?? event.message ?? event.result ?? ""])).slice(0, 600)} pending=${JSON.stringify(snapshot.body.pending?.path ?? null)} secrets=${JSON.stringify(snapshot.body.form?.secrets ?? {})}`);
      }
    }
  };

  // Kill points are counted in requests sent, so every kill lands while sessions run (a clock
  // would let a fast store finish first): after the Nth request, plus a few milliseconds, so the
  // kill finds requests in flight, at any step of any session.
  let kills = 0;
  let running = true;
  const totalRequests = counts.crashSessions * 7;
  const points = fc
    .sample(fc.tuple(fc.integer({ min: 1, max: Math.max(1, totalRequests - 10) }), fc.integer({ min: 0, max: 40 })), { seed: counts.seed + 7, numRuns: counts.crashKills })
    .sort((left, right) => left[0] - right[0]);
  const killer = (async () => {
    for (const [point, delay] of points) {
      while (running && sent < point) await new Promise((resolve) => setTimeout(resolve, 2));
      await new Promise((resolve) => setTimeout(resolve, delay));
      if (!running) break;
      let done!: () => void;
      restarting = new Promise<void>((resolve) => (done = resolve));
      try {
        await server.kill();
        kills++;
        await server.restart();
      } finally {
        restarting = undefined;
        done();
      }
    }
  })();
  let nextSession = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (nextSession < sessions.length) await drive(sessions[nextSession++]!);
    }),
  );
  running = false;
  await killer;
  await server.stop();

  // Read back what the last run left, in this process, with the same configuration.
  const deps = await buildDeps(loadConfig({ ...env, ONRAMP_LOG_LEVEL: "silent" }));
  const lost: string[] = [];
  let kept = 0;
  let given = 0;
  try {
    for (const session of sessions) {
      given += session.given.length;
      const record = await deps.store.getSession(session.id!);
      if (!record) {
        lost.push(`session ${session.index}: gone`);
        continue;
      }
      if (record.status !== "completed") lost.push(`session ${session.index}: ${record.status}, not completed (${session.problems.join("; ")})`);
      const connector = record.connectorId ? await deps.store.getConnector(record.connectorId) : undefined;
      if (!connector) {
        lost.push(`session ${session.index}: no saved connector`);
        continue;
      }
      for (const step of session.given) {
        let ok = false;
        if (step.kind === "message") ok = connector.configuration[step.path] === step.value;
        if (step.kind === "name") ok = connector.name === step.name;
        if (step.kind === "secret") ok = (await deps.secrets.get(connector.secretRefs["/password"] ?? "")) === step.value;
        if (ok) kept++;
        else lost.push(`session ${session.index}: ${JSON.stringify(step)} not kept`);
      }
      if (session.given.length !== session.steps.length) lost.push(`session ${session.index}: only ${session.given.length} of ${session.steps.length} answers acknowledged (${session.problems.join("; ")})`);
    }
  } finally {
    await deps.close();
  }
  const completed = sessions.filter((session) => session.status === "completed").length;
  return {
    lost,
    figures: {
      store: label,
      sessions: sessions.length,
      kills,
      seed: counts.seed,
      completed,
      answers_given: given,
      answers_kept: kept,
      resent_after_crash: sessions.reduce((sum, session) => sum + session.retries, 0),
      test_presses: sessions.reduce((sum, session) => sum + session.tests, 0),
      lost: lost.length,
    },
  };
}

describe("crash: SIGKILL at random points of scripted sessions", () => {
  it("lowdb: every session finishes with every answer it was given", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-crash-lowdb-"));
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const { lost, figures } = await runCrashSuite("lowdb", {
      ONRAMP_DATA_DIR: dataDir,
      ONRAMP_API_TOKEN: `onr_test_${randomBytes(16).toString("hex")}`,
      ONRAMP_SECRET_KEY: randomBytes(32).toString("base64"),
    });
    // Temp files a kill left are removed at the next start once they are stale; count what is left.
    let leftovers = 0;
    for (const folder of await readdir(dataDir, { withFileTypes: true })) {
      if (folder.isDirectory()) leftovers += (await readdir(path.join(dataDir, folder.name))).filter((name) => name.endsWith(".tmp")).length;
    }
    report("crash lowdb", { ...figures, temp_files_left: leftovers });
    expect(lost.slice(0, 20)).toEqual([]);
  });

  it.skipIf(!postgresUp)("Postgres: every session finishes with every answer it was given", async () => {
    const schema = `onramp_crash_${randomBytes(5).toString("hex")}`;
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-crash-pg-"));
    cleanups.push(async () => {
      await rm(dataDir, { recursive: true, force: true });
      const client = new pg.Client({ connectionString: DATABASE_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.query(`DROP SCHEMA IF EXISTS "${schema}_langgraph" CASCADE`);
      await client.end();
    });
    const { lost, figures } = await runCrashSuite("postgres", {
      DATABASE_URL,
      ONRAMP_DATABASE_SCHEMA: schema,
      ONRAMP_DATA_DIR: dataDir,
      ONRAMP_API_TOKEN: `onr_test_${randomBytes(16).toString("hex")}`,
      ONRAMP_SECRET_KEY: randomBytes(32).toString("base64"),
    });
    report("crash postgres", figures);
    expect(lost.slice(0, 20)).toEqual([]);
  });
});
