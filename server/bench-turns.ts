// Server-side turn latency of setup sessions with the offline model, over real ws sockets to a
// server on 127.0.0.1: 1, 100 and 500 concurrent sessions. The server runs on this thread and
// times every dispatch; the simulated people run on a worker thread so their sockets do not
// share the server's event loop. Goal: p99 ≤ 10 ms at 500 sessions. "writes" counts the turns
// whose answer the agent wrote into the form (a form.patch by "agent"), so a bench whose answers
// stopped being understood shows it.
//   npx tsx server/bench-turns.ts [--think-ms 1000] [--turns 6]
import { Worker } from "node:worker_threads";
import { createRequire } from "node:module";
import { rm } from "node:fs/promises";
import { startTestServer } from "./sessions/testing/test-server.ts";
import { createSession, type CreatedSessionBody } from "./sessions/testing/session-client.ts";
import { scriptedAgent } from "./sessions/testing/toy-session.ts";

interface Scenario {
  sessions: number;
  turns: number;
  /** "scripted": a trivial agent, to show what the session layer and transport cost alone. */
  agent: "offline" | "scripted";
}

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
  return Number.isFinite(value) ? value : fallback;
}

const THINK_MS = argument("think-ms", 1000);
const TURNS = argument("turns", 6);
const SCENARIOS: Scenario[] = [
  { sessions: 1, turns: Math.max(TURNS, 30), agent: "offline" },
  { sessions: 100, turns: TURNS, agent: "offline" },
  { sessions: 500, turns: TURNS, agent: "offline" },
  { sessions: 500, turns: TURNS, agent: "scripted" },
];
// Questions alternate with answers. A question about the pending field is a full turn
// (understand, explain, ask again) that leaves the form as it was; an answer writes the form (a
// patch, its validation, a broadcast) by setting the host to the other of two values, so every
// answer changes something and every turn of every session costs about the same.
const MESSAGES = ["what is this?", "host db-1.internal", "what does that mean?", "host db-2.internal"];

function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

// The people: plain JS on a worker thread, each session sends a message after a think time and
// waits for the turn's question (field.ask or secret.request) before thinking again.
const PEOPLE = `
const { parentPort, workerData } = require("node:worker_threads");
const WebSocket = require(workerData.wsModule);
const { wsUrl, sessions, turns, thinkMs, messages } = workerData;
const roundTrips = [];
let failures = 0;
let writes = 0;
function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }
function open(session) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(wsUrl + "/api/v1/setup-sessions/" + session.session_id + "/ws?token=" + encodeURIComponent(session.session_token));
    let waiting = null;
    socket.on("message", (data) => {
      const event = JSON.parse(data.toString());
      if (event.type === "session.snapshot") return resolve({ socket, turn });
      if (waiting && event.type === "form.patch" && event.by === "agent") writes++;
      if (waiting && (event.type === "field.ask" || event.type === "secret.request")) { const done = waiting; waiting = null; done(); }
    });
    socket.once("error", reject);
    function turn(text) {
      return new Promise((done) => {
        const timer = setTimeout(() => { failures++; waiting = null; done(); }, 10000);
        waiting = () => { clearTimeout(timer); done(); };
        socket.send(JSON.stringify({ type: "user.message", text }));
      });
    }
  });
}
(async () => {
  const people = [];
  for (let index = 0; index < sessions.length; index += 50) {
    people.push(...(await Promise.all(sessions.slice(index, index + 50).map(open))));
  }
  await Promise.all(people.map(async (person, index) => {
    await sleep(Math.random() * thinkMs);
    for (let turn = 0; turn < turns; turn++) {
      const started = performance.now();
      await person.turn(messages[(index + turn) % messages.length]);
      roundTrips.push(performance.now() - started);
      await sleep(thinkMs * (0.5 + Math.random()));
    }
  }));
  for (const person of people) person.socket.close();
  parentPort.postMessage({ roundTrips, failures, writes });
})().catch((error) => { parentPort.postMessage({ error: String(error) }); });
`;

async function runScenario(scenario: Scenario) {
  const timings: number[] = [];
  let timing = false;
  let inFlight = 0;
  const server = await startTestServer({
    logLevel: "warn",
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
    const sessions: CreatedSessionBody[] = [];
    for (let index = 0; index < scenario.sessions; index += 25) {
      const batch = Math.min(25, scenario.sessions - index);
      sessions.push(
        ...(await Promise.all(
          Array.from({ length: batch }, () => createSession(server.baseUrl, server.apiToken, { connector_type: "source-postgres" })),
        )),
      );
    }
    timing = true;
    const started = performance.now();
    const result = await new Promise<{ roundTrips: number[]; failures: number; writes: number; error?: string }>((resolve, reject) => {
      const worker = new Worker(PEOPLE, {
        eval: true,
        workerData: {
          wsModule: createRequire(import.meta.url).resolve("ws"),
          wsUrl: server.wsUrl,
          sessions,
          turns: scenario.turns,
          thinkMs: THINK_MS,
          messages: MESSAGES,
        },
      });
      worker.once("message", resolve);
      worker.once("error", reject);
    });
    // A person sees the question before the action has saved its record: let the saves finish.
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    timing = false;
    if (result.error) throw new Error(result.error);
    const seconds = (performance.now() - started) / 1000;
    const server_ = [...timings].sort((a, b) => a - b);
    const client = [...result.roundTrips].sort((a, b) => a - b);
    return {
      agent: scenario.agent,
      sessions: scenario.sessions,
      turns: server_.length,
      turnsPerSecond: server_.length / seconds,
      p50: percentile(server_, 0.5),
      p99: percentile(server_, 0.99),
      max: server_.at(-1) ?? NaN,
      clientP50: percentile(client, 0.5),
      clientP99: percentile(client, 0.99),
      failures: result.failures,
      writes: result.writes,
    };
  } finally {
    await server.close();
    await rm(server.dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
}

const format = (value: number) => value.toFixed(2).padStart(8);
console.log(`Setup-session turn latency, offline model, ws on 127.0.0.1, think time ~${THINK_MS} ms`);
console.log("agent     sessions   turns  writes  turns/s  server p50  server p99  server max  client p50  client p99  timeouts");
let goalMet = true;
for (const scenario of SCENARIOS) {
  const row = await runScenario(scenario);
  console.log(
    `${row.agent.padEnd(9)} ${String(row.sessions).padStart(8)} ${String(row.turns).padStart(7)} ${String(row.writes).padStart(7)} ${row.turnsPerSecond.toFixed(0).padStart(8)}  ${format(row.p50)}ms  ${format(row.p99)}ms  ${format(row.max)}ms  ${format(row.clientP50)}ms  ${format(row.clientP99)}ms  ${String(row.failures).padStart(8)}`,
  );
  if (row.sessions === 500 && row.agent === "offline") goalMet = row.p99 <= 10 && row.failures === 0;
}
console.log(`goal p99 <= 10 ms at 500 sessions: ${goalMet ? "met" : "NOT met"}`);
