// The widget's Authorize button in real Chromium: the popup signs in at a real authorization
// server (oidc-provider on 127.0.0.1), closes itself, and the setup continues in the widget.
// Also: Cancel in the widget, and the callback page's message reaching only the allowed origin.
import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { services } from "../testing/service-gate.ts";
import { launchChromium } from "../../widget/testing/chromium.ts";
import { openHostPage } from "../../widget/testing/host-page.ts";
import { createSession, RestSession } from "../sessions/testing/session-client.ts";
import { SECRET_MASK } from "../../specs/types.ts";
import { startOAuthTestEnv, type OAuthTestEnv } from "./testing/oauth-test-env.ts";

const ok = await services.chromium();
const TASKBOARD = "source-taskboard";

async function signIn(popup: Page) {
  await popup.locator('input[name="login"]').fill("ada");
  await popup.locator('input[name="password"]').fill("any password");
  await popup.locator('button[type="submit"]').first().click();
  await popup.getByRole("button", { name: "Continue" }).waitFor({ timeout: 20_000 });
}

async function say(page: Page, text: string) {
  const input = page.locator("#onramp-say");
  await input.fill(text);
  await input.press("Enter");
}

describe.skipIf(!ok)("OAuth popup in the widget", () => {
  let env: OAuthTestEnv;
  let browser: Browser;

  beforeAll(async () => {
    env = await startOAuthTestEnv();
    expect((await env.configureClient(TASKBOARD)).status).toBe(200);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await env?.close();
  });

  async function openSetup() {
    const session = await createSession(env.baseUrl, env.apiToken, { definition_id: TASKBOARD });
    const context = await browser.newContext({ viewport: { width: 560, height: 720 } });
    // Tests stay on 127.0.0.1: the provider's development pages import a web font from the internet.
    const offsite: string[] = [];
    await context.route(
      (url) => url.hostname !== "127.0.0.1",
      (route) => {
        offsite.push(route.request().url());
        return route.abort();
      },
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await openHostPage(page, env.baseUrl, session);
    await page.getByText(/Authentication/).first().waitFor({ timeout: 20_000 });
    await say(page, "Sign in with Taskboard (OAuth)");
    const authorize = page.getByRole("button", { name: "Authorize" });
    await authorize.waitFor({ timeout: 20_000 });
    return { session, page, authorize, errors, context, offsite };
  }

  it("Authorize opens the provider in a popup; after sign-in and consent it closes and the agent asks the next field", async () => {
    const { session, page, authorize, errors, context, offsite } = await openSetup();
    const [popup] = await Promise.all([page.waitForEvent("popup"), authorize.click()]);
    await popup.waitForURL((url) => url.origin === env.oidc.issuer, { timeout: 20_000 });
    await popup.locator('input[name="login"]').fill("ada");
    await popup.locator('input[name="password"]').fill("any password");
    await popup.locator('button[type="submit"]').first().click();
    // The consent page: the scopes Taskboard asks for, and Continue.
    await popup.getByRole("button", { name: "Continue" }).waitFor({ timeout: 20_000 });
    expect(await popup.getByText("tasks:read", { exact: true }).count()).toBeGreaterThan(0);
    const closed = popup.waitForEvent("close", { timeout: 20_000 });
    await popup.getByRole("button", { name: "Continue" }).click();
    await closed;

    await page.getByText(/Start date/).last().waitFor({ timeout: 20_000 });
    expect(await page.getByRole("button", { name: "Authorize" }).count()).toBe(0);
    const snapshot = await env.deps.sessions.snapshot(session.session_id);
    expect(snapshot.form.values.credentials).toMatchObject({ access_token: SECRET_MASK, refresh_token: SECRET_MASK });
    expect(snapshot.form.secrets["/credentials/access_token"]).toMatch(/^sec_/);
    expect(snapshot.pending?.path).toBe("/start_date");
    const accessToken = await env.deps.secrets.get(snapshot.form.secrets["/credentials/access_token"]);
    const pageText = await page.evaluate(() => document.documentElement.outerHTML + (document.querySelector("onramp-setup")?.shadowRoot?.innerHTML ?? ""));
    expect(pageText).not.toContain(accessToken);
    expect(errors).toEqual([]);
    expect(offsite.every((url) => url.startsWith("https://fonts.googleapis.com/"))).toBe(true);
    await context.close();
  });

  it("declining at the provider closes nothing silently: the widget shows why and the agent offers the choice again", async () => {
    const { session, page, authorize, context } = await openSetup();
    const [popup] = await Promise.all([page.waitForEvent("popup"), authorize.click()]);
    await popup.locator('input[name="login"]').fill("ada");
    await popup.locator('input[name="password"]').fill("any password");
    await popup.locator('button[type="submit"]').first().click();
    await popup.getByRole("button", { name: "Continue" }).waitFor({ timeout: 20_000 });
    expect(await popup.getByText("tasks:read", { exact: true }).count()).toBeGreaterThan(0);
    await popup.getByRole("link", { name: /Cancel/ }).click();
    await popup.getByText(/Access was not granted/).waitFor({ timeout: 20_000 });

    await page.getByText(/Access was not granted/).last().waitFor({ timeout: 20_000 });
    const snapshot = await env.deps.sessions.snapshot(session.session_id);
    expect(snapshot.form.secrets["/credentials/access_token"]).toBeUndefined();
    expect(snapshot.pending?.path).toBe("/credentials");
    await context.close();
  });
  it("Cancel while the provider's page is open closes it; the widget shows why, the agent offers the choice again, nothing is stored", async () => {
    const { session, page, authorize, context, errors } = await openSetup();
    const secretsBefore = (await readdir(path.join(env.dataDir, "secrets")).catch(() => [])).length;
    const exchangesBefore = env.oidc.tokenRequests.authorization_code ?? 0;
    const [popup] = await Promise.all([page.waitForEvent("popup"), authorize.click()]);
    await popup.waitForURL((url) => url.origin === env.oidc.issuer, { timeout: 20_000 });
    await popup.locator('input[name="login"]').waitFor({ timeout: 20_000 });
    const closed = popup.waitForEvent("close", { timeout: 20_000 });
    await page.getByRole("group", { name: "Authorization" }).getByRole("button", { name: "Cancel" }).click();
    await closed;

    // The widget says what happened (the oauth.failed message) and the OAuth panel is gone.
    await page.getByText("The sign-in window was closed before access was granted.").first().waitFor({ timeout: 20_000 });
    expect(await page.getByRole("button", { name: "Authorize" }).count()).toBe(0);
    // The agent asks the authentication question again, with the OAuth option among the answers.
    await expect.poll(async () => (await env.deps.sessions.snapshot(session.session_id)).pending?.path, { timeout: 20_000 }).toBe("/credentials");
    await page.getByRole("group", { name: "Quick replies" }).getByText(/Sign in with Taskboard \(OAuth\)/).waitFor({ timeout: 20_000 });
    const snapshot = await env.deps.sessions.snapshot(session.session_id);
    expect(snapshot.oauthPending).toBeNull();
    expect(snapshot.form.secrets).toEqual({});
    expect((await readdir(path.join(env.dataDir, "secrets")).catch(() => [])).length).toBe(secretsBefore);
    expect(env.oidc.tokenRequests.authorization_code ?? 0).toBe(exchangesBefore);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the callback page posts only to the session's allowed origin: an opener on another origin receives nothing", async () => {
    // Two customer pages, served by the browser itself: the allowed one and an impostor.
    const hostPage = `<!doctype html><title>host</title><button id="go">Sign in</button><script>
      window.received = [];
      window.addEventListener("message", (event) => window.received.push({ origin: event.origin, data: event.data }));
      document.getElementById("go").onclick = () => window.open(window.startUrl, "onramp-oauth", "popup,width=520,height=680");
    </script>`;
    async function authorizeFrom(origin: string) {
      const session = await createSession(env.baseUrl, env.apiToken, { definition_id: TASKBOARD, allowed_origin: "https://host.example" });
      const rest = new RestSession(env.baseUrl, session.session_id, session.session_token);
      const request = (await rest.say("Sign in with Taskboard (OAuth)")).find((event) => event.type === "oauth.request") as { startUrl: string };
      // A browser of its own per flow: no provider session carried over from the other one.
      const context = await browser.newContext();
      await context.route(
        (url) => url.hostname !== "127.0.0.1",
        (route) => {
          const host = new URL(route.request().url()).hostname;
          if (host === "host.example" || host === "impostor.example") return route.fulfill({ status: 200, contentType: "text/html", body: hostPage });
          return route.abort();
        },
      );
      const page = await context.newPage();
      await page.goto(`${origin}/setup`);
      await page.evaluate((url) => ((window as any).startUrl = url), request.startUrl);
      const [popup] = await Promise.all([page.waitForEvent("popup"), page.locator("#go").click()]);
      await signIn(popup);
      const closed = popup.waitForEvent("close", { timeout: 20_000 });
      await popup.getByRole("button", { name: "Continue" }).click();
      await closed;
      await expect.poll(async () => (await env.deps.sessions.snapshot(session.session_id)).form.secrets["/credentials/access_token"], { timeout: 20_000 }).toMatch(/^sec_/);
      // Give a message every chance to arrive before reading what did.
      await page.waitForTimeout(500);
      const received = (await page.evaluate(() => (window as any).received)) as Array<{ origin: string; data: any }>;
      await context.close();
      return { session, received };
    }

    // The allowed origin hears the result, from the server's origin, naming its session.
    const allowed = await authorizeFrom("https://host.example");
    expect(allowed.received).toEqual([{ origin: env.baseUrl, data: { type: "oauth.completed", session: allowed.session.session_id, path: "/credentials" } }]);
    // The same flow opened from another origin: the callback page posts nothing it can read.
    const impostor = await authorizeFrom("https://impostor.example");
    expect(impostor.received).toEqual([]);
  });
});
