// The live-session layer's public surface.
export { createSessionManager, snapshotEvent } from "./session-manager.ts";
export { isCallerOnly } from "./client-event-handler.ts";
export type { SessionManagerOptions, LiveSessionManager } from "./session-manager.ts";
export type { SessionManager, SessionAgent, CreateSessionInput, CreatedSession, StoredOutput } from "./types.ts";
export { checkClientEvent } from "./client-event-schema.ts";
export { deleteSessionData, startSessionSweeper, type SessionSweeper, type SweepOptions } from "./session-sweeper.ts";
