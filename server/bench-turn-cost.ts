// CPU per turn in-process, one turn at a time, for quick before/after comparisons while working
// on the turn's cost: rounds of turns through sessions.dispatch (what a ws frame reaches) and
// through the whole app (the REST twin, without a socket). The least CPU of the rounds is the
// figure least disturbed by other work on a shared machine.
//   npx tsx server/bench-turn-cost.ts [--rounds 7] [--sessions 40] [--profile FILE.cpuprofile] [--scripted]
// --scripted runs a trivial agent instead of the setup agent: what the session layer costs alone,
// so the difference is the agent's (LangGraph, its nodes, the understanding).
import { rm, writeFile } from "node:fs/promises";
import { Session as InspectorSession } from "node:inspector/promises";
import { startTestServer } from "./sessions/testing/test-server.ts";
import { createSession } from "./sessions/testing/session-client.ts";
import { scriptedAgent } from "./sessions/testing/toy-session.ts";
import { createApp } from "./app.ts";

function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : NaN;
  return Number.isFinite(value) ? value : fallback;
}

const ROUNDS = argument("rounds", 7);
const SESSIONS = argument("sessions", 40);
const PROFILE = process.argv.includes("--profile") ? process.argv[process.argv.indexOf("--profile") + 1] : undefined;
const SCRIPTED = process.argv.includes("--scripted");
const MESSAGES = ["what is this?", "host db-1.internal", "what does that mean?", "host db-2.internal"];
const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

export async function measureTurnCost(rounds = ROUNDS, sessionCount = SESSIONS, scripted = SCRIPTED) {
  const server = await startTestServer({ logLevel: "warn", ...(scripted ? { agent: scriptedAgent([]) } : {}) });
  try {
    const app = createApp(server.deps);
    const sessions = [];
    for (let index = 0; index < sessionCount; index++) sessions.push(await createSession(server.baseUrl, server.apiToken, { connector_type: "source-postgres" }));
    const perRound: Record<"ws" | "rest", number[]> = { ws: [], rest: [] };
    let turn = 0;
    const profiler = PROFILE ? new InspectorSession() : undefined;
    if (profiler) {
      profiler.connect();
      await profiler.post("Profiler.enable");
      await profiler.post("Profiler.start");
    }
    for (let round = 0; round < rounds; round++) {
      for (const transport of ["ws", "rest"] as const) {
        const before = process.cpuUsage();
        for (const session of sessions) {
          const text = MESSAGES[turn++ % MESSAGES.length]!;
          if (transport === "ws") await server.deps.sessions.dispatch(session.session_id, { type: "user.message", text });
          else {
            const response = await app.request(`/api/v1/setup-sessions/${session.session_id}/messages`, {
              method: "POST",
              headers: { authorization: `Bearer ${session.session_token}`, "content-type": "application/json" },
              body: JSON.stringify({ text }),
            });
            if (response.status !== 200) throw new Error(`turn answered ${response.status}: ${await response.text()}`);
          }
        }
        perRound[transport].push(cpuMs(process.cpuUsage(before)) / sessions.length);
      }
    }
    if (profiler) {
      const { profile } = await profiler.post("Profiler.stop");
      await writeFile(PROFILE!, JSON.stringify(profile));
      profiler.disconnect();
    }
    const summary = (values: number[]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { least: Math.round(sorted[0]! * 100) / 100, median: Math.round(sorted[Math.floor(sorted.length / 2)]! * 100) / 100 };
    };
    return { ws: summary(perRound.ws.slice(1)), rest: summary(perRound.rest.slice(1)) };
  } finally {
    await server.close();
    await rm(server.dataDir, { recursive: true, force: true, maxRetries: 5 });
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url === (await import("node:url")).pathToFileURL(process.argv[1]).href;
if (isEntry) {
  const result = await measureTurnCost();
  console.log(`${SCRIPTED ? "scripted agent: " : ""}cpu ms per turn, in-process, one at a time (least / median of ${ROUNDS - 1} rounds of ${SESSIONS}): ws ${result.ws.least} / ${result.ws.median}, rest ${result.rest.least} / ${result.rest.median}`);
}
