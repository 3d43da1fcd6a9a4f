// Building check results, and turning the network errors every driver shares into reasons.
import type { CheckReason, CheckResult } from "../types.ts";

export function succeeded(message: string): CheckResult {
  return { status: "succeeded", message };
}

export function failed(reason: CheckReason, message: string, fields: string[] = []): CheckResult {
  return { status: "failed", reason, message, fields };
}

const TLS_CODES = new Set([
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "EPROTO",
]);

export interface Target {
  /** What is being reached, in words: `the database server at db.example.com:5432`. */
  what: string;
  hostFields: string[];
  portFields: string[];
  tlsFields: string[];
}

// Errors come wrapped: undici's "fetch failed" TypeError holds the socket error in `cause`, and a
// host with several addresses fails with an AggregateError whose `errors` each have a code.
const GENERIC_CODES = new Set(["ERR_INVALID_ARG_TYPE", "UND_ERR_SOCKET", "ABORT_ERR"]);

function codeOf(error: any, depth = 0): string | undefined {
  if (!error || typeof error !== "object" || depth > 5) return undefined;
  const own = typeof error.code === "string" && !GENERIC_CODES.has(error.code) ? error.code : undefined;
  if (own) return own;
  const fromCause = codeOf(error.cause, depth + 1);
  if (fromCause) return fromCause;
  if (Array.isArray(error.errors)) {
    const codes = error.errors.map((inner: unknown) => codeOf(inner, depth + 1)).filter(Boolean) as string[];
    // Refused on every address is "refused"; otherwise the first specific reason.
    return codes.find((code) => code === "ECONNREFUSED") ?? codes[0];
  }
  return typeof error.code === "string" ? error.code : undefined;
}

const CLOSED_CODES = new Set(["ECONNRESET", "EPIPE", "PROTOCOL_CONNECTION_LOST", "UND_ERR_CLOSED"]);
// The drivers' own words for a stream that ended before the server said anything (pg, undici, node http).
const CLOSED_WORDS = /connection terminated unexpectedly|server closed the connection unexpectedly|other side closed|socket hang up|connection lost: the server closed/i;

function closedByServer(error: any, code: string | undefined): boolean {
  if (code && CLOSED_CODES.has(code)) return true;
  const messages = [error?.message, error?.cause?.message].filter((message) => typeof message === "string") as string[];
  return messages.some((message) => CLOSED_WORDS.test(message));
}

/** True when the connection was refused (nothing listens): the only failure the port hint is for. */
export function connectionRefused(error: unknown): boolean {
  return codeOf(error) === "ECONNREFUSED";
}

/** A network-level failure (DNS, refused, unreachable, TLS, timeout), or undefined when it is not one. */
export function networkFailure(error: any, target: Target, timeoutMs: number): CheckResult | undefined {
  const code = codeOf(error);
  const message = [error?.message, error?.cause?.message].filter(Boolean).join(" ");
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NONAME" || code === "EAI_FAIL") {
    return failed("dns", `The host name of ${target.what} could not be found in DNS. Check it for typos.`, target.hostFields);
  }
  if (code === "ECONNREFUSED") {
    return failed(
      "unreachable",
      `Nothing accepted the connection to ${target.what}: the server is down, or the host or port is wrong.`,
      [...target.hostFields, ...target.portFields],
    );
  }
  // Something accepted the connection and closed it: whether the driver saw a reset, a broken
  // pipe or an end of stream depends on timing, so all of them are one answer.
  if (closedByServer(error, code)) {
    return failed(
      "unreachable",
      `Something accepted the connection to ${target.what} and then closed it without answering: the port may belong to another kind of server, or the server refuses connections from Onramp's address.`,
      [...target.hostFields, ...target.portFields],
    );
  }
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH" || code === "EADDRNOTAVAIL") {
    return failed(
      "unreachable",
      `The connection to ${target.what} could not be made or was cut (${code}). A firewall may be blocking Onramp, or the host or port is wrong.`,
      [...target.hostFields, ...target.portFields],
    );
  }
  if (code === "ETIMEDOUT" || /timeout|timed out/i.test(message)) {
    return timedOut(target, timeoutMs);
  }
  if ((code && TLS_CODES.has(code)) || /certificate|ssl|tls/i.test(message)) {
    return failed("tls", `The encrypted (TLS) connection to ${target.what} failed: ${tlsWords(code, message)}`, target.tlsFields);
  }
  return undefined;
}

export function timedOut(target: Target, timeoutMs: number): CheckResult {
  return failed(
    "timeout",
    `${capitalise(target.what)} did not answer within ${Math.round(timeoutMs / 100) / 10} s. A firewall may be dropping the connection, or the port belongs to something else.`,
    [...target.hostFields, ...target.portFields],
  );
}

function tlsWords(code: string | undefined, message: string): string {
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") return "the certificate is for a different host name.";
  if (code === "CERT_HAS_EXPIRED") return "the server's certificate has expired.";
  if (code && /SELF_SIGNED|UNABLE_TO/.test(code)) return "the server's certificate is not signed by a trusted authority (give the CA certificate, or use a less strict SSL mode).";
  if (/does not support ssl/i.test(message)) return "the server does not offer encryption; choose an SSL mode that allows an unencrypted connection, or enable SSL on the server.";
  return "check the SSL mode and certificates.";
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
