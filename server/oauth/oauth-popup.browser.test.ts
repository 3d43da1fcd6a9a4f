// The widget's Authorize button in real Chromium: the popup signs in at a real authorization
// server (oidc-provider on 127.0.0.1), closes itself, and the setup continues in the widget.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { services } from "../testing/service-gate.ts";
import { launchChromium } from "../../widget/testing/chromium.ts";
import { openHostPage } from "../../widget/testing/host-page.ts";
import { createSession } from "../sessions/testing/session-client.ts";
import { SECRET_MASK } from "../../specs/types.ts";
import { startOAuthTestEnv, type OAuthTestEnv } from "./testing/oauth-test-env.ts";

const ok = await services.chromium();
const TASKBOARD = "source-taskboard";

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
});
