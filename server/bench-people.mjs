// The simulated people of server/bench-turns.ts, in their own process so the server process's
// CPU time (process.cpuUsage) counts the server alone. Plain JS, run with `node`: reads its
// settings as JSON on stdin, prints one JSON line of results on stdout.
//
// Each session sends a message after a think time and waits for the turn to end before thinking
// again: over ws, for the turn's question (field.ask or secret.request); over REST, for the answer
// of POST .../messages (whose events end with that question). "writes" counts turns whose answer
// the agent wrote into the form, so a bench whose answers stopped being understood shows it.
import { createRequire } from "node:module";

const settings = JSON.parse(await new Promise((resolve) => {
  let text = "";
  process.stdin.on("data", (chunk) => (text += chunk));
  process.stdin.on("end", () => resolve(text));
}));
const { wsModule, baseUrl, wsUrl, sessions, turns, thinkMs, messages, transport } = settings;
const WebSocket = createRequire(import.meta.url)(wsModule);
const roundTrips = [];
let failures = 0;
let writes = 0;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const ended = (event) => event.type === "field.ask" || event.type === "secret.request";
const agentWrote = (event) => event.type === "form.patch" && event.by === "agent";

function openSocket(session) {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${wsUrl}/api/v1/setup-sessions/${session.session_id}/ws?token=${encodeURIComponent(session.session_token)}`);
    let waiting = null;
    socket.on("message", (data) => {
      const event = JSON.parse(data.toString());
      if (event.type === "session.snapshot") return resolve({ turn, close: () => socket.close() });
      if (waiting && agentWrote(event)) writes++;
      if (waiting && ended(event)) {
        const done = waiting;
        waiting = null;
        done();
      }
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

function restPerson(session) {
  const url = `${baseUrl}/api/v1/setup-sessions/${session.session_id}/messages`;
  const headers = { authorization: `Bearer ${session.session_token}`, "content-type": "application/json" };
  return {
    async turn(text) {
      try {
        const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ text }), signal: AbortSignal.timeout(10000) });
        const body = await response.json();
        if (response.status !== 200 || !body.events.some(ended)) failures++;
        if (body.events?.some(agentWrote)) writes++;
      } catch {
        failures++;
      }
    },
    close() {},
  };
}

const people = [];
for (let index = 0; index < sessions.length; index += 50) {
  const batch = sessions.slice(index, index + 50);
  people.push(...(await Promise.all(batch.map((session) => (transport === "ws" ? openSocket(session) : restPerson(session))))));
}
process.stderr.write("ready\n");
await Promise.all(people.map(async (person, index) => {
  await sleep(Math.random() * thinkMs);
  for (let turn = 0; turn < turns; turn++) {
    const started = performance.now();
    await person.turn(messages[(index + turn) % messages.length]);
    roundTrips.push(performance.now() - started);
    await sleep(thinkMs * (0.5 + Math.random()));
  }
}));
for (const person of people) person.close();
process.stdout.write(JSON.stringify({ roundTrips, failures, writes }) + "\n");
