// One HTTP request for a connection check, reduced to its status code. fetch (undici) refuses the
// ports browsers block (1, 9, 6000, 6667, ...) without connecting; an API may well listen there,
// so such a URL is requested with node:http(s) instead, which has no such list.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/** fetch's own refusal of a port on the Fetch standard's "bad ports" list. */
export function isBlockedPort(error: unknown): boolean {
  const cause = (error as { cause?: { message?: unknown } })?.cause;
  return /^bad port$/i.test(String(cause?.message ?? ""));
}

function nodeRequestStatus(url: URL, method: string, headers: Record<string, string>, signal: AbortSignal): Promise<number> {
  const send = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(url, { method, headers, signal }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.end();
  });
}

export async function requestStatus(url: URL, method: string, headers: Record<string, string>, signal: AbortSignal): Promise<number> {
  try {
    const response = await fetch(url, { method, headers, redirect: "follow", signal });
    await response.body?.cancel().catch(() => {});
    return response.status;
  } catch (error) {
    if (!isBlockedPort(error) || signal.aborted) throw error;
    return nodeRequestStatus(url, method, headers, signal);
  }
}
