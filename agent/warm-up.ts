// Turns nobody asked for, run once when a thread that will serve setup turns starts (an agent
// worker, server/agent-pool/), so that V8 has compiled the agent's hot code before the first
// person's turn. A fresh thread spends its first few hundred turns compiling, with event-loop
// stalls of up to half a second; without a warm-up those land on the first people to arrive
// (docs/PERFORMANCE.md, "Both cores"). Everything here is in memory: a throwaway agent with the
// offline understander (never a model), in-memory checkpoints, an in-memory port whose check
// fails; nothing reaches a store, a secret store, a log or a session.
import type { CatalogLookup, Definition } from "../specs/types.ts";
import { createMemoryCheckpoints, createMemoryPort } from "./memory-port.ts";
import { createSetupAgent } from "./setup-agent.ts";

/** Generic messages: questions, values of common shapes, intents. Nothing about any connector. */
export const WARM_UP_MESSAGES = [
  "hi, what do you need from me?",
  "what does this one mean?",
  "db-1.internal",
  "5432",
  "use the default",
  "skip that",
  "analytics",
  "yes please",
  "from 2024-01-01",
  "the user is reader and the host is db-2.internal port 6543",
];

export interface WarmUpOptions {
  catalog: CatalogLookup;
  /** Stop after this many turns or this much time, whichever comes first. */
  turns?: number;
  maxMs?: number;
}

/** Definitions with questions to ask: sources and destinations with required fields, by name. */
export function definitionsToWalk(catalog: CatalogLookup, count: number): Definition[] {
  return catalog
    .list()
    .filter((definition) => (definition.connectionSpecification.required?.length ?? 0) > 0)
    .sort((a, b) => a.name.localeCompare(b.name))
    .slice(0, count);
}

export async function warmUp({ catalog, turns = 200, maxMs = 4000 }: WarmUpOptions): Promise<{ turns: number; ms: number }> {
  const started = performance.now();
  const agent = createSetupAgent({ catalog, checkpoints: createMemoryCheckpoints(), model: { kind: "offline" } });
  const definitions = definitionsToWalk(catalog, 4);
  let done = 0;
  for (let round = 0; done < turns && definitions.length > 0; round++) {
    const definition = definitions[round % definitions.length]!;
    const port = createMemoryPort({ definition, check: () => ({ status: "failed", reason: "unreachable", message: "warm-up" }) });
    await agent.run(port, { kind: "start" });
    for (const text of WARM_UP_MESSAGES) {
      if (done >= turns || performance.now() - started > maxMs) return { turns: done, ms: performance.now() - started };
      port.transcript.push({ role: "user", text, at: new Date().toISOString() });
      await agent.run(port, { kind: "message", text });
      done++;
    }
    await agent.forget(port.sessionId);
  }
  return { turns: done, ms: performance.now() - started };
}
