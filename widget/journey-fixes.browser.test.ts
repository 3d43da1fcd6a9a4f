// What a new user hit in the widget, each against a real server in Chromium: Skip in secret mode
// ("skip" never stored), a secret pasted in chat never shown in the sender's bubble, an
// over-long message refused in words with the draft kept and the banner cleared by the next
// action, a host with spaces flagged on blur, a page on another origin told why (not "offline"),
// and a form edit's invalid value shown as the server says.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { services } from "../server/testing/service-gate.ts";
import { optionalSecretDefinition, requiredSecretDefinition } from "../server/sessions/testing/secret-definitions.ts";
import { DEEP_TEXT } from "./testing/chromium.ts";
import { sharedServerAndBrowser } from "./testing/real-server.ts";
import { hostEvents, openHostPage, type HostSession } from "./testing/host-page.ts";

const ok = await services.chromium();

const requiredSecret = requiredSecretDefinition;
const optionalSecret = optionalSecretDefinition;

async function say(page: Page, text: string) {
  await page.locator("#onramp-say").fill(text);
  await page.locator("#onramp-say").press("Enter");
}

/** The sender's own bubbles, without the screen-reader prefix ("You: "). */
const bubbles = async (page: Page) => (await page.locator("onramp-setup .m.user").allTextContents()).map((text) => text.replace(/^You:\s*/, ""));

describe.skipIf(!ok)("journey fixes in the widget", () => {
  let dir = "";
  afterAll(() => (dir ? rm(dir, { recursive: true, force: true }) : undefined));
  const live = sharedServerAndBrowser(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "onramp-widget-defs-"));
    await writeFile(path.join(dir, "source-required-secret.json"), JSON.stringify(requiredSecret));
    await writeFile(path.join(dir, "source-optional-secret.json"), JSON.stringify(optionalSecret));
    return { catalogDirs: [dir] };
  });
  const newSession = (body: Record<string, unknown>): Promise<HostSession> => live.server.api("POST", "/api/v1/setup-sessions", { workspace_name: "default", ...body });
  const snapshot = async (session: HostSession) =>
    (await fetch(`${live.server.baseUrl}/api/v1/setup-sessions/${session.session_id}`, { headers: { authorization: `Bearer ${session.session_token}` } })).json();

  it("secret mode offers Skip for an optional secret only, and 'skip' typed into it is never stored", async () => {
    const page = await live.browser.newPage({ viewport: { width: 560, height: 700 } });
    const session = await newSession({ connector_type: "source-required-secret" });
    await openHostPage(page, live.server.baseUrl, session);
    await say(page, "db.example.com");
    const secret = page.locator("#onramp-secret");
    await secret.waitFor();
    // Required: no Skip button; "skip" typed is refused in words and nothing is stored.
    expect(await page.getByRole("button", { name: "Skip", exact: true }).count()).toBe(0);
    await secret.fill("skip");
    await secret.press("Enter");
    await page.getByText(/API key is required, so it cannot be skipped/).waitFor();
    expect((await snapshot(session)).form.secrets).toEqual({});
    await secret.fill("a-real-api-key-42");
    await secret.press("Enter");
    await secret.waitFor({ state: "detached" });
    expect(Object.keys((await snapshot(session)).form.secrets)).toEqual(["/api_key"]);
    // Optional: Skip is offered; "skip" typed into the box skips too.
    await page.close();
    const second = await live.browser.newPage({ viewport: { width: 560, height: 700 } });
    const optional = await newSession({ connector_type: "source-optional-secret" });
    await openHostPage(second, live.server.baseUrl, optional);
    await say(second, "db.example.com");
    const box = second.locator("#onramp-secret");
    await second.getByRole("button", { name: "Skip", exact: true }).waitFor();
    await box.fill("skip");
    await box.press("Enter");
    await box.waitFor({ state: "detached" });
    const after = await snapshot(optional);
    expect(Object.keys(after.form.secrets)).toEqual([]);
    expect(after.form.values.password).toBeUndefined();
    await second.close();
  });

  it("shows a secret pasted into chat redacted in the sender's own bubble at once, and keeps it nowhere", async () => {
    const page = await live.browser.newPage({ viewport: { width: 560, height: 700 } });
    const session = await newSession({ connector_type: "source-sample-data" });
    await openHostPage(page, live.server.baseUrl, session);
    await page.locator("onramp-setup .help b").first().waitFor();
    const token = "ghp_" + "R7x2".repeat(9);
    await say(page, `users please, and my github token is ${token}`);
    await expect.poll(async () => (await bubbles(page)).length).toBe(1);
    const [bubble] = await bubbles(page);
    expect(bubble).toContain("users please");
    expect(bubble).not.toContain(token);
    expect(await page.evaluate(DEEP_TEXT)).not.toContain(token);
    expect(await page.content()).not.toContain(token);
    await page.close();
  });

  it("refuses an over-long message in words, keeps the draft, and clears the banner on the next action", async () => {
    const page = await live.browser.newPage({ viewport: { width: 560, height: 700 } });
    const session = await newSession({ connector_type: "source-sample-data" });
    await openHostPage(page, live.server.baseUrl, session);
    await page.locator("onramp-setup .help b").first().waitFor();
    const long = "events ".repeat(3000).trim();
    await say(page, long);
    const banner = page.locator("onramp-setup p.note[role=alert]");
    await banner.getByText(/That message is too long to send \(the limit is 20,000 characters\)/).waitFor();
    expect(await banner.textContent()).not.toMatch(/must NOT have more than/);
    await expect.poll(() => page.locator("#onramp-say").inputValue()).toBe(long);
    expect(await bubbles(page)).toEqual([]);
    expect((await snapshot(session)).transcript.some((entry: any) => entry.role === "user")).toBe(false);
    await say(page, "events");
    await banner.waitFor({ state: "detached" });
    await expect.poll(() => bubbles(page)).toEqual(["events"]);
    await page.close();
  });

  it("flags a host with spaces when the field is left, and shows a pattern's words", async () => {
    const page = await live.browser.newPage({ viewport: { width: 560, height: 760 } });
    const session = await newSession({ connector_type: "source-postgres" });
    await openHostPage(page, live.server.baseUrl, session, "form");
    const host = page.locator("onramp-setup #f_host");
    await host.fill("my db host");
    await host.press("Tab");
    await page.locator('onramp-setup [data-path="/host"] .e').getByText("Host must be a host name or IP address, without spaces.").waitFor();
    await host.fill("db.example.com");
    await host.press("Tab");
    await page.locator('onramp-setup [data-path="/host"] .e').waitFor({ state: "detached" });
    expect((await snapshot(session)).form.values.host).toBe("db.example.com");
    await page.close();
  });

  it("tells a page on an origin the session does not allow why, naming allowed_origin, instead of retrying as offline", async () => {
    let html = "";
    const host: Server = createServer((_request, response) => response.writeHead(200, { "content-type": "text/html" }).end(html));
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    try {
      const session = await newSession({ connector_type: "source-sample-data", allowed_origin: "https://app.example.com" });
      html = `<!doctype html><script>window.onrampEvents=[];document.addEventListener("onramp:error",(e)=>onrampEvents.push({name:"onramp:error",detail:e.detail}));</script><script src="${live.server.baseUrl}/widget.js"></script><onramp-setup session-token="${session.session_token}" server="${live.server.baseUrl}"></onramp-setup>`;
      const page = await live.browser.newPage();
      const started = Date.now();
      await page.goto(origin);
      await page.locator("onramp-setup").getByText("This page may not open this setup").waitFor({ timeout: 10_000 });
      await page.locator("onramp-setup").getByText(`This setup session may only be embedded on https://app.example.com (its allowed_origin), not on ${origin}.`).waitFor();
      expect(Date.now() - started).toBeLessThan(10_000);
      const errors = (await hostEvents(page)).filter((event) => event.name === "onramp:error");
      expect(errors).toEqual([{ name: "onramp:error", detail: expect.objectContaining({ code: "session_forbidden", fatal: true, status: 403 }) }]);
      expect(await page.locator("onramp-setup").getByText("Offline, retrying").count()).toBe(0);
      await page.close();
    } finally {
      await new Promise((resolve) => host.close(resolve));
    }
  });

  it("shows a form edit's invalid value as the server says, in the form and in the agent's view", async () => {
    const page = await live.browser.newPage({ viewport: { width: 560, height: 760 } });
    const session = await newSession({ connector_type: "source-sample-data" });
    await openHostPage(page, live.server.baseUrl, session, "form");
    await page.locator("onramp-setup summary").click();
    const records = page.locator("onramp-setup #f_record_count");
    await records.fill("0");
    await records.press("Tab");
    await page.locator('onramp-setup [data-path="/record_count"] .e').getByText("Records per stream must be at least 1.").waitFor();
    const held = await snapshot(session);
    expect(held.form.values.record_count).toBe(0);
    expect(held.form.status["/record_count"]).toBe("invalid");
    // The agent view shows the server's latest word and question, not an older one.
    await page.getByRole("button", { name: "Agent", exact: true }).click();
    const last = held.transcript.filter((entry: any) => entry.role === "agent").at(-1).text;
    await expect.poll(async () => (await page.locator("onramp-setup .m.agent").allTextContents()).at(-1)).toContain(last);
    if (held.pending) await page.locator("onramp-setup .help b").filter({ hasText: new RegExp(`^${held.pending.title}\\b`) }).waitFor();
    await page.close();
  });
});
