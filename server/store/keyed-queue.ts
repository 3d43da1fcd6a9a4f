// One task at a time per key, in call order; different keys run side by side. The store uses it
// for a file's writes, an OAuth state's reads and writes, and a cached collection's re-reads and
// writes. (A failed task does not stop the ones queued after it; its caller gets the error.)
// Hand-written: a promise chain per key is a dozen lines, less than a queue library's options.
export class KeyedQueue<K> {
  readonly #tails = new Map<K, Promise<unknown>>();

  run<T>(key: K, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const settled = result.catch(() => undefined);
    this.#tails.set(key, settled);
    void settled.then(() => {
      if (this.#tails.get(key) === settled) this.#tails.delete(key);
    });
    return result;
  }

  /** Every task queued so far has settled. */
  async idle(): Promise<void> {
    await Promise.all([...this.#tails.values()]);
  }
}
