import { describe, expect, it } from "vitest";
import { backoffStrategy, CompositeErrorHandler, DefaultErrorHandler, retryAfterSeconds } from "./error-handler.ts";
import { Templates } from "./templates.ts";

const templates = new Templates({}, {});
const outcome = (status: number, body: unknown = {}, headers: Record<string, string> = {}) => ({ status, body, headers: new Headers(headers) });

describe("error handlers", () => {
  it("maps statuses as the CDK's default mapping does", () => {
    const handler = new DefaultErrorHandler({}, templates, "/e", []);
    expect(handler.interpret(outcome(200)).action).toBe("SUCCESS");
    expect(handler.interpret(outcome(401))).toMatchObject({ action: "FAIL", failureType: "config_error" });
    expect(handler.interpret(outcome(429)).action).toBe("RATE_LIMITED");
    expect(handler.interpret(outcome(503)).action).toBe("RETRY");
    expect(handler.interpret(outcome(418)).action).toBe("RETRY");
    expect(handler.interpret({ error: new Error("socket hang up") }).action).toBe("RETRY");
    expect(handler.maxRetries).toBe(5);
  });

  it("applies response filters by code, predicate and message, with the manifest's own error message", () => {
    const handler = new DefaultErrorHandler(
      {
        max_retries: 2,
        response_filters: [
          { http_codes: [404], action: "IGNORE" },
          { predicate: "{{ response.error == 'throttled' }}", action: "RETRY" },
          { error_message_contains: "invalid api key", action: "FAIL", error_message: "Your key: {{ response.message }}" },
        ],
      },
      templates,
      "/e",
      [],
    );
    expect(handler.interpret(outcome(404)).action).toBe("IGNORE");
    expect(handler.interpret(outcome(200, { error: "throttled" })).action).toBe("RETRY");
    expect(handler.interpret(outcome(400, { message: "invalid api key given" }))).toMatchObject({ action: "FAIL", message: "Your key: invalid api key given" });
    expect(handler.maxRetries).toBe(2);
  });

  it("composite: the first retry, ignore or success wins; otherwise the last handler speaks", () => {
    const first = new DefaultErrorHandler({ response_filters: [{ http_codes: [403], action: "FAIL", error_message: "first" }] }, templates, "/e/0", []);
    const second = new DefaultErrorHandler({ response_filters: [{ http_codes: [403], action: "IGNORE" }] }, templates, "/e/1", []);
    expect(new CompositeErrorHandler([first, second]).interpret(outcome(403)).action).toBe("IGNORE");
    expect(new CompositeErrorHandler([second, first]).interpret(outcome(403)).action).toBe("IGNORE");
  });

  it("waits as the backoff strategies say, Retry-After as seconds or a date", () => {
    expect(backoffStrategy({ type: "ConstantBackoffStrategy", backoff_time_in_seconds: 3 }, templates, "/b").seconds(outcome(500), 4)).toBe(3);
    expect(backoffStrategy({ type: "ExponentialBackoffStrategy", factor: 2 }, templates, "/b").seconds(outcome(500), 3)).toBe(16);
    const header = backoffStrategy({ type: "WaitTimeFromHeader", header: "X-Wait", regex: "([0-9]+)s", max_waiting_time_in_seconds: 60 }, templates, "/b");
    expect(header.seconds(outcome(429, {}, { "x-wait": "wait 7s" }), 0)).toBe(7);
    expect(() => header.seconds(outcome(429, {}, { "x-wait": "600s" }), 0)).toThrow(RangeError);
    const until = backoffStrategy({ type: "WaitUntilTimeFromHeader", header: "X-Reset", min_wait: 2 }, templates, "/b");
    expect(until.seconds(outcome(429, {}, { "x-reset": String(Math.floor(Date.now() / 1000) - 5) }), 0)).toBe(2);
    expect(retryAfterSeconds(new Headers({ "retry-after": "4" }))).toBe(4);
    expect(retryAfterSeconds(new Headers({ "retry-after": new Date(Date.now() + 10_000).toUTCString() }))).toBeGreaterThan(7);
  });
});
