// Turn cost and latency of setup sessions with the offline model, on the embedded store, over
// both transports (ws, and the REST twin POST .../messages) to a server on 127.0.0.1. The server
// runs in this process; the simulated people run in a child process (bench-people.mjs), so this
// process's CPU time is the server's own: "cpu ms/turn" is process.cpuUsage() over the timed part
// ÷ turns, a figure a load generator on the same machine cannot distort. Latency is given twice:
// the server's (sessions.dispatch, timed here) and the person's round trip.
//
// Loads: 1 session answering at once (the floor); 100 sessions, a message every ~1 s each; 500
// sessions, a message every ~5 s each (goal: p99 ≤ 10 ms on both transports). Questions alternate
// with answers: a question about the pending field is a full turn that leaves the form as it was;
// an answer writes the form (a patch, its validation, a broadcast). Also: the CPU of a session's
// first turn against its later ones, in-process (one turn at a time, so the delta is that turn's).
//   npx tsx server/bench-turns.ts [--only ws-500,rest-100,...] [--turns 6] [--no-record]
//     [--workers N]    agent worker threads (server/agent-pool/); 0, the default, runs on the main thread
//     [--sessions N --think MS]  one more load (scenarios ws-N-MS, rest-N-MS)
//     [--warm-up-rounds 8]  rounds of 40 warm-up turns before the timed part (0: a cold server)
//     [--profile DIR]  writes a .cpuprofile of each scenario's timed part (open it in Chrome's
//                      DevTools or summarise it; docs/PERFORMANCE.md was written from these)
import { Session as InspectorSession } from "node:inspector/promises";
import { writeFile } from "node:fs/promises";
import { rm } from "node:fs/promises";
import path from "node:path";
import { startTestServer, type TestServer } from "./sessions/testing/test-server.ts";
import { scriptedAgent } from "./sessions/testing/toy-session.ts";
import { loadNow, recordResults } from "./bench-results.ts";
import { argument, BENCH_MESSAGES, createSessions, percentile, runPeople } from "./bench-people-runner.ts";

type Transport = "ws" | "rest";

interface Scenario {
  name: string;
  transport: Transport;
  sessions: number;
  turns: number;
  thinkMs: number;
  /** "scripted": a trivial agent, to show what the session layer and transport cost alone. */
  agent: "offline" | "scripted";
  /** ONRAMP_AGENT_WORKERS for this scenario's server. */
  workers: string;
}

const TURNS = Number(argument("turns") ?? 6);
const ONLY = argument("only")?.split(",");
const RECORD = !process.argv.includes("--no-record");
const PROFILE_DIR = argument("profile");
/** Agent worker threads (ONRAMP_AGENT_WORKERS) of the scenarios that run as `npm start` does. */
const WORKERS = argument("workers") ?? "auto";
const WARM_UP_SESSIONS = 40;
const WARM_UP_ROUNDS = Number(argument("warm-up-rounds") ?? 8);

const LOADS = [
  { sessions: 1, turns: Math.max(TURNS, 30), thinkMs: 20 },
  { sessions: 100, turns: TURNS, thinkMs: 1000 },
  { sessions: 500, turns: TURNS, thinkMs: 5000 },
];
/** The same people three times as fast: more than one core's worth of turns. */
const FAST = { sessions: 500, turns: TURNS, thinkMs: 1500 };
const transports = ["ws", "rest"] as const;
const SCENARIOS: Scenario[] = [
  // As `npm start` runs: agent turns on worker threads (ONRAMP_AGENT_WORKERS, "auto" unless --workers).
  ...LOADS.flatMap((load) =>
    transports.map((transport) => ({ ...load, transport, agent: "offline" as const, workers: WORKERS, name: `${transport}-${load.sessions}` })),
  ),
  ...transports.map((transport) => ({ ...FAST, transport, agent: "offline" as const, workers: WORKERS, name: `${transport}-500-fast` })),
  // The same on the main thread alone (ONRAMP_AGENT_WORKERS=0).
  ...[LOADS[2]!, FAST].flatMap((load) =>
    transports.map((transport) => ({
      ...load,
      transport,
      agent: "offline" as const,
      workers: "0",
      name: `${transport}-500${load === FAST ? "-fast" : ""}-main`,
    })),
  ),
  { sessions: 500, turns: TURNS, thinkMs: 5000, transport: "ws" as const, agent: "scripted" as const, workers: "0", name: "scripted-ws-500" },
  // --sessions N --think MS: one more load, named ws-N-MS / rest-N-MS.
  ...(argument("sessions") && argument("think")
    ? transports.map((transport) => ({
        sessions: Number(argument("sessions")),
        thinkMs: Number(argument("think")),
        turns: TURNS,
        transport,
        agent: "offline" as const,
        workers: WORKERS,
        name: `${transport}-${argument("sessions")}-${argument("think")}`,
      }))
    : []),
].filter((scenario) => !ONLY || ONLY.includes(scenario.name));

const MESSAGES = BENCH_MESSAGES;

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/**
 * Turns before the timed part, on sessions of their own, so the figures are the server's steady
 * state: a fresh process (and each agent worker) compiles the agent's code during its first
 * hundred or so turns, with stalls of up to half a second that would otherwise sit in every p99.
 * The CPU of a session's first turns against its later ones is measured apart (firstTurnCost).
 */
async function warmUp(server: TestServer) {
  const sessions = await createSessions(server.baseUrl, server.apiToken, WARM_UP_SESSIONS);
  for (let round = 0; round < WARM_UP_ROUNDS; round++) {
    await Promise.all(
      sessions.map((session, index) =>
        server.deps.sessions.dispatch(session.session_id, { type: "user.message", text: MESSAGES[(round + index) % MESSAGES.length]! }),
      ),
    );
  }
}

async function runScenario(scenario: Scenario) {
  const timings: number[] = [];
  let timing = false;
  let inFlight = 0;
  const server = await startTestServer({
    logLevel: "warn",
    env: { ONRAMP_AGENT_WORKERS: scenario.workers },
    ...(scenario.agent === "scripted" ? { agent: scriptedAgent([]) } : {}),
    beforeApp(deps) {
      const dispatch = deps.sessions.dispatch.bind(deps.sessions);
      deps.sessions.dispatch = async (sessionId, event) => {
        const started = performance.now();
        inFlight++;
        try {
          return await dispatch(sessionId, event);
        } finally {
          inFlight--;
          if (timing) timings.push(performance.now() - started);
        }
      };
    },
  });
  try {
    const sessions = await createSessions(server.baseUrl, server.apiToken, scenario.sessions);
    await warmUp(server);
    const profiler = PROFILE_DIR ? new InspectorSession() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post("Profiler.enable");
    }
    let cpuStart = process.cpuUsage();
    let started = performance.now();
    const result = await runPeople(
      { baseUrl: server.baseUrl, wsUrl: server.wsUrl, sessions, turns: scenario.turns, thinkMs: scenario.thinkMs, transport: scenario.transport },
      () => {
        timing = true;
        void profiler?.post("Profiler.start");
        cpuStart = process.cpuUsage();
        started = performance.now();
      },
    );
    // A ws person sees the question before the action has saved its record: let the saves finish.
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    timing = false;
    const cpu = cpuMs(process.cpuUsage(cpuStart));
    if (profiler) {
      const { profile } = await profiler.post("Profiler.stop");
      await writeFile(path.join(PROFILE_DIR!, `${scenario.name}.cpuprofile`), JSON.stringify(profile));
      profiler.disconnect();
    }
    const seconds = (performance.now() - started) / 1000;
    const serverSide = [...timings].sort((a, b) => a - b);
    const client = [...result.roundTrips].sort((a, b) => a - b);
    const round = (value: number) => Math.round(value * 100) / 100;
    return {
      name: scenario.name,
      agent: scenario.agent,
      workers: server.pool?.size ?? 0,
      transport: scenario.transport,
      sessions: scenario.sessions,
      thinkMs: scenario.thinkMs,
      turns: serverSide.length,
      turnsPerSecond: round(serverSide.length / seconds),
      cpuMsPerTurn: round(cpu / Math.max(1, serverSide.length)),
      cpuPercent: round((cpu / 10 / seconds)),
      serverP50: round(percentile(serverSide, 0.5)),
      serverP99: round(percentile(serverSide, 0.99)),
      serverMax: round(serverSide.at(-1) ?? NaN),
      clientP50: round(percentile(client, 0.5)),
      clientP99: round(percentile(client, 0.99)),
      failures: result.failures,
      writes: result.writes,
      load: loadNow(),
    };
  } finally {
    await server.close();
    await rm(server.dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
}

/**
 * CPU of a session's first turn against its later ones, through the whole in-process app (REST)
 * and through dispatch (what a ws frame reaches), one turn at a time so each delta is one turn's.
 */
async function firstTurnCost(sessionCount = 60, turns = 4) {
  const server = await startTestServer({ logLevel: "warn" });
  try {
    const app = (await import("./app.ts")).createApp(server.deps);
    const sessions = await createSessions(server.baseUrl, server.apiToken, sessionCount);
    const byTurn: Record<Transport, number[][]> = { ws: [], rest: [] };
    for (const [index, session] of sessions.entries()) {
      const transport: Transport = index % 2 === 0 ? "rest" : "ws";
      for (let turn = 0; turn < turns; turn++) {
        const text = MESSAGES[turn % MESSAGES.length]!;
        const before = process.cpuUsage();
        if (transport === "rest") {
          const response = await app.request(`/api/v1/setup-sessions/${session.session_id}/messages`, {
            method: "POST",
            headers: { authorization: `Bearer ${session.session_token}`, "content-type": "application/json" },
            body: JSON.stringify({ text }),
          });
          await response.text();
        } else {
          await server.deps.sessions.dispatch(session.session_id, { type: "user.message", text });
        }
        (byTurn[transport][turn] ??= []).push(cpuMs(process.cpuUsage(before)));
      }
    }
    // The first sessions warm the JIT up: only the second half counts.
    const median = (values: number[]) => percentile([...values.slice(values.length / 2)].sort((a, b) => a - b), 0.5);
    const round = (value: number) => Math.round(value * 100) / 100;
    return Object.fromEntries(
      (["ws", "rest"] as const).map((transport) => [transport, byTurn[transport].map((values) => round(median(values)))]),
    ) as Record<Transport, number[]>;
  } finally {
    await server.close();
    await rm(server.dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
}

const format = (value: number) => value.toFixed(2).padStart(8);
console.log("Setup-session turns, offline model, embedded store, 127.0.0.1 (people in a child process)");
console.log(
  "scenario             think   turns writes turns/s cpu ms/turn  cpu %  server p50  server p99  client p50  client p99  failures  load",
);
const rows = [];
for (const scenario of SCENARIOS) {
  const row = await runScenario(scenario);
  rows.push(row);
  console.log(
    `${row.name.padEnd(19)} ${String(row.thinkMs).padStart(6)} ${String(row.turns).padStart(7)} ${String(row.writes).padStart(6)} ${row.turnsPerSecond.toFixed(0).padStart(7)} ${format(row.cpuMsPerTurn)}    ${row.cpuPercent.toFixed(0).padStart(4)}  ${format(row.serverP50)}ms  ${format(row.serverP99)}ms  ${format(row.clientP50)}ms  ${format(row.clientP99)}ms  ${String(row.failures).padStart(8)}  ${row.load[0]}`,
  );
}
let firstTurn: Record<Transport, number[]> | undefined;
if (!ONLY || ONLY.includes("first-turn")) {
  firstTurn = await firstTurnCost();
  for (const transport of ["ws", "rest"] as const) {
    console.log(`cpu ms of turn 1..${firstTurn[transport].length} of a session (${transport}, in-process, median): ${firstTurn[transport].join(" / ")}`);
  }
}
for (const row of rows.filter((row) => row.sessions === 500 && row.agent === "offline")) {
  const met = row.clientP99 <= 10 && row.failures === 0;
  console.log(`goal p99 <= 10 ms at 500 sessions (${row.transport}, round trip): ${met ? "met" : "NOT met"} (${row.clientP99} ms)`);
}
if (RECORD && !ONLY) await recordResults("turns", { scenarios: rows, firstTurnCpuMs: firstTurn });
