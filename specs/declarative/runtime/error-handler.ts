// DefaultErrorHandler and CompositeErrorHandler: what a response (or a network error) means —
// success, retry, ignore, fail, rate limited — from the manifest's response filters first, then
// the CDK's default mapping of status codes; and how long to wait before a retry (the backoff
// strategies, else the API's Retry-After, else the CDK's exponential default).
import { ManifestError } from "./errors.ts";
import type { Templates } from "./templates.ts";

export type ResponseAction = "SUCCESS" | "FAIL" | "RETRY" | "IGNORE" | "RATE_LIMITED" | "RESET_PAGINATION" | "REFRESH_TOKEN_THEN_RETRY";

export interface Resolution {
  action: ResponseAction;
  failureType?: string;
  message?: string;
}

/** What the handler looks at: a response with its decoded body, or a network error. */
export interface Outcome {
  status?: number;
  headers?: Headers;
  /** The decoded JSON body ({} when it is not JSON). */
  body?: unknown;
  error?: unknown;
}

// The CDK's DEFAULT_ERROR_MAPPING.
const DEFAULT_MAPPING: Record<number, Resolution> = {
  400: { action: "FAIL", failureType: "system_error", message: "Bad request. Please check your request parameters." },
  401: { action: "FAIL", failureType: "config_error", message: "Unauthorized. Please ensure you are authenticated correctly." },
  403: { action: "FAIL", failureType: "config_error", message: "Forbidden. You don't have permission to access this resource." },
  404: { action: "FAIL", failureType: "system_error", message: "Not found. The requested resource was not found on the server." },
  405: { action: "FAIL", failureType: "system_error", message: "Method not allowed. Please check your request method." },
  408: { action: "RETRY", failureType: "transient_error", message: "Request timeout." },
  429: { action: "RATE_LIMITED", failureType: "transient_error", message: "Too many requests." },
  500: { action: "RETRY", failureType: "transient_error", message: "Internal server error." },
  502: { action: "RETRY", failureType: "transient_error", message: "Bad gateway." },
  503: { action: "RETRY", failureType: "transient_error", message: "Service unavailable." },
  504: { action: "RETRY", failureType: "transient_error", message: "Gateway timeout." },
};

const ACTIONS = new Set<ResponseAction>(["SUCCESS", "FAIL", "RETRY", "IGNORE", "RATE_LIMITED", "RESET_PAGINATION", "REFRESH_TOKEN_THEN_RETRY"]);

const ok = (status: number) => status >= 200 && status < 400;

/** The first error message a JSON body carries (the CDK's JsonErrorMessageParser, roughly). */
export function errorMessageOf(body: unknown): string | undefined {
  const KEYS = ["message", "messages", "error", "errors", "failures", "failure", "detail", "err", "error_message", "msg", "reason", "status_message"];
  const visit = (value: unknown, depth: number): string | undefined => {
    if (depth > 4 || value === null || value === undefined) return undefined;
    if (typeof value === "string") return value || undefined;
    if (Array.isArray(value)) return value.map((item) => visit(item, depth + 1)).filter(Boolean).join(", ") || undefined;
    if (typeof value === "object") {
      for (const key of KEYS) if (key in (value as object)) {
        const found = visit((value as Record<string, unknown>)[key], depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  };
  return visit(body, 0);
}

function headersObject(headers: Headers | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  headers?.forEach((value, key) => (out[key] = value));
  return out;
}

class ResponseFilter {
  private readonly action?: ResponseAction;
  private readonly codes: Set<number>;
  constructor(
    private readonly model: Record<string, any>,
    private readonly templates: Templates,
    at: string,
  ) {
    if (model.action !== undefined) {
      if (!ACTIONS.has(model.action)) throw new ManifestError(`unknown response action ${model.action}`, at);
      this.action = model.action;
    }
    this.codes = new Set((model.http_codes ?? []).map(Number));
  }

  matches(outcome: Outcome): Resolution | undefined {
    if (outcome.status === undefined || !this.action) return undefined;
    const variables = { response: outcome.body ?? {}, headers: headersObject(outcome.headers) };
    const hit =
      this.codes.has(outcome.status) ||
      (typeof this.model.predicate === "string" && this.model.predicate !== "" && this.templates.boolean(this.model.predicate, variables)) ||
      (typeof this.model.error_message_contains === "string" && this.model.error_message_contains !== "" && (errorMessageOf(outcome.body) ?? "").includes(this.model.error_message_contains));
    if (!hit) return undefined;
    const fallback = DEFAULT_MAPPING[outcome.status];
    const custom = this.model.error_message ? this.templates.text(this.model.error_message, variables) : "";
    return {
      action: this.action,
      failureType: this.action === "FAIL" && this.model.failure_type ? this.model.failure_type : fallback?.failureType ?? "system_error",
      message: custom || fallback?.message || "",
    };
  }
}

export interface BackoffStrategy {
  /** Seconds to wait before attempt `attempt` (0-based count of retries so far), or undefined. */
  seconds(outcome: Outcome, attempt: number): number | undefined;
}

function header(outcome: Outcome, name: string): string | undefined {
  return outcome.headers?.get(name) ?? undefined;
}

function numberFrom(text: string | undefined, regex: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  let value = text;
  if (regex) {
    const match = new RegExp(regex).exec(text);
    if (!match) return undefined;
    value = match[1] ?? match[0];
  }
  const parsed = Number.parseFloat(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

export function backoffStrategy(model: Record<string, any>, templates: Templates, at: string): BackoffStrategy {
  const number = (value: unknown, fallback: number) => {
    const rendered = Number(templates.string(value ?? fallback));
    if (!Number.isFinite(rendered)) throw new ManifestError(`backoff value ${String(value)} is not a number`, at);
    return rendered;
  };
  switch (model.type) {
    case "ConstantBackoffStrategy": {
      const seconds = number(model.backoff_time_in_seconds, 5);
      return { seconds: () => seconds };
    }
    case "ExponentialBackoffStrategy": {
      const factor = number(model.factor, 5);
      return { seconds: (_outcome, attempt) => factor * 2 ** attempt };
    }
    case "WaitTimeFromHeader": {
      const max = model.max_waiting_time_in_seconds === undefined ? undefined : number(model.max_waiting_time_in_seconds, 0);
      return {
        seconds: (outcome) => {
          const wait = numberFrom(header(outcome, templates.text(model.header)), model.regex);
          if (wait !== undefined && max !== undefined && wait > max) throw new RangeError(`the API asked to wait ${wait} s, more than the ${max} s the connector allows`);
          return wait;
        },
      };
    }
    case "WaitUntilTimeFromHeader": {
      const minWait = model.min_wait === undefined ? undefined : number(model.min_wait, 0);
      return {
        seconds: (outcome) => {
          const until = numberFrom(header(outcome, templates.text(model.header)), model.regex);
          if (until === undefined) return minWait;
          const wait = until - Date.now() / 1000;
          return Math.max(wait, minWait ?? 0);
        },
      };
    }
    default:
      throw new ManifestError(`unknown backoff strategy ${model.type}`, at);
  }
}

/** Seconds from a Retry-After header (delta seconds or an HTTP date). */
export function retryAfterSeconds(headers: Headers | undefined): number | undefined {
  const value = headers?.get("retry-after");
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

export interface ErrorHandler {
  interpret(outcome: Outcome): Resolution;
  backoffSeconds(outcome: Outcome, attempt: number): number | undefined;
  maxRetries: number;
  /** Longest total time to spend retrying one request, seconds. */
  maxTimeSeconds: number;
}

/** The CDK's fallback for what no filter and no default mapping covers. */
function fallback(outcome: Outcome): Resolution {
  if (outcome.status === undefined) return { action: "RETRY", failureType: "transient_error", message: "The request failed before a response came." };
  if (ok(outcome.status)) return { action: "SUCCESS" };
  return DEFAULT_MAPPING[outcome.status] ?? { action: "RETRY", failureType: "system_error", message: `Unexpected response with HTTP status ${outcome.status}` };
}

export class DefaultErrorHandler implements ErrorHandler {
  private readonly filters: ResponseFilter[];
  private readonly strategies: BackoffStrategy[];
  readonly maxRetries: number;
  readonly maxTimeSeconds: number;

  constructor(model: Record<string, any>, templates: Templates, at: string, strategies: BackoffStrategy[]) {
    this.filters = (model.response_filters ?? []).map((filter: Record<string, any>, index: number) => new ResponseFilter(filter, templates.with(filter.$parameters), `${at}/response_filters/${index}`));
    this.strategies = strategies;
    const retries = model.max_retries === undefined ? 5 : Number(templates.string(model.max_retries, {}, 5));
    if (!Number.isInteger(retries) || retries < 0) throw new ManifestError(`max_retries ${String(model.max_retries)} is not a whole number`, at);
    this.maxRetries = retries;
    this.maxTimeSeconds = Number(model.max_time ?? 600);
  }

  interpret(outcome: Outcome): Resolution {
    for (const filter of this.filters) {
      const resolution = filter.matches(outcome);
      if (resolution) return resolution;
    }
    return fallback(outcome);
  }

  backoffSeconds(outcome: Outcome, attempt: number): number | undefined {
    for (const strategy of this.strategies) {
      const seconds = strategy.seconds(outcome, attempt);
      if (seconds) return seconds;
    }
    return undefined;
  }
}

export class CompositeErrorHandler implements ErrorHandler {
  constructor(private readonly handlers: ErrorHandler[]) {}
  get maxRetries(): number {
    return this.handlers[0]?.maxRetries ?? 5;
  }
  get maxTimeSeconds(): number {
    return Math.max(0, ...this.handlers.map((handler) => handler.maxTimeSeconds));
  }
  interpret(outcome: Outcome): Resolution {
    let last: Resolution | undefined;
    for (const handler of this.handlers) {
      last = handler.interpret(outcome);
      // As the CDK: only these end the search; a FAIL or RATE_LIMITED lets the next handler speak.
      if (last.action === "SUCCESS" || last.action === "RETRY" || last.action === "IGNORE") return last;
    }
    return last ?? fallback(outcome);
  }
  backoffSeconds(outcome: Outcome, attempt: number): number | undefined {
    for (const handler of this.handlers) {
      const seconds = handler.backoffSeconds(outcome, attempt);
      if (seconds) return seconds;
    }
    return undefined;
  }
}
