// A Store that lives in memory: for tests and throwaway runs. Same code path as the lowdb store.
import { DocumentStore } from "./document-store.ts";
import { MemoryBackend } from "./record-backend.ts";
import type { Store } from "./types.ts";

export function createMemoryStore(): Store {
  return new DocumentStore(new MemoryBackend());
}
