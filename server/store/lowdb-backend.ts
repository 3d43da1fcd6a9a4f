// One lowdb JSON file per record: <dataDir>/<collection>/<id>.json. lowdb writes through steno,
// which writes a temp file and renames it over the old one, so a crash never leaves a torn file.
import { mkdir, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { JSONFile } from "lowdb/node";
import type { RecordBackend } from "./record-backend.ts";

const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,150}$/;

/** File name for an id: readable when safe, base64url (prefixed "~") for anything else. */
export function fileNameFor(id: string): string {
  if (SAFE_ID.test(id)) return `${id}.json`;
  return `~${Buffer.from(id, "utf8").toString("base64url")}.json`;
}

export class LowdbBackend implements RecordBackend {
  readonly #dataDir: string;
  // Per-file queue: writes to one file never overlap (steno's temp name is per file), and a delete
  // never races a pending write that would bring the file back. Adapters are made per operation
  // and not kept, so memory does not grow with the number of records ever touched.
  readonly #queues = new Map<string, Promise<unknown>>();
  readonly #madeDirs = new Set<string>();

  constructor(dataDir: string) {
    this.#dataDir = dataDir;
  }

  #path(collection: string, id: string): string {
    return path.join(this.#dataDir, collection, fileNameFor(id));
  }

  #file(file: string): JSONFile<unknown> {
    return new JSONFile<unknown>(file);
  }

  #enqueue<T>(file: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#queues.get(file) ?? Promise.resolve();
    const next = previous.then(task, task);
    const settled = next.catch(() => undefined);
    this.#queues.set(file, settled);
    void settled.then(() => {
      if (this.#queues.get(file) === settled) this.#queues.delete(file);
    });
    return next;
  }

  async #ensureDir(collection: string): Promise<void> {
    if (this.#madeDirs.has(collection)) return;
    await mkdir(path.join(this.#dataDir, collection), { recursive: true });
    this.#madeDirs.add(collection);
  }

  async read<T>(collection: string, id: string): Promise<T | undefined> {
    const file = this.#path(collection, id);
    try {
      const data = await this.#file(file).read();
      return data === null ? undefined : (data as T);
    } catch (error) {
      throw new Error(`Could not read ${file}: ${(error as Error).message}`);
    }
  }

  async write(collection: string, id: string, record: unknown): Promise<void> {
    await this.#ensureDir(collection);
    const file = this.#path(collection, id);
    await this.#enqueue(file, () => this.#file(file).write(record));
  }

  async remove(collection: string, id: string): Promise<void> {
    const file = this.#path(collection, id);
    await this.#enqueue(file, async () => {
      await rm(file, { force: true });
    });
  }

  async list<T>(collection: string): Promise<T[]> {
    const dir = path.join(this.#dataDir, collection);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    const records: T[] = [];
    for (const name of names) {
      // Skip steno's in-flight temp files (".x.json.tmp") and anything else that is not a record.
      if (name.startsWith(".") || !name.endsWith(".json")) continue;
      const data = await this.#file(path.join(dir, name)).read();
      if (data !== null) records.push(data as T);
    }
    return records;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#queues.values()]);
  }
}
