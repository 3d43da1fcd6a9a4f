// The two-ish-method adapter a document store sits on (lowdb's idea): one record per key, so a
// write touches one small file and its cost never grows with how many records exist.

export interface RecordBackend {
  read<T>(collection: string, id: string): Promise<T | undefined>;
  write(collection: string, id: string, record: unknown): Promise<void>;
  remove(collection: string, id: string): Promise<void>;
  /** Every record of a collection. Only used for the small collections cached at start. */
  list<T>(collection: string): Promise<T[]>;
  /** The ids of a collection, so a large one (sessions) can be walked one record at a time. */
  ids(collection: string): Promise<string[]>;
  /**
   * Something that changes whenever a record of the collection is written or removed, by this
   * process or another one (the CLI beside a running server). Backends only one process can
   * write leave it out.
   */
  stamp?(collection: string): Promise<string | undefined>;
  /** Recovery at start (a journal a crashed process left); before any other call. */
  open?(): Promise<void>;
  /** Puts every record where a fresh process would read it first (the journal's files). */
  flush?(): Promise<void>;
  close(): Promise<void>;
}

/** Keeps records as JSON strings, so a caller can never mutate what is stored by accident. */
export class MemoryBackend implements RecordBackend {
  readonly #collections = new Map<string, Map<string, string>>();

  #collection(name: string): Map<string, string> {
    let collection = this.#collections.get(name);
    if (!collection) {
      collection = new Map();
      this.#collections.set(name, collection);
    }
    return collection;
  }

  async read<T>(collection: string, id: string): Promise<T | undefined> {
    const raw = this.#collection(collection).get(id);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  async write(collection: string, id: string, record: unknown): Promise<void> {
    this.#collection(collection).set(id, JSON.stringify(record));
  }

  async remove(collection: string, id: string): Promise<void> {
    this.#collection(collection).delete(id);
  }

  async list<T>(collection: string): Promise<T[]> {
    return [...this.#collection(collection).values()].map((raw) => JSON.parse(raw) as T);
  }

  async ids(collection: string): Promise<string[]> {
    return [...this.#collection(collection).keys()];
  }

  async close(): Promise<void> {}
}
