// Write-ahead journal for the lowdb store's hot collections (setup sessions and the agent's
// checkpoints: two records per chat turn). A write is one line appended to an open journal file,
// and the lines of every write made in the same tick go out in one write(2) (group commit), so a
// turn costs no open/rename of its own. The write resolves once its line is in the file: a
// SIGKILL after that loses nothing (the same guarantee as lowdb's temp file + rename, neither
// calls fsync). Until the record's own file catches up, its newest text is kept in memory and
// reads see it. Every so often (journal size or age) the journal is rotated and each record it
// holds is written to its own file once, however many times it changed; then the old journal is
// deleted. At start, journals left by a process that died are replayed into the files first.
//
// Why not lowdb alone: per turn it opened, wrote, closed and renamed two files, about a third of
// a turn's CPU (docs/PERFORMANCE.md). The record files stay the store's format; only the moment
// they are written moves.
import { closeSync, openSync, write as writeCallback } from "node:fs";
import { mkdir, readdir, readFile, unlink } from "node:fs/promises";
import path from "node:path";

export interface JournalTarget {
  /** Writes a record's JSON text to its own file (temp + rename). */
  writeText(collection: string, id: string, text: string): Promise<void>;
  remove(collection: string, id: string): Promise<void>;
}

export interface WriteJournalOptions {
  dir: string;
  target: JournalTarget;
  /** Rotate once the journal holds this many bytes (default 32 MiB). */
  maxBytes?: number;
  /** Rotate at least this often while records wait for their files (default 30 s). */
  maxAgeMs?: number;
}

interface Waiting {
  text: string;
  resolve(): void;
  reject(error: unknown): void;
}

const keyOf = (collection: string, id: string) => `${collection}\u0000${id}`;
const JOURNAL_NAME = /^(\d+)-(\d+)\.jsonl$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function writeAll(fd: number, buffer: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const next = (offset: number) =>
      writeCallback(fd, buffer, offset, buffer.length - offset, null, (error, written) => {
        if (error) return reject(error);
        if (offset + written < buffer.length) return next(offset + written);
        resolve();
      });
    next(0);
  });
}

export class WriteJournal {
  readonly #dir: string;
  readonly #target: JournalTarget;
  readonly #maxBytes: number;
  readonly #maxAgeMs: number;
  /** Newest JSON text of each record whose own file is behind (removed records are not here). */
  readonly #pending = new Map<string, { collection: string; id: string; text: string }>();
  #fd: number | undefined;
  #file = "";
  #sequence = 0;
  #bytes = 0;
  #batch: Waiting[] = [];
  #flushing: Promise<void> | undefined;
  /** The write(2) in progress, on whichever file was current when it started. */
  #writing: Promise<void> | undefined;
  #rotating: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #opened: Promise<void> | undefined;

  constructor({ dir, target, maxBytes = 32 * 2 ** 20, maxAgeMs = 30_000 }: WriteJournalOptions) {
    this.#dir = dir;
    this.#target = target;
    this.#maxBytes = maxBytes;
    this.#maxAgeMs = maxAgeMs;
  }

  /** Replays journals a dead process left, into the record files; then deletes them. */
  async recover(): Promise<void> {
    let names: string[];
    try {
      names = await readdir(this.#dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      throw error;
    }
    const journals = names
      .map((name) => ({ name, match: JOURNAL_NAME.exec(name) }))
      .filter((entry): entry is { name: string; match: RegExpExecArray } => entry.match !== null && !alive(Number(entry.match[1])))
      .sort((a, b) => Number(a.match[2]) - Number(b.match[2]) || a.name.localeCompare(b.name));
    if (journals.length === 0) return;
    const newest = new Map<string, { collection: string; id: string; text: string | null }>();
    for (const { name } of journals) {
      const lines = (await readFile(path.join(this.#dir, name), "utf8")).split("\n");
      for (const line of lines) {
        if (!line) continue;
        let entry: [string, string, unknown];
        try {
          entry = JSON.parse(line) as [string, string, unknown];
        } catch {
          // A torn last line is a write that never resolved: nobody was told it was saved.
          continue;
        }
        const [collection, id, record] = entry;
        newest.set(keyOf(collection, id), { collection, id, text: record === null ? null : JSON.stringify(record) });
      }
    }
    for (const { collection, id, text } of newest.values()) {
      await (text === null ? this.#target.remove(collection, id) : this.#target.writeText(collection, id, text));
    }
    for (const { name } of journals) await unlink(path.join(this.#dir, name));
  }

  /** The newest text of a record not yet in its file, if any. */
  pendingText(collection: string, id: string): string | undefined {
    return this.#pending.get(keyOf(collection, id))?.text;
  }

  /** Ids of a collection's records not yet in their files. */
  pendingIds(collection: string): string[] {
    return [...this.#pending.values()].filter((entry) => entry.collection === collection).map((entry) => entry.id);
  }

  /** Appends the record; resolves once its line is in the journal file. */
  async write(collection: string, id: string, text: string): Promise<void> {
    const key = keyOf(collection, id);
    const entry = { collection, id, text };
    this.#pending.set(key, entry);
    try {
      await this.#append(`[${JSON.stringify(collection)},${JSON.stringify(id)},${text}]\n`);
    } catch (error) {
      // Not in the journal: reads go back to what the file holds (a later write may have won).
      if (this.#pending.get(key) === entry) this.#pending.delete(key);
      throw error;
    }
  }

  /** Journals the deletion (so a replay cannot bring the record back), then deletes its file. */
  async remove(collection: string, id: string): Promise<void> {
    this.#pending.delete(keyOf(collection, id));
    await this.#append(`[${JSON.stringify(collection)},${JSON.stringify(id)},null]\n`);
    await this.#target.remove(collection, id);
  }

  /** Writes every waiting record to its file and deletes the journal (on close, and in tests). */
  async flush(): Promise<void> {
    await this.#settle();
    if (this.#rotating) await this.#rotating;
    await this.#rotate();
  }

  async close(): Promise<void> {
    await this.flush();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #open(): Promise<void> {
    await mkdir(this.#dir, { recursive: true });
    this.#sequence = Math.max(this.#sequence + 1, Date.now());
    this.#file = path.join(this.#dir, `${process.pid}-${this.#sequence}.jsonl`);
    this.#fd = openSync(this.#file, "a");
    this.#bytes = 0;
  }

  #append(line: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#batch.push({ text: line, resolve, reject });
      if (this.#batch.length === 1) setImmediate(() => void this.#drain());
    });
  }

  /** Writes batches one after another, so lines keep the order their writes were made in. */
  async #drain(): Promise<void> {
    if (this.#flushing) return;
    this.#flushing = (async () => {
      while (this.#batch.length > 0) {
        const batch = this.#batch;
        this.#batch = [];
        try {
          // A rotation may swap the file while this waits: write to whichever is current then.
          while (this.#fd === undefined) {
            this.#opened ??= this.#open();
            await this.#opened;
          }
          const buffer = Buffer.from(batch.map((waiting) => waiting.text).join(""), "utf8");
          const writing = writeAll(this.#fd, buffer);
          this.#writing = writing;
          await writing;
          this.#bytes += buffer.length;
          for (const waiting of batch) waiting.resolve();
        } catch (error) {
          for (const waiting of batch) waiting.reject(error);
        }
      }
    })().finally(() => {
      this.#flushing = undefined;
    });
    await this.#flushing;
    if (this.#bytes >= this.#maxBytes) void this.#rotate().catch(() => undefined);
    else if (!this.#timer && this.#pending.size > 0) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        void this.#rotate().catch(() => undefined);
      }, this.#maxAgeMs);
      this.#timer.unref();
    }
  }

  async #settle(): Promise<void> {
    while (this.#batch.length > 0 || this.#flushing) {
      if (this.#flushing) await this.#flushing;
      else await this.#drain();
    }
  }

  /**
   * Starts a new journal, writes each record the old one holds to its own file, then deletes the
   * old journal. Writes made meanwhile go to the new journal and stay pending; none waits.
   */
  #rotate(): Promise<void> {
    if (this.#rotating) return this.#rotating;
    this.#rotating = (async () => {
      if (this.#timer) clearTimeout(this.#timer);
      this.#timer = undefined;
      const oldFd = this.#fd;
      const oldFile = this.#file;
      // Only the write already on its way to the old file is waited for: later batches go to a
      // new file, so a steady stream of writes never holds the rotation up.
      const inFlight = this.#writing;
      this.#fd = undefined;
      this.#opened = undefined;
      // Every record written so far has its line in the old journal (or in flight to it).
      const snapshot = [...this.#pending.entries()];
      if (inFlight) await inFlight.catch(() => undefined);
      if (oldFd !== undefined) closeSync(oldFd);
      for (const [key, entry] of snapshot) {
        // Checked and queued in one step: a removal made meanwhile is queued after this write.
        if (this.#pending.get(key) !== entry) continue;
        await this.#target.writeText(entry.collection, entry.id, entry.text);
      }
      if (oldFd !== undefined) await unlink(oldFile).catch(() => undefined);
      for (const [key, entry] of snapshot) if (this.#pending.get(key) === entry) this.#pending.delete(key);
    })().finally(() => {
      this.#rotating = undefined;
    });
    return this.#rotating;
  }
}
