// Turns through two replicas: real server processes (`server/main.ts`) on Postgres + Redis behind
// Debian's HAProxy (server/testing/replica-set.ts, as the replica tests run them), with the
// offline model, at 1, 100 and 500 sessions over ws and the REST twin. The people run in a child
// process (bench-people.mjs) against the load balancer; a session's socket stays on the replica
// it reached, and its REST turns land on either (the Redis lock orders them). CPU per turn is
// both replicas' CPU time from /proc ÷ turns; latency is the person's round trip. Each load runs
// after a warm-up (both replicas compile the agent in their first turns; bench-turns.ts says why).
//   npx tsx server/bench-replicas.ts [--only ws-500,...] [--turns 6] [--no-record]
import { existsSync } from "node:fs";
import { processCpuMs } from "./bench-loadtest.ts";
import { argument, BENCH_MESSAGES, createSessions, percentile, runPeople } from "./bench-people-runner.ts";
import { loadNow, recordResults } from "./bench-results.ts";
import { HAPROXY, startReplicaSet, type ReplicaSet } from "./testing/replica-set.ts";
import { services } from "./testing/service-gate.ts";

const TURNS = Number(argument("turns") ?? 6);
const ONLY = argument("only")?.split(",");
const RECORD = !process.argv.includes("--no-record");
const MESSAGES = BENCH_MESSAGES;
const LOADS = [
  { sessions: 1, turns: Math.max(TURNS, 30), thinkMs: 20 },
  { sessions: 100, turns: TURNS, thinkMs: 1000 },
  { sessions: 500, turns: TURNS, thinkMs: 5000 },
];
const SCENARIOS = LOADS.flatMap((load) => (["ws", "rest"] as const).map((transport) => ({ ...load, transport, name: `${transport}-${load.sessions}` }))).filter(
  (scenario) => !ONLY || ONLY.includes(scenario.name),
);

const replicasCpuMs = (set: ReplicaSet) => set.replicas.reduce((sum, replica) => sum + (processCpuMs(replica.pid() ?? -1) ?? 0), 0);

async function warmUp(set: ReplicaSet) {
  const sessions = await createSessions(set.baseUrl, set.apiToken, 40);
  for (let round = 0; round < 8; round++) {
    await Promise.all(
      sessions.map((session, index) =>
        fetch(`${set.baseUrl}/api/v1/setup-sessions/${session.session_id}/messages`, {
          method: "POST",
          headers: { authorization: `Bearer ${session.session_token}`, "content-type": "application/json" },
          body: JSON.stringify({ text: MESSAGES[(round + index) % MESSAGES.length] }),
        }).then((response) => response.text()),
      ),
    );
  }
}

async function runScenario(set: ReplicaSet, scenario: (typeof SCENARIOS)[number]) {
  const sessions = await createSessions(set.baseUrl, set.apiToken, scenario.sessions);
  let cpuStart = replicasCpuMs(set);
  let started = performance.now();
  const result = await runPeople(
    { baseUrl: set.baseUrl, wsUrl: set.wsUrl, sessions, turns: scenario.turns, thinkMs: scenario.thinkMs, transport: scenario.transport },
    () => {
      cpuStart = replicasCpuMs(set);
      started = performance.now();
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = replicasCpuMs(set) - cpuStart;
  const turns = result.roundTrips.length;
  const client = [...result.roundTrips].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 100) / 100;
  return {
    name: scenario.name,
    transport: scenario.transport,
    sessions: scenario.sessions,
    thinkMs: scenario.thinkMs,
    replicas: set.replicas.length,
    turns,
    turnsPerSecond: round(turns / seconds),
    cpuMsPerTurn: round(cpu / Math.max(1, turns)),
    cpuPercent: round(cpu / 10 / seconds),
    clientP50: round(percentile(client, 0.5)),
    clientP99: round(percentile(client, 0.99)),
    failures: result.failures,
    writes: result.writes,
    load: loadNow(),
  };
}

const ready = (await services.postgres()) && (await services.redis()) && existsSync(HAPROXY);
if (!ready) {
  console.log("replicas bench: skipped (needs Postgres and Redis on 127.0.0.1 and /usr/sbin/haproxy)");
} else {
  const set = await startReplicaSet();
  try {
    await warmUp(set);
    console.log(`Setup-session turns through ${set.replicas.length} replicas (Postgres + Redis) behind HAProxy, offline model`);
    console.log("scenario   think   turns writes turns/s cpu ms/turn  cpu %  client p50  client p99  failures  load");
    const rows = [];
    for (const scenario of SCENARIOS) {
      const row = await runScenario(set, scenario);
      rows.push(row);
      console.log(
        `${row.name.padEnd(9)} ${String(row.thinkMs).padStart(6)} ${String(row.turns).padStart(7)} ${String(row.writes).padStart(6)} ${row.turnsPerSecond.toFixed(0).padStart(7)} ${row.cpuMsPerTurn.toFixed(2).padStart(8)}    ${row.cpuPercent.toFixed(0).padStart(4)}  ${row.clientP50.toFixed(2).padStart(8)}ms  ${row.clientP99.toFixed(2).padStart(8)}ms  ${String(row.failures).padStart(8)}  ${row.load[0]}`,
      );
    }
    if (RECORD && !ONLY) await recordResults("replicas", { scenarios: rows });
  } finally {
    await set.close();
  }
}
