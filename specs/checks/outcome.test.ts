// Network errors arrive wrapped (undici's TypeError with a cause, an AggregateError per address);
// the reason must come from the innermost socket error, not from the wrapper.
import { describe, expect, it } from "vitest";
import { networkFailure, type Target } from "./outcome.ts";

const target: Target = { what: "the API at api.example.com", hostFields: ["/base_url"], portFields: [], tlsFields: ["/base_url"] };

const coded = (code: string) => Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code });
const fetchFailed = (cause: unknown) => Object.assign(new TypeError("fetch failed"), { cause });

describe("networkFailure", () => {
  it("finds a refused connection inside fetch's cause", () => {
    expect(networkFailure(fetchFailed(coded("ECONNREFUSED")), target, 1000)).toMatchObject({ reason: "unreachable", fields: ["/base_url"] });
  });

  it("finds it inside an AggregateError of several addresses (IPv6 then IPv4)", () => {
    const aggregate = new AggregateError([coded("EADDRNOTAVAIL"), coded("ECONNREFUSED")], "");
    expect(networkFailure(fetchFailed(aggregate), target, 1000)).toMatchObject({ reason: "unreachable" });
    const unreachable = new AggregateError([coded("ENETUNREACH"), coded("EHOSTUNREACH")], "");
    expect(networkFailure(fetchFailed(unreachable), target, 1000)).toMatchObject({ reason: "unreachable" });
  });

  it("DNS and timeouts nested in a cause keep their reasons", () => {
    expect(networkFailure(fetchFailed(coded("ENOTFOUND")), target, 1000)).toMatchObject({ reason: "dns" });
    expect(networkFailure(fetchFailed(fetchFailed(coded("ETIMEDOUT"))), target, 1000)).toMatchObject({ reason: "timeout" });
    expect(networkFailure(fetchFailed(new Error("Connect Timeout Error")), target, 1000)).toMatchObject({ reason: "timeout" });
  });

  it("leaves an error that is not a network failure alone", () => {
    expect(networkFailure(fetchFailed(new Error("something else")), target, 1000)).toBeUndefined();
  });
});
