// One lowdb JSON file per record: <dataDir>/<collection>/<id>.json. lowdb writes through steno,
// which writes a temp file and renames it over the old one, so a crash never leaves a torn file.
// The collections written on every chat turn (sessions, checkpoints) go through a write-ahead
// journal first (write-journal.ts): one appended line per write, their files written later.
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import type { Dirent } from "node:fs";
import path from "node:path";
import { JSONFile, TextFile } from "lowdb/node";
import type { RecordBackend } from "./record-backend.ts";
import { WriteJournal } from "./write-journal.ts";
import { KeyedQueue } from "./keyed-queue.ts";

/** Collections written on every turn: journaled. */
export const JOURNALED = new Set(["sessions", "checkpoints"]);

// Most file systems (ext4, xfs, tmpfs) cap a file name at 255 bytes; steno's temp name adds 6.
const MAX_FILE_NAME_BYTES = 255 - ".x.tmp".length;

const SAFE_ID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,150}$/;

/** File name for an id: readable when safe, base64url (prefixed "~") for anything else. */
export function fileNameFor(id: string): string {
  if (SAFE_ID.test(id)) return `${id}.json`;
  return `~${Buffer.from(id, "utf8").toString("base64url")}.json`;
}

/** The id a file name stands for (fileNameFor reversed); undefined for anything else. */
export function idForFileName(name: string): string | undefined {
  // Skip steno's in-flight temp files (".x.json.tmp") and anything else that is not a record.
  if (name.startsWith(".") || !name.endsWith(".json")) return undefined;
  const stem = name.slice(0, -".json".length);
  return stem.startsWith("~") ? Buffer.from(stem.slice(1), "base64url").toString("utf8") : stem;
}

/** steno's in-flight temp file: ".<file name>.tmp" beside the record. */
const TEMP_FILE = /^\..+\.tmp$/;

/**
 * Removes the temp files a killed process left in the data dir's folders (a SIGKILL between
 * steno's write and its rename leaves one, perhaps a whole encrypted secret nothing references).
 * Only files older than `minAgeMs`: another live process (the CLI) may be between its own write
 * and rename, which takes milliseconds. Returns how many were removed.
 */
export async function removeStaleTempFiles(dataDir: string, options: { minAgeMs?: number; now?: number } = {}): Promise<number> {
  const minAgeMs = options.minAgeMs ?? 5_000;
  const now = options.now ?? Date.now();
  let folders: Dirent[];
  try {
    folders = await readdir(dataDir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw error;
  }
  let removed = 0;
  for (const folder of folders.filter((entry) => entry.isDirectory())) {
    const dir = path.join(dataDir, folder.name);
    for (const name of await readdir(dir)) {
      if (!TEMP_FILE.test(name)) continue;
      const file = path.join(dir, name);
      try {
        if (now - (await stat(file)).mtimeMs < minAgeMs) continue;
        await rm(file, { force: true });
        removed++;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  }
  return removed;
}

export class LowdbBackend implements RecordBackend {
  readonly #dataDir: string;
  // Per-file queue: writes to one file never overlap (steno's temp name is per file), and a delete
  // never races a pending write that would bring the file back. Adapters are made per operation
  // and not kept, so memory does not grow with the number of records ever touched.
  readonly #queues = new KeyedQueue<string>();
  readonly #madeDirs = new Set<string>();
  readonly #journal: WriteJournal;

  constructor(dataDir: string, options: { journalMaxBytes?: number; journalMaxAgeMs?: number } = {}) {
    this.#dataDir = dataDir;
    this.#journal = new WriteJournal({
      dir: path.join(dataDir, "journal"),
      target: { writeText: (collection, id, text) => this.#writeText(collection, id, text), remove: (collection, id) => this.#removeFile(collection, id) },
      maxBytes: options.journalMaxBytes,
      maxAgeMs: options.journalMaxAgeMs,
    });
  }

  /** Replays a journal a dead process left into the record files. */
  async open(): Promise<void> {
    await this.#journal.recover();
  }

  /** Writes every journaled record to its own file now. */
  async flush(): Promise<void> {
    await this.#journal.flush();
  }

  #path(collection: string, id: string): string {
    return path.join(this.#dataDir, collection, fileNameFor(id));
  }

  /** False for an id whose file name would pass the file system's 255-byte limit: no such file can exist. */
  #storable(id: string): boolean {
    return Buffer.byteLength(fileNameFor(id)) <= MAX_FILE_NAME_BYTES;
  }

  #file(file: string): JSONFile<unknown> {
    return new JSONFile<unknown>(file);
  }

  #enqueue<T>(file: string, task: () => Promise<T>): Promise<T> {
    return this.#queues.run(file, task);
  }


  async #ensureDir(collection: string): Promise<void> {
    if (this.#madeDirs.has(collection)) return;
    await mkdir(path.join(this.#dataDir, collection), { recursive: true });
    this.#madeDirs.add(collection);
  }

  async read<T>(collection: string, id: string): Promise<T | undefined> {
    if (!this.#storable(id)) return undefined;
    const pending = JOURNALED.has(collection) ? this.#journal.pendingText(collection, id) : undefined;
    if (pending !== undefined) return JSON.parse(pending) as T;
    const file = this.#path(collection, id);
    try {
      const data = await this.#file(file).read();
      return data === null ? undefined : (data as T);
    } catch (error) {
      throw new Error(`Could not read ${file}: ${(error as Error).message}`);
    }
  }

  async write(collection: string, id: string, record: unknown): Promise<void> {
    if (!this.#storable(id)) throw new Error(`Cannot store a ${collection} record under an id of ${id.length} characters: its file name would be too long`);
    if (JOURNALED.has(collection)) return this.#journal.write(collection, id, JSON.stringify(record));
    await this.#ensureDir(collection);
    const file = this.#path(collection, id);
    await this.#enqueue(file, () => this.#file(file).write(record));
  }

  /** Queued at once (the directory is made inside the task): the journal relies on the order. */
  #writeText(collection: string, id: string, text: string): Promise<void> {
    const file = this.#path(collection, id);
    return this.#enqueue(file, async () => {
      await this.#ensureDir(collection);
      await new TextFile(file).write(text);
    });
  }

  #removeFile(collection: string, id: string): Promise<void> {
    const file = this.#path(collection, id);
    return this.#enqueue(file, async () => {
      await rm(file, { force: true });
    });
  }

  async remove(collection: string, id: string): Promise<void> {
    if (!this.#storable(id)) return;
    if (JOURNALED.has(collection)) return this.#journal.remove(collection, id);
    await this.#removeFile(collection, id);
  }

  async #names(collection: string): Promise<string[]> {
    try {
      return await readdir(path.join(this.#dataDir, collection));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
  }

  async list<T>(collection: string): Promise<T[]> {
    if (JOURNALED.has(collection)) {
      const records = await Promise.all((await this.ids(collection)).map((id) => this.read<T>(collection, id)));
      return records.filter((record): record is Awaited<T> => record !== undefined) as T[];
    }
    const dir = path.join(this.#dataDir, collection);
    const records: T[] = [];
    for (const name of await this.#names(collection)) {
      if (idForFileName(name) === undefined) continue;
      const data = await this.#file(path.join(dir, name)).read();
      if (data !== null) records.push(data as T);
    }
    return records;
  }

  async ids(collection: string): Promise<string[]> {
    const stored = (await this.#names(collection)).map(idForFileName).filter((id): id is string => id !== undefined);
    if (!JOURNALED.has(collection)) return stored;
    return [...new Set([...stored, ...this.#journal.pendingIds(collection)])];
  }

  /** The folder's modification time: every write (temp file renamed in) and delete changes it. */
  async stamp(collection: string): Promise<string | undefined> {
    try {
      return String((await stat(path.join(this.#dataDir, collection), { bigint: true })).mtimeNs);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.#journal.close();
    await this.#queues.idle();
  }
}
