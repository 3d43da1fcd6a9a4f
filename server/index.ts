// The server's public surface, for evals and embedding: build a whole Onramp in-process.
export { loadConfig, type Config, type ModelSetting } from "./config.ts";
export { createApp, toApiError } from "./app.ts";
export { buildDeps, createStore, type BuiltDeps, type BuildOverrides } from "./bootstrap.ts";
export { startServer } from "./main.ts";
export { ApiError, type ErrorItem } from "./http-error.ts";
export type { AppDeps, Logger } from "./deps.ts";
export { createLogger, memoryLogger, redact } from "./log.ts";
export { createApplicationToken, hashToken, DEFAULT_ORGANIZATION_ID } from "./auth/index.ts";
export { ensureDefaults, DEFAULT_WORKSPACE_NAME } from "./defaults.ts";
export { startTestApp, type TestApp } from "./testing/test-app.ts";
