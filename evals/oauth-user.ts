// A person in the OAuth popup, played with fetch: follows the start URL to the provider, signs
// in and consents (or aborts), and lets the provider redirect back to the server's callback.
// Works with oidc-provider's interaction pages and any provider whose pages are plain HTML forms.

export interface OAuthPlay {
  /** Where the popup ended (the server's callback, normally). */
  finalUrl: string;
  status: number;
  steps: number;
}

class CookieJar {
  private readonly cookies = new Map<string, Map<string, string>>();
  store(url: string, response: Response): void {
    const host = new URL(url).host;
    const jar = this.cookies.get(host) ?? new Map<string, string>();
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const index = pair.indexOf("=");
      if (index > 0) jar.set(pair.slice(0, index).trim(), pair.slice(index + 1).trim());
    }
    this.cookies.set(host, jar);
  }
  header(url: string): string {
    const jar = this.cookies.get(new URL(url).host);
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join("; ") : "";
  }
}

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

function attribute(tag: string, name: string): string | undefined {
  const match = tag.match(new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, "i"));
  return match ? decodeEntities(match[2] ?? match[3] ?? "") : undefined;
}

interface Form {
  action: string;
  fields: URLSearchParams;
}

function firstForm(html: string, baseUrl: string): Form | undefined {
  const match = html.match(/<form\b[^>]*>([\s\S]*?)<\/form>/i);
  if (!match) return undefined;
  const action = new URL(attribute(match[0].slice(0, match[0].indexOf(">") + 1), "action") ?? baseUrl, baseUrl).toString();
  const fields = new URLSearchParams();
  for (const input of match[1].match(/<input\b[^>]*>/gi) ?? []) {
    const name = attribute(input, "name");
    if (!name) continue;
    const type = (attribute(input, "type") ?? "text").toLowerCase();
    const value = attribute(input, "value");
    if (type === "checkbox" && !/\schecked\b/i.test(input)) continue;
    fields.set(name, value ?? (type === "password" ? "eval-password" : "eval-user"));
  }
  return { action, fields };
}

function abortLink(html: string, baseUrl: string): string | undefined {
  for (const anchor of html.match(/<a\b[^>]*>[\s\S]*?<\/a>/gi) ?? []) {
    const href = attribute(anchor, "href");
    if (href && (/abort|deny|cancel/i.test(href) || /cancel|deny|abort/i.test(anchor))) return new URL(href, baseUrl).toString();
  }
  return undefined;
}

/**
 * Plays the popup from `startUrl` until a URL matching `stopAt` has been loaded (the server's
 * callback) or the pages run out. `decision` picks consent or abort on the provider's pages.
 */
export async function playOAuth(opts: {
  startUrl: string;
  decision: "approve" | "deny";
  stopAt: (url: URL) => boolean;
  maxSteps?: number;
}): Promise<OAuthPlay> {
  const jar = new CookieJar();
  let url = opts.startUrl;
  let init: RequestInit = { method: "GET" };
  for (let step = 1; step <= (opts.maxSteps ?? 20); step++) {
    const headers = new Headers(init.headers);
    const cookie = jar.header(url);
    if (cookie) headers.set("cookie", cookie);
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    jar.store(url, response);
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location) {
      await response.arrayBuffer();
      url = new URL(location, url).toString();
      init = { method: "GET" };
      continue;
    }
    const body = await response.text();
    if (opts.stopAt(new URL(url))) return { finalUrl: url, status: response.status, steps: step };
    const abort = opts.decision === "deny" ? abortLink(body, url) : undefined;
    if (abort) {
      url = abort;
      init = { method: "GET" };
      continue;
    }
    const form = firstForm(body, url);
    if (!form) return { finalUrl: url, status: response.status, steps: step };
    url = form.action;
    init = {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: form.fields.toString(),
    };
  }
  throw new Error(`OAuth popup did not finish within ${opts.maxSteps ?? 20} steps (last at ${new URL(url).pathname})`);
}
