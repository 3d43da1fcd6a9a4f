import { defineConfig } from "vitest/config";

// `npm run test:reliability`: the slow suites of issue 14 (crash, malformed input, isolation,
// concurrency, connection checks, memory), apart from `npm test`. Counts come from
// server/reliability/counts.ts (environment, defaults as in the issue).
export default defineConfig({
  test: {
    include: ["server/reliability/**/*.reliability.ts"],
    testTimeout: 1_200_000,
    hookTimeout: 600_000,
    pool: "forks",
    // One suite at a time: each one loads the machine on its own (and the memory suite measures
    // its own process).
    maxWorkers: 1,
    fileParallelism: false,
    // The memory suite forces collections before it measures.
    execArgv: ["--expose-gc"],
  },
});
