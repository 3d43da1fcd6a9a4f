import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["{agent,server,widget,specs,evals}/**/*.test.ts"],
    exclude: ["node_modules/**", "data/**"],
    // Integration tests start databases, servers and a browser: give them room and keep the
    // 2-core machine from oversubscribing.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
  },
});
