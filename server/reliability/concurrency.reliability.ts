// Concurrency: interleaved agent turns ("port N" in the chat) and form patches on ONE session,
// sent through HAProxy to two replicas on Postgres + Redis. No update is lost (every accepted
// patch is in the final document, every chat message in the transcript), and a write based on a
// stale version of a field is refused with a conflict (never accepted over a newer write).
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRANSCRIPT_LIMIT } from "../sessions/session-state.ts";
import { createSession } from "../sessions/testing/session-client.ts";
import { REPLICA_HEADER, startReplicaSet, type ReplicaSet } from "../testing/replica-set.ts";
import { services } from "../testing/service-gate.ts";
import { counts, report } from "./counts.ts";

const ready = (await services.postgres()) && (await services.redis()) && (await services.haproxy());
const WORKERS = 12;

describe.skipIf(!ready)("concurrency across two replicas", () => {
  let set: ReplicaSet;
  beforeAll(async () => {
    set = await startReplicaSet();
  }, 600_000);
  afterAll(async () => {
    await set?.close();
  }, 120_000);

  it("loses no update and refuses every stale write", async () => {
    const session = await createSession(set.baseUrl, set.apiToken, { connector_type: "source-postgres" });
    const base = `/api/v1/setup-sessions/${session.session_id}`;
    const call = async (replica: string, method: string, suffix: string, body?: unknown) => {
      const response = await fetch(`${set.baseUrl}${base}${suffix}`, {
        method,
        headers: { authorization: `Bearer ${session.session_token}`, ...set.pin(replica), ...(body !== undefined ? { "content-type": "application/json" } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : null, servedBy: response.headers.get(REPLICA_HEADER) };
    };
    const kinds = fc.sample(fc.constantFrom("agent", "agent", "form", "form", "stale"), { seed: counts.seed, numRuns: counts.concurrentPatches });

    const agentSent: number[] = [];
    const formAccepted = new Map<string, number>();
    const hostWrites: Array<{ value: string; base: number; version: number }> = [];
    let conflicts = 0;
    const unexpected: string[] = [];
    const served = { a: 0, b: 0 } as Record<string, number>;
    let next = 0;
    const worker = async () => {
      while (next < kinds.length) {
        const index = next++;
        const replica = index % 2 === 0 ? "a" : "b";
        const kind = kinds[index]!;
        if (kind === "agent") {
          const port = 10_000 + index;
          const answer = await call(replica, "POST", "/messages", { text: `port ${port}` });
          if (answer.status !== 200) unexpected.push(`#${index} agent: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
          else agentSent.push(port);
          served[answer.servedBy ?? "?"] = (served[answer.servedBy ?? "?"] ?? 0) + 1;
        } else if (kind === "form") {
          // A path nobody else writes: based on version 0, it never conflicts and must never be lost.
          const path = `/note_${index}`;
          const answer = await call(replica, "PATCH", "/form", { base_version: 0, ops: [{ op: "set", path, value: index }] });
          if (answer.status !== 200) unexpected.push(`#${index} form: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
          else formAccepted.set(path, index);
          served[answer.servedBy ?? "?"] = (served[answer.servedBy ?? "?"] ?? 0) + 1;
        } else {
          // Read the document, then write the contested field based on what was read: another
          // writer may have changed it in between, and then this write is stale.
          const seen = await call(replica, "GET", "");
          const version = seen.body.form.version as number;
          const value = `host-${index}.internal`;
          const answer = await call(replica === "a" ? "b" : "a", "PATCH", "/form", { base_version: version, ops: [{ op: "set", path: "/host", value }] });
          if (answer.status === 409) conflicts++;
          else if (answer.status === 200) {
            const patch = (answer.body.events as Array<{ type: string; version?: number }>).find((event) => event.type === "form.patch");
            hostWrites.push({ value, base: version, version: patch!.version! });
          } else unexpected.push(`#${index} stale: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
          served[answer.servedBy ?? "?"] = (served[answer.servedBy ?? "?"] ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: WORKERS }, worker));

    const final = (await call("a", "GET", "")).body;
    const values = final.form.values as Record<string, unknown>;
    const lost: string[] = [];
    for (const [path, value] of formAccepted) if (values[path.slice(1)] !== value) lost.push(path);
    const transcriptPorts = (final.transcript as Array<{ role: string; text: string }>).filter((entry) => entry.role === "user").map((entry) => Number(/^port (\d+)$/.exec(entry.text)?.[1]));
    // The transcript keeps its last TRANSCRIPT_LIMIT entries by design: when it is full, the
    // oldest messages are out of it, so only the retained ones can be checked (each once, each sent).
    const full = final.transcript.length >= TRANSCRIPT_LIMIT;
    const retainedOk = new Set(transcriptPorts).size === transcriptPorts.length && transcriptPorts.every((port) => agentSent.includes(port));
    const missingMessages = full ? (retainedOk ? [] : ["the transcript holds a message twice or one never sent"]) : agentSent.filter((port) => !transcriptPorts.includes(port));
    // The last chat answer the agent handled is the port the form holds.
    const lastPort = transcriptPorts.filter((port) => Number.isFinite(port)).at(-1);
    hostWrites.sort((left, right) => left.version - right.version);
    // An accepted /host write must have been based on a version at or after the write before it.
    const staleAccepted = hostWrites.filter((write, index) => index > 0 && write.base < hostWrites[index - 1]!.version);
    const lastHost = hostWrites.at(-1)?.value;
    report("concurrency", {
      operations: kinds.length,
      seed: counts.seed,
      workers: WORKERS,
      served: JSON.stringify(served).replace(/"/g, ""),
      agent_turns: agentSent.length,
      form_patches: formAccepted.size,
      host_writes_accepted: hostWrites.length,
      conflicts,
      lost_updates: lost.length + missingMessages.length,
      transcript_full: full,
      stale_accepted: staleAccepted.length,
      unexpected: unexpected.length,
      final_version: final.form.version,
    });
    expect(unexpected.slice(0, 10)).toEqual([]);
    expect(lost).toEqual([]);
    expect(missingMessages).toEqual([]);
    expect(values.port).toBe(lastPort);
    expect(values.host).toBe(lastHost);
    expect(staleAccepted).toEqual([]);
    expect(conflicts).toBeGreaterThan(0);
    // Each accepted write made exactly one version: none was applied twice or merged away.
    expect(final.form.version).toBe(agentSent.length + formAccepted.size + hostWrites.length);
    expect(served.a).toBeGreaterThan(0);
    expect(served.b).toBeGreaterThan(0);
  });
});
