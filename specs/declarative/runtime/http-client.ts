// Sends one request of a stream through fetch (undici) with a timeout and the run's abort signal,
// and applies the error handler: retry with backoff within max_retries, max_time and the run's
// deadline; ignore; or fail with a typed DeclarativeRequestError. Network faults that another
// try cannot mend (DNS, a refused connection, a bad certificate) fail at once.
import { DeclarativeRequestError, PreviewedRequest, type RequestFailure } from "./errors.ts";
import { errorMessageOf, retryAfterSeconds, type ErrorHandler, type Outcome, type Resolution } from "./error-handler.ts";
import type { RunContext } from "./run-context.ts";

export interface PreparedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** The decoded body (JSON value; {} for an empty body). */
  body: unknown;
  url: string;
}

export type Decode = (text: string, headers: Headers) => unknown;

/** Thrown by a decoder for a body it cannot read. */
export class UndecodableBody extends Error {}

export const decodeJson: Decode = (text, headers) => {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    const type = headers.get("content-type")?.split(";")[0] ?? "no content type";
    throw new UndecodableBody(`the API answered with a body that is not JSON (${type})`);
  }
};

export const decodeJsonLines: Decode = (text) =>
  text
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new UndecodableBody("the API answered with a line that is not JSON");
      }
    });

const FINAL_NETWORK_CODES = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL", "ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "ERR_TLS_CERT_ALTNAME_INVALID", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY"]);

function networkCode(error: any, depth = 0): string | undefined {
  if (!error || typeof error !== "object" || depth > 4) return undefined;
  if (typeof error.code === "string" && error.code !== "UND_ERR_SOCKET") return error.code;
  return networkCode(error.cause, depth + 1) ?? (Array.isArray(error.errors) ? error.errors.map((inner: unknown) => networkCode(inner, depth + 1)).find(Boolean) : undefined);
}

export function failureOfStatus(status: number): RequestFailure {
  if (status === 401) return "auth_failed";
  if (status === 403) return "permission_denied";
  if (status === 404 || status === 410) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "server_error";
  return "rejected";
}

function where(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname}`;
  } catch {
    return url.split("?")[0];
  }
}

function statusFailure(request: PreparedRequest, outcome: Outcome, resolution: Resolution, run: RunContext, retryAfter?: number): DeclarativeRequestError {
  const status = outcome.status!;
  const own = errorMessageOf(outcome.body);
  const words = [resolution.message, own && own !== resolution.message ? `The API said: "${own.slice(0, 300)}".` : undefined].filter(Boolean).join(" ");
  return new DeclarativeRequestError(failureOfStatus(status), run.scrub(`${request.method} ${where(request.url)} answered HTTP ${status}.${words ? ` ${words}` : ""}`), {
    status,
    where: where(request.url),
    retryAfter,
    apiMessage: own ? run.scrub(own.slice(0, 300)) : undefined,
  });
}

export interface SendOptions {
  decode: Decode;
  handler: ErrorHandler;
  /** Called on a 401 before failing: true when the authenticator got a new token worth one more try. */
  onUnauthorized?: () => Promise<boolean>;
}

export interface SendResult {
  response: HttpResponse;
  /** The error handler said IGNORE: the page counts as empty. */
  ignored: boolean;
}

/** Sends the request `build()` makes (rebuilt for each try, so a refreshed token is used). */
export async function sendRequest(run: RunContext, build: () => Promise<PreparedRequest>, options: SendOptions): Promise<SendResult> {
  const started = Date.now();
  let attempt = 0;
  let refreshed = false;
  for (;;) {
    const request = await build();
    if (run.preview) throw new PreviewedRequest(request);
    const budget = Math.min(run.requestTimeoutMs, run.remainingMs());
    if (run.signal.aborted || budget <= 0) throw new DeclarativeRequestError("timeout", `No time was left for ${request.method} ${where(request.url)}.`, { where: where(request.url) });
    const timeout = AbortSignal.timeout(budget);
    let outcome: Outcome;
    let response: Response | undefined;
    let text = "";
    run.requests++;
    run.lastWhere = where(request.url);
    try {
      response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, redirect: "follow", signal: AbortSignal.any([run.signal, timeout]) });
      text = await response.text();
    } catch (error) {
      if (timeout.aborted || run.signal.aborted) {
        throw new DeclarativeRequestError("timeout", `${request.method} ${where(request.url)} did not answer within ${Math.round(budget / 100) / 10} s.`, { where: where(request.url), cause: error });
      }
      const code = networkCode(error);
      if (code && FINAL_NETWORK_CODES.has(code)) throw new DeclarativeRequestError("network", run.scrub(`${request.method} ${where(request.url)} failed: ${code}`), { where: where(request.url), cause: error });
      outcome = { error };
    }
    if (response) {
      let body: unknown = {};
      let undecodable: UndecodableBody | undefined;
      try {
        body = options.decode(text, response.headers);
      } catch (error) {
        if (!(error instanceof UndecodableBody)) throw error;
        undecodable = error;
      }
      outcome = { status: response.status, headers: response.headers, body };
      const resolution = options.handler.interpret(outcome);
      if (resolution.action === "SUCCESS") {
        if (undecodable) throw new DeclarativeRequestError("unreadable", `${request.method} ${where(request.url)}: ${undecodable.message}.`, { status: response.status, where: where(request.url) });
        return { response: { status: response.status, headers: response.headers, body, url: request.url }, ignored: false };
      }
      if (resolution.action === "IGNORE") return { response: { status: response.status, headers: response.headers, body: {}, url: request.url }, ignored: true };
      const tokenProblem = response.status === 401 || resolution.action === "REFRESH_TOKEN_THEN_RETRY";
      if (tokenProblem && !refreshed && options.onUnauthorized && (await options.onUnauthorized())) {
        refreshed = true;
        continue;
      }
      if (resolution.action === "FAIL" || resolution.action === "REFRESH_TOKEN_THEN_RETRY" || resolution.action === "RESET_PAGINATION") throw statusFailure(request, outcome, resolution, run);
      // RETRY or RATE_LIMITED: wait and try again, within the bounds.
      const wait = retryWait(options.handler, outcome, attempt);
      if (attempt >= options.handler.maxRetries || (Date.now() - started) / 1000 + wait > options.handler.maxTimeSeconds || Date.now() + wait * 1000 > run.deadline) {
        throw statusFailure(request, outcome, resolution, run, retryAfterSeconds(response.headers) ?? wait);
      }
      attempt++;
      await run.sleep(wait * 1000);
      continue;
    }
    // A network error the error handler may retry.
    const resolution = options.handler.interpret(outcome!);
    const wait = retryWait(options.handler, outcome!, attempt);
    if (resolution.action !== "RETRY" || attempt >= options.handler.maxRetries || Date.now() + wait * 1000 > run.deadline) {
      throw new DeclarativeRequestError("network", run.scrub(`${request.method} ${where(request.url)} failed: ${networkCode(outcome!.error) ?? String((outcome!.error as Error)?.message ?? outcome!.error)}`), { where: where(request.url), cause: outcome!.error });
    }
    attempt++;
    await run.sleep(wait * 1000);
  }
}

/** The manifest's backoff, else the API's Retry-After, else the CDK's default (5 s doubling). */
function retryWait(handler: ErrorHandler, outcome: Outcome, attempt: number): number {
  let strategy: number | undefined;
  try {
    strategy = handler.backoffSeconds(outcome, attempt);
  } catch (error) {
    // WaitTimeFromHeader past its max_waiting_time: no retry can fit.
    if (error instanceof RangeError) return Number.POSITIVE_INFINITY;
    throw error;
  }
  return strategy ?? retryAfterSeconds(outcome.headers) ?? 5 * 2 ** attempt;
}
