// Runs the tasks of one key one after another. Every action of one setup session (a message, a
// form edit, an OAuth callback), so the form document and the agent thread never see two writers
// at once; also the creates of one workspace name (routes/workspaces.ts). Keys without waiters
// are dropped, so the map does not grow with the number of keys ever used.

export interface KeyedMutex {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Keys with a task running or queued (for tests and diagnostics). */
  size(): number;
}

export function createKeyedMutex(): KeyedMutex {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      // The tail never rejects, so one failed action does not poison the queue behind it.
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    size: () => tails.size,
  };
}
