export type * from "./types.ts";
export { DocumentStore } from "./document-store.ts";
export { LowdbStore, createLowdbStore } from "./lowdb-store.ts";
export { createMemoryStore } from "./memory-store.ts";
export { LowdbBackend, fileNameFor } from "./lowdb-backend.ts";
export { MemoryBackend, type RecordBackend } from "./record-backend.ts";
export { PostgresStore, createPostgresStore, type PostgresStoreOptions } from "./postgres-store.ts";
