// Fetching a description by URL for an import: only from hosts the operator allows (the server's
// config), over http(s), never following a redirect elsewhere, and cut off past a size limit, so
// an import cannot be used to reach internal services or to exhaust memory.
import { ImportError } from "./import-error.ts";

export interface FetchDocumentOptions {
  /** Host names (or `host:port`) that may be fetched; `*` allows any. Empty: URL imports are off. */
  allowedHosts: string[];
  maxBytes: number;
  timeoutMs?: number;
}

export function isAllowedHost(url: URL, allowedHosts: string[]): boolean {
  const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return allowedHosts.some((allowed) => {
    const rule = allowed.trim().toLowerCase();
    if (rule === "*") return true;
    if (rule.includes(":") && !rule.startsWith("[")) return rule === `${host}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
    if (rule.startsWith("*.")) return host.endsWith(rule.slice(1));
    return host === rule;
  });
}

export async function fetchDocument(raw: string, options: FetchDocumentOptions): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ImportError("fetch_failed", `"${raw}" is not a URL.`, "url");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new ImportError("fetch_failed", "Only http and https URLs can be imported.", "url");
  if (!isAllowedHost(url, options.allowedHosts)) {
    throw new ImportError("host_not_allowed", `${url.hostname} is not among the hosts imports may be fetched from (ONRAMP_IMPORT_ALLOWED_HOSTS).`, "url");
  }
  let response: Response;
  try {
    response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(options.timeoutMs ?? 15_000), headers: { accept: "application/json, application/yaml, text/yaml, */*" } });
  } catch (error) {
    throw new ImportError("fetch_failed", `The document could not be fetched: ${(error as Error).message}`, "url");
  }
  if (response.status >= 300 && response.status < 400) {
    throw new ImportError("fetch_failed", `The URL redirects (HTTP ${response.status}); import the final URL instead.`, "url");
  }
  if (!response.ok) throw new ImportError("fetch_failed", `The URL answered HTTP ${response.status}.`, "url");
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > options.maxBytes) throw new ImportError("document_too_large", `The document is larger than ${options.maxBytes} bytes.`, "url");
  const reader = response.body?.getReader();
  if (!reader) return "";
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > options.maxBytes) {
      await reader.cancel();
      throw new ImportError("document_too_large", `The document is larger than ${options.maxBytes} bytes.`, "url");
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
