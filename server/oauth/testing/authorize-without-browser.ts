// Drives a popup's OAuth journey over plain HTTP, the way a browser would: follows redirects,
// carries cookies, fills the provider's login form and approves or declines on its consent page.
// Works with oidc-provider's development pages (server/oauth/testing/oidc-server.ts).

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

export interface AuthorizeOptions {
  decision: "approve" | "deny";
  login?: string;
  /** Cookies survive between calls when the same jar is passed (like one browser). */
  jar?: CookieJar;
  /** Lets a test alter the callback URL before it is requested (e.g. tamper with `state`). */
  beforeCallback?: (url: URL) => URL | Promise<URL>;
  fetch?: FetchLike;
  maxSteps?: number;
}

export interface AuthorizeResult {
  /** The callback URL as requested (after `beforeCallback`). */
  callbackUrl: string;
  status: number;
  html: string;
  /** Every URL visited, for debugging a failed journey. */
  visited: string[];
}

export class CookieJar {
  #cookies = new Map<string, { value: string; path: string; port: string }>();

  store(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";").map((part) => part.trim());
      const equals = pair.indexOf("=");
      const name = pair.slice(0, equals);
      const value = pair.slice(equals + 1);
      const path = attributes.find((attribute) => /^path=/i.test(attribute))?.slice(5) || "/";
      const expired = attributes.some((attribute) => /^max-age=0$/i.test(attribute) || /^expires=Thu, 01 Jan 1970/i.test(attribute));
      // Browsers do not isolate cookies by port; keeping them apart here avoids name clashes between two local servers.
      const key = `${url.port}|${path}|${name}`;
      if (expired || value === "") this.#cookies.delete(key);
      else this.#cookies.set(key, { value, path, port: url.port });
    }
  }

  header(url: URL): string {
    const parts: string[] = [];
    for (const [key, cookie] of this.#cookies) {
      if (cookie.port !== url.port || !url.pathname.startsWith(cookie.path)) continue;
      parts.push(`${key.split("|")[2]}=${cookie.value}`);
    }
    return parts.join("; ");
  }

  names(): string[] {
    return [...this.#cookies.keys()].map((key) => key.split("|")[2]);
  }
}

function formOf(html: string): { action: string; fields: Record<string, string> } | undefined {
  const form = /<form[^>]*action="([^"]+)"[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const fields: Record<string, string> = {};
  for (const input of form[2].matchAll(/<input[^>]*>/gi)) {
    const name = /name="([^"]+)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1];
    if (name) fields[name] = value ?? "";
  }
  return { action: form[1].replace(/&amp;/g, "&"), fields };
}

function abortLink(html: string): string | undefined {
  return /href="([^"]*\/abort)"/.exec(html)?.[1];
}

export async function authorizeWithoutBrowser(startUrl: string, options: AuthorizeOptions): Promise<AuthorizeResult> {
  const jar = options.jar ?? new CookieJar();
  const doFetch = options.fetch ?? ((url, init) => fetch(url, init));
  const visited: string[] = [];
  let next: { url: URL; init: RequestInit } = { url: new URL(startUrl), init: { method: "GET" } };

  for (let step = 0; step < (options.maxSteps ?? 25); step++) {
    let url = next.url;
    const isCallback = url.pathname === "/oauth/callback";
    if (isCallback && options.beforeCallback) url = await options.beforeCallback(new URL(url));
    visited.push(url.toString());
    const headers = new Headers(next.init.headers);
    const cookie = jar.header(url);
    if (cookie) headers.set("cookie", cookie);
    const response = await doFetch(url.toString(), { ...next.init, headers, redirect: "manual" });
    jar.store(url, response);

    if (isCallback) {
      return { callbackUrl: url.toString(), status: response.status, html: await response.text(), visited };
    }
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      next = { url: new URL(location, url), init: { method: "GET" } };
      continue;
    }
    const html = await response.text();
    const form = formOf(html);
    if (!form) throw new Error(`Stuck at ${url} (HTTP ${response.status}): no form and no redirect. Visited: ${visited.join(" → ")}`);
    const prompt = form.fields.prompt;
    if (options.decision === "deny" && prompt === "consent") {
      const abort = abortLink(html);
      if (!abort) throw new Error(`No way to decline at ${url}`);
      next = { url: new URL(abort, url), init: { method: "GET" } };
      continue;
    }
    const body = new URLSearchParams(form.fields);
    if (prompt === "login") {
      body.set("login", options.login ?? "tester");
      body.set("password", "any-password");
    }
    next = {
      url: new URL(form.action, url),
      init: { method: "POST", body: body.toString(), headers: { "content-type": "application/x-www-form-urlencoded" } },
    };
  }
  throw new Error(`Too many steps. Visited: ${visited.join(" → ")}`);
}
