// The SDK's transport: JSON in and out, the envelope turned into an OnrampError.
import { OnrampError, type ErrorEnvelope } from "./onramp-error.ts";

export interface TransportOptions {
  baseUrl: string;
  token: string;
  /** Defaults to the global fetch; tests pass `app.request`. */
  fetch?: (url: string, init: RequestInit) => Promise<Response>;
  /** How long one request may take before it fails with code "timeout"; default 60 s. */
  timeoutMs?: number;
}

export const DEFAULT_TIMEOUT_MS = 60_000;

export class Transport {
  readonly #baseUrl: string;
  readonly #token: string;
  readonly #fetch: (url: string, init: RequestInit) => Promise<Response>;
  readonly #timeoutMs: number;

  constructor(options: TransportOptions) {
    if (!options.baseUrl) throw new TypeError("Onramp: baseUrl is required");
    if (!options.token) throw new TypeError("Onramp: token is required");
    this.#baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#token = options.token;
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async request<T>(method: string, path: string, options: { body?: unknown; query?: Record<string, string | undefined> } = {}): Promise<T> {
    const query = Object.entries(options.query ?? {}).filter((entry): entry is [string, string] => entry[1] !== undefined);
    const url = `${this.#baseUrl}${path}${query.length ? "?" + new URLSearchParams(query).toString() : ""}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.#token}`, accept: "application/json" };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    const signal = AbortSignal.timeout(this.#timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), signal });
      text = await response.text();
    } catch (error) {
      if (signal.aborted) throw OnrampError.client(`${method} ${path} got no answer within ${this.#timeoutMs} ms`, "timeout");
      throw error;
    }
    let parsed: unknown = undefined;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
    }
    if (!response.ok) {
      const envelope =
        parsed && typeof parsed === "object" && typeof (parsed as ErrorEnvelope).message === "string"
          ? { message: (parsed as ErrorEnvelope).message, errors: (parsed as ErrorEnvelope).errors ?? [] }
          : { message: `HTTP ${response.status}`, errors: [{ field: null, message: text.slice(0, 200), error_code: `http_${response.status}` }] };
      throw new OnrampError(response.status, envelope);
    }
    return parsed as T;
  }
}
