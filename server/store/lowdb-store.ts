// The embedded default store: lowdb JSON files under the data dir, one file per record.
import { mkdir } from "node:fs/promises";
import { DocumentStore } from "./document-store.ts";
import { LowdbBackend, removeStaleTempFiles } from "./lowdb-backend.ts";
import type { Store } from "./types.ts";

export class LowdbStore extends DocumentStore {
  readonly dataDir: string;

  constructor(options: { dataDir: string }) {
    super(new LowdbBackend(options.dataDir));
    this.dataDir = options.dataDir;
  }

  override async init(): Promise<void> {
    await mkdir(this.dataDir, { recursive: true });
    await removeStaleTempFiles(this.dataDir);
    await super.init();
  }
}

export function createLowdbStore(options: { dataDir: string }): Store {
  return new LowdbStore(options);
}
