// Setup sessions that were abandoned or simply expired are deleted once a grace period has passed
// (until then their link still answers "expired", not "unknown"), together with what they left
// behind: the secrets they own, the agent's checkpoint and the session file. A secret a saved
// connector took over belongs to the connector by then and stays.
import type { Logger } from "../deps.ts";
import type { SecretStore } from "../secrets/types.ts";
import type { Store } from "../store/types.ts";
import type { SessionAgent } from "./types.ts";

export interface SweepOptions {
  /** How long after its expiry a session is kept. */
  graceMs: number;
  /** The current time (tests); default Date.now(). */
  now?: number;
}

/** Deletes one session and everything it owns; safe to repeat. */
export async function deleteSessionData(
  deps: { store: Store; secrets: SecretStore; agent?: Pick<SessionAgent, "forget"> },
  sessionId: string,
): Promise<void> {
  await deps.secrets.deleteByOwner(`session:${sessionId}`);
  await deps.agent?.forget?.(sessionId);
  // The checkpoint goes even with an agent that keeps its threads some other way.
  await deps.store.deleteCheckpoint(sessionId);
  await deps.store.deleteSession(sessionId);
}

export interface SessionSweeper {
  stop(): void;
  /** Resolves when no sweep is running (shutdown, tests). */
  idle(): Promise<void>;
}

/**
 * Sweeps once now and then every `intervalMs`. The timer is unref'd, so it never keeps a process
 * alive, and a sweep never overlaps the previous one.
 */
export function startSessionSweeper({
  sweep,
  intervalMs,
  log,
}: {
  sweep: () => Promise<number>;
  intervalMs: number;
  log: Logger;
}): SessionSweeper {
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= sweep()
      .then((deleted) => {
        if (deleted > 0) log.info("Deleted expired setup sessions", { deleted });
      })
      .catch((error) => log.warn("Sweeping expired setup sessions failed", { error: String(error) }))
      .finally(() => {
        running = undefined;
      });
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    idle: async () => {
      await running;
    },
  };
}
