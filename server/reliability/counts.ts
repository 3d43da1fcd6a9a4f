// How much each reliability suite does, and the seed of its generated input. The figures
// are the defaults; CI lowers them through the environment (.ci/run) to stay within its time,
// and every suite prints the counts it ran with. Like the service gate (specs/testing), this
// test-only module reads its own environment variables rather than going through server/config.ts,
// which configures the server, not its tests.
function count(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

export const counts = {
  /** Seed of every generated input (fast-check and the kill schedule): a failure replays with it. */
  seed: count("ONRAMP_RELIABILITY_SEED", 14),
  /** Scripted sessions per store in the crash suite (the issue: 50). */
  crashSessions: count("ONRAMP_RELIABILITY_CRASH_SESSIONS", 50),
  /** SIGKILLs per store in the crash suite. */
  crashKills: count("ONRAMP_RELIABILITY_CRASH_KILLS", 10),
  /** Generated bad requests and frames (the issue: 10,000). */
  malformed: count("ONRAMP_RELIABILITY_MALFORMED", 10_000),
  /** Interleaved agent and form patches on one session across two replicas (the issue: 1,000). */
  concurrentPatches: count("ONRAMP_RELIABILITY_CONCURRENT_PATCHES", 1_000),
  /** Sessions created, driven three turns and ended in the memory suite (the issue: 2,000). */
  memorySessions: count("ONRAMP_RELIABILITY_MEMORY_SESSIONS", 2_000),
};

/** The closing line every suite prints: its name and figures, one line, easy to grep in CI logs. */
export function report(suite: string, figures: Record<string, string | number | boolean>): void {
  const line = Object.entries(figures).map(([key, value]) => `${key}=${value}`).join(" ");
  console.log(`[reliability] ${suite}: ${line}`);
}
