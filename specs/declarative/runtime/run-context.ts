// What one check or read carries through every component: the caller's abort signal and
// deadline, the secret values to keep out of messages, where refreshed tokens go, and caches
// shared by the streams of the run (an OAuth token is refreshed once, not once per stream).

export interface RunOptions {
  signal?: AbortSignal;
  /** Epoch ms after which nothing new starts; waits that would cross it fail instead. */
  deadline?: number;
  /** Upper bound of one request (default 30 s, never past the deadline). */
  requestTimeoutMs?: number;
  /** A refreshed access token or rotated refresh token, at the config path it belongs to. */
  onSecretRefreshed?: (path: string, value: string) => void | Promise<void>;
  /** Injected clock for tests; interpolation and cursors use it. */
  now?: () => Date;
  /** Injected wait for tests; default setTimeout honouring the signal. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /**
   * Build requests without sending any (the coverage command): the first request is thrown as a
   * PreviewedRequest, and token exchanges (OAuth refresh, session login) are stood in for.
   */
  preview?: boolean;
}

export class RunContext {
  readonly signal: AbortSignal;
  readonly deadline: number;
  readonly requestTimeoutMs: number;
  /** Values never to show: the config's secrets, tokens obtained during the run. */
  readonly secrets = new Set<string>();
  /** Access tokens by authenticator identity, for the run. */
  readonly tokens = new Map<string, { token: string; expiresAt: number }>();
  /** How many requests were sent, for messages and tests. */
  requests = 0;
  /** Host and path of the last request sent (no query: a query may hold a key). */
  lastWhere?: string;

  get preview(): boolean {
    return this.options.preview === true;
  }

  constructor(readonly options: RunOptions = {}) {
    this.signal = options.signal ?? new AbortController().signal;
    this.deadline = options.deadline ?? Number.POSITIVE_INFINITY;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  }

  now(): Date {
    return this.options.now?.() ?? new Date();
  }

  remainingMs(): number {
    return this.deadline - Date.now();
  }

  addSecret(value: unknown): void {
    if (typeof value === "string" && value.length >= 3) this.secrets.add(value);
  }

  /** `text` with every known secret replaced by a mask. */
  scrub(text: string): string {
    let out = text;
    for (const secret of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join("**********");
    return out;
  }

  async sleep(ms: number): Promise<void> {
    if (this.options.sleep) return this.options.sleep(ms, this.signal);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.signal.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(this.signal.reason ?? new Error("aborted"));
      };
      if (this.signal.aborted) onAbort();
      else this.signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  async secretRefreshed(path: string | undefined, value: string): Promise<void> {
    this.addSecret(value);
    if (path !== undefined) await this.options.onSecretRefreshed?.(path, value);
  }
}
