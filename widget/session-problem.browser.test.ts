// A setup link that cannot work, in real Chromium: a wrong token or an unknown session against a
// real server (the snapshot and the WebSocket upgrade both refused) stops the retries at once
// with a clear message and one fatal onramp:error; a server that never answers gives up after
// a bounded number of attempts (on a fake clock) and offers Try again.
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { services } from "../server/testing/service-gate.ts";
import { sharedServerAndBrowser } from "./testing/real-server.ts";
import { hostEvents, openHostPage } from "./testing/host-page.ts";

const ok = await services.chromium();
const EXPIRED = "This setup link has expired or is not valid";

/** Counts the widget's attempts: snapshot fetches and WebSocket opens. */
function countAttempts(page: Page) {
  const counts = { snapshots: 0, sockets: 0 };
  page.on("request", (request) => /\/api\/v1\/setup-sessions\/[^/]+$/.test(new URL(request.url()).pathname) && (counts.snapshots += 1));
  page.on("websocket", () => (counts.sockets += 1));
  return counts;
}

describe.skipIf(!ok)("a setup link that cannot work", () => {
  const live = sharedServerAndBrowser();

  it("a wrong token: says the link is not valid, fires one onramp:error, and stops retrying", async () => {
    const session = await live.server.api("POST", "/api/v1/setup-sessions", { workspace_name: "default", connector_type: "source-sample-data" });
    const page = await live.browser.newPage();
    const counts = countAttempts(page);
    await openHostPage(page, live.server.baseUrl, { session_id: session.session_id, session_token: "oss_not_the_token" });
    await page.getByText(EXPIRED).waitFor({ timeout: 10_000 });
    expect(await page.getByText("Offline, retrying").count()).toBe(0);
    const errors = (await hostEvents(page)).filter((event) => event.name === "onramp:error" && event.detail.fatal);
    expect(errors).toEqual([{ name: "onramp:error", detail: expect.objectContaining({ code: "session_expired", status: 401, fatal: true }) }]);
    const settled = { ...counts };
    await page.waitForTimeout(3000);
    expect(counts).toEqual(settled);
    await page.close();
  });

  it("an unknown session: session_not_found", async () => {
    const page = await live.browser.newPage();
    await openHostPage(page, live.server.baseUrl, { session_id: "ses_does_not_exist", session_token: "oss_whatever" });
    await page.getByText(EXPIRED).waitFor({ timeout: 10_000 });
    expect((await hostEvents(page)).map((event) => event.detail.code)).toEqual(["session_not_found"]);
    await page.close();
  });

  it("a WebSocket upgrade refused after a good first snapshot: the probe finds the 401 and stops", async () => {
    const session = await live.server.api("POST", "/api/v1/setup-sessions", { workspace_name: "default", connector_type: "source-sample-data" });
    const good = await (await fetch(`${live.server.baseUrl}/api/v1/setup-sessions/${session.session_id}`, { headers: { authorization: `Bearer ${session.session_token}` } })).json();
    const page = await live.browser.newPage();
    // The first snapshot answers as if the token were good (it was, a moment ago); the socket
    // and every later request meet the real live.server, which refuses the token.
    let served = false;
    await page.route(/\/api\/v1\/setup-sessions\/[^/]+$/, (route) => {
      if (served) return route.continue();
      served = true;
      return route.fulfill({ json: good });
    });
    await openHostPage(page, live.server.baseUrl, { session_id: session.session_id, session_token: "oss_revoked" });
    await page.getByText(EXPIRED).waitFor({ timeout: 15_000 });
    expect(served).toBe(true);
    expect((await hostEvents(page)).map((event) => event.detail.code)).toEqual(["session_expired"]);
    await page.close();
  });

  it("a live.server that never answers: gives up after a bounded number of attempts and offers Try again", async () => {
    const bundle = readFileSync(path.resolve(import.meta.dirname, "dist/widget.js"), "utf8");
    const page = await live.browser.newPage();
    const counts = countAttempts(page);
    // The host page is routed; the widget's live.server (port 9) refuses every connection for real.
    await page.route("http://127.0.0.1:8/**", (route) =>
      route.request().url().endsWith("/widget.js")
        ? route.fulfill({ body: bundle, contentType: "text/javascript" })
        : route.fulfill({
            contentType: "text/html",
            body: `<!doctype html><script>window.onrampEvents=[];document.addEventListener("onramp:error",(e)=>onrampEvents.push({name:e.type,detail:e.detail}))</script><script type="module" src="/widget.js"></script><onramp-setup session-id="s1" session-token="t" server="http://127.0.0.1:9"></onramp-setup>`,
          }),
    );
    await page.clock.install();
    await page.goto("http://127.0.0.1:8/");
    const unreachable = page.getByText("Can't reach the setup service");
    for (let step = 0; step < 40 && !(await unreachable.isVisible()); step += 1) {
      await page.clock.runFor(2_000);
      await page.waitForTimeout(50);
    }
    expect(await unreachable.isVisible()).toBe(true);
    const fatal = (await hostEvents(page)).filter((event) => event.detail.fatal);
    expect(fatal.map((event) => event.detail.code)).toEqual(["unreachable"]);
    const attempts = counts.sockets;
    expect(attempts).toBeGreaterThanOrEqual(3);
    await page.clock.runFor(120_000);
    await page.waitForTimeout(200);
    expect(counts.sockets).toBe(attempts);

    await page.getByRole("button", { name: "Try again" }).click();
    await unreachable.waitFor({ state: "detached" });
    await expect.poll(() => counts.sockets).toBeGreaterThan(attempts);
    await page.close();
  });
});
