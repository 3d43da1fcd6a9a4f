// Calls between the main thread and an agent worker over one MessagePort (a Worker or the
// worker's parentPort): requests that are answered, and notes that are not. Both sides call and
// answer. Messages on a port arrive in the order they were posted, so a note posted before an
// answer is handled before it (the worker's events arrive before its run's answer).
//
// Hand-written rather than a library (comlink, birpc): the calls are a fixed handful of methods
// with structured-clone arguments, and what a caller needs on top (reject every open call when
// the worker dies) is a few lines here and an adapter around either library.

/** Anything messages are posted to and heard from: a Worker, a MessagePort, the worker's parentPort. */
export interface Endpoint {
  postMessage(message: unknown): void;
  on(event: "message", listener: (message: unknown) => void): unknown;
}

type Message =
  | { kind: "call"; id: number; method: string; args: unknown[] }
  | { kind: "note"; method: string; args: unknown[] }
  | { kind: "answer"; id: number; value: unknown }
  | { kind: "failure"; id: number; message: string };

type Handler = (...args: any[]) => unknown;

export interface Rpc {
  call<T>(method: string, ...args: unknown[]): Promise<T>;
  note(method: string, ...args: unknown[]): void;
  /** Rejects every call still waiting (the other side is gone). */
  failAll(reason: Error): void;
}

export function createRpc(endpoint: Endpoint, handlers: Record<string, Handler>): Rpc {
  let nextId = 0;
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();

  endpoint.on("message", (raw) => {
    const message = raw as Message;
    switch (message.kind) {
      case "call": {
        const handler = handlers[message.method];
        const answer = (value: unknown) => endpoint.postMessage({ kind: "answer", id: message.id, value } satisfies Message);
        const fail = (error: unknown) =>
          endpoint.postMessage({ kind: "failure", id: message.id, message: error instanceof Error ? error.message : String(error) } satisfies Message);
        if (!handler) {
          fail(new Error(`No handler for ${message.method}`));
          return;
        }
        try {
          Promise.resolve(handler(...message.args)).then(answer, fail);
        } catch (error) {
          fail(error);
        }
        return;
      }
      case "note":
        handlers[message.method]?.(...message.args);
        return;
      case "answer":
      case "failure": {
        const pending = waiting.get(message.id);
        if (!pending) return;
        waiting.delete(message.id);
        if (message.kind === "answer") pending.resolve(message.value);
        else pending.reject(new Error(message.message));
        return;
      }
    }
  });

  return {
    call<T>(method: string, ...args: unknown[]): Promise<T> {
      const id = ++nextId;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
        endpoint.postMessage({ kind: "call", id, method, args } satisfies Message);
      });
    },
    note(method, ...args) {
      endpoint.postMessage({ kind: "note", method, args } satisfies Message);
    },
    failAll(reason) {
      for (const pending of waiting.values()) pending.reject(reason);
      waiting.clear();
    },
  };
}
