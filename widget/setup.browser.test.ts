// The widget against a real Onramp server (in-process, 127.0.0.1) in real Chromium: a Postgres
// source set up by chat against the machine's PostgreSQL, a form edit the agent picks up,
// secret mode that leaks the canary nowhere, a failing test that jumps to its field, and a
// keyboard-only setup reached with Tab from the host page.
import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import type { Page, WebSocketRoute } from "playwright-core";
import { services } from "../server/testing/service-gate.ts";
import { DEEP_TEXT, screenshotPath } from "./testing/chromium.ts";
import { sharedServerAndBrowser } from "./testing/real-server.ts";
import { hostEvents, openHostPage, type HostSession } from "./testing/host-page.ts";

const ok = (await services.chromium()) && (await services.postgres());

async function say(page: Page, text: string) {
  const input = page.locator("#onramp-say");
  await input.fill(text);
  await input.press("Enter");
}

/** Waits until the widget's current question (its help card) is the field titled `title`. */
async function waitForQuestion(page: Page, title: string, timeout = 20_000) {
  await page.locator("onramp-setup .help b").filter({ hasText: new RegExp(`^${title}\\b`) }).waitFor({ timeout });
}

async function waitForText(page: Page, pattern: RegExp, timeout = 20_000) {
  await page.getByText(pattern).last().waitFor({ timeout });
}

/** The id (or, without one, the text) of what has focus inside the widget; null when focus is outside it. */
function shadowFocus(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.querySelector("onramp-setup")!.shadowRoot!.activeElement as HTMLElement | null;
    return active ? active.id || active.textContent || active.tagName : null;
  });
}

/** Presses Tab (or Shift+Tab) until `target` (an id or a control's text) has focus; fails after 60 presses. */
async function tabTo(page: Page, target: string, backwards = false) {
  for (let presses = 0; presses < 60; presses += 1) {
    if ((await shadowFocus(page)) === target) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

describe.skipIf(!ok)("widget against a real server", () => {
  const live = sharedServerAndBrowser();

  const newSession = (body: Record<string, unknown>): Promise<HostSession> =>
    live.server.api("POST", "/api/v1/setup-sessions", { workspace_name: "default", ...body });

  it("sets up Postgres by chat, with a form edit mid-way and secret mode that leaks nothing", async () => {
    const canary = `Cn${randomBytes(9).toString("hex")}`;
    const page = await live.browser.newPage({ viewport: { width: 560, height: 700 } });
    const framesReceived: string[] = [];
    page.on("websocket", (socket) => socket.on("framereceived", (frame) => framesReceived.push(String(frame.payload))));
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    const session = await newSession({ connector_type: "source-postgres" });
    await openHostPage(page, live.server.baseUrl, session);

    await waitForQuestion(page, "Host");
    // The widget does not take focus from the host page on load...
    expect(await shadowFocus(page)).toBe(null);
    await say(page, "127.0.0.1");
    await waitForQuestion(page, "Port");
    // ...but once it is in use, each question brings focus to the answer box.
    await expect.poll(() => shadowFocus(page)).toBe("onramp-say");
    await page.getByRole("button", { name: /Use default/ }).click();
    await waitForQuestion(page, "Database");
    await page.screenshot({ path: screenshotPath("agent-view.png") });

    // Mid-way: answer the current question in the form instead, then come back.
    await page.getByRole("button", { name: "Form", exact: true }).click();
    await expect.poll(() => page.locator("#f_host").inputValue()).toBe("127.0.0.1");
    await page.locator("#f_database").fill("test");
    await page.locator("#f_database").press("Tab");
    await page.getByRole("button", { name: "Agent", exact: true }).click();
    await waitForQuestion(page, "User");
    // The form's answer counts: Database is never asked again.
    expect(framesReceived.filter((frame) => frame.includes('"field.ask"') && frame.includes('"path":"/database"'))).toHaveLength(1);

    await say(page, "postgres");
    const secret = page.locator("#onramp-secret");
    await secret.waitFor();
    expect(await secret.getAttribute("type")).toBe("password");
    await waitForText(page, /never sent to the AI/);
    await secret.fill(canary);
    await page.screenshot({ path: screenshotPath("secret-mode.png") });
    await secret.press("Enter");
    // The masked input is emptied or gone at once; reading it must not wait for it to exist.
    const secretLeft = () =>
      page.evaluate(() => (document.querySelector("onramp-setup")!.shadowRoot!.querySelector("#onramp-secret") as HTMLInputElement | null)?.value ?? "");
    expect(await secretLeft()).toBe("");

    await expect.poll(async () => (await hostEvents(page)).find((event) => event.name === "onramp:completed")?.detail?.connectorId, { timeout: 30_000 }).toBeTruthy();
    const connectorId = (await hostEvents(page)).find((event) => event.name === "onramp:completed")!.detail.connectorId;
    await waitForText(page, /Connector saved/);

    const connector = await live.server.api("GET", `/api/v1/integrations/connectors/${connectorId}`);
    expect(JSON.stringify(connector)).toContain("test");
    const snapshot = await (
      await fetch(`${live.server.baseUrl}/api/v1/setup-sessions/${session.session_id}`, { headers: { authorization: `Bearer ${session.session_token}` } })
    ).json();
    expect(snapshot.form.values).toMatchObject({ host: "127.0.0.1", port: 5432, database: "test", username: "postgres" });

    // The canary is nowhere: page text (shadow DOM included), transcript, storage, received frames.
    expect(await page.evaluate(DEEP_TEXT)).not.toContain(canary);
    expect(await page.content()).not.toContain(canary);
    expect(JSON.stringify(snapshot)).not.toContain(canary);
    expect(JSON.stringify(connector)).not.toContain(canary);
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(storage).not.toContain(canary);
    expect(framesReceived.length).toBeGreaterThan(5);
    expect(framesReceived.join("\n")).not.toContain(canary);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows a failing test's card and jumps to the field it names", async () => {
    const page = await live.browser.newPage({ viewport: { width: 560, height: 760 } });
    let results = 0;
    const sent: string[] = [];
    page.on("websocket", (socket) => {
      socket.on("framereceived", (frame) => String(frame.payload).includes('"test.result"') && (results += 1));
      socket.on("framesent", (frame) => sent.push(String(frame.payload)));
    });
    const session = await newSession({ connector_type: "source-postgres" });
    // Fill the form over the REST twin with a port nothing listens on, then test from the widget.
    const patch = await fetch(`${live.server.baseUrl}/api/v1/setup-sessions/${session.session_id}/form`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${session.session_token}`, "content-type": "application/json" },
      body: JSON.stringify({
        base_version: 0,
        ops: [
          { op: "set", path: "/host", value: "127.0.0.1" },
          { op: "set", path: "/port", value: 1 },
          { op: "set", path: "/database", value: "test" },
          { op: "set", path: "/username", value: "postgres" },
        ],
      }),
    });
    expect(patch.status).toBe(200);
    // The optional password too, so nothing is left to ask and the agent runs the check.
    const stored = await fetch(`${live.server.baseUrl}/api/v1/setup-sessions/${session.session_id}/secrets`, {
      method: "POST",
      headers: { authorization: `Bearer ${session.session_token}`, "content-type": "application/json" },
      body: JSON.stringify({ path: "/password", value: `pw-${randomBytes(6).toString("hex")}` }),
    });
    expect(stored.status).toBe(200);
    await openHostPage(page, live.server.baseUrl, session, "form");
    // The failed result is part of the snapshot, so the card shows on load.
    await waitForText(page, /The connection test failed/, 30_000);
    expect(await page.getByText(/password/i).filter({ hasText: "stored" }).count()).toBeGreaterThan(0);
    await page.getByRole("button", { name: "Agent", exact: true }).click();
    const link = page.getByRole("button", { name: "Port", exact: true });
    await link.click();
    await expect
      .poll(() => page.evaluate(() => document.querySelector("onramp-setup")!.shadowRoot!.activeElement?.id))
      .toBe("f_port");
    expect(await page.getByRole("button", { name: "Form", exact: true }).getAttribute("aria-pressed")).toBe("true");
    await page.screenshot({ path: screenshotPath("form-view.png") });

    // The stored password shows as "stored"; a new one typed in the form leaves by secret.submit
    // only, and Copy JSON carries the mask.
    const passwordField = page.locator('onramp-setup [data-path="/password"]');
    expect(await passwordField.locator(".stored").count()).toBe(1);
    const replacement = `Cn${randomBytes(9).toString("hex")}`;
    await page.locator("#f_password").fill(replacement);
    await page.locator("#f_password").press("Enter");
    expect(await page.locator("#f_password").inputValue()).toBe("");
    await expect.poll(() => sent.some((frame) => frame.includes('"secret.submit"') && frame.includes(replacement))).toBe(true);
    expect(sent.filter((frame) => frame.includes(replacement) && !frame.includes('"secret.submit"'))).toEqual([]);
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: live.server.baseUrl });
    await page.getByRole("button", { name: "Copy JSON" }).click();
    await page.getByText(/Copied the configuration/).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(JSON.parse(copied)).toMatchObject({ host: "127.0.0.1", port: 1, password: "**********" });
    expect(copied).not.toContain(replacement);

    // Fix the port where the jump landed, then Test and save from the form.
    await page.locator("#f_port").fill("5432");
    await page.locator("#f_port").press("Tab");
    const before = results;
    await page.getByRole("button", { name: "Test and save" }).click();
    await expect.poll(() => results, { timeout: 30_000 }).toBeGreaterThan(before);
    await expect.poll(async () => (await hostEvents(page)).some((event) => event.name === "onramp:completed"), { timeout: 30_000 }).toBe(true);
    await page.close();
  });

  it("completes a setup with the keyboard only, Tab-navigating to the answer box, a quick reply, the view switch, a form field and Test and save", async () => {
    const page = await live.browser.newPage({ viewport: { width: 560, height: 700 } });
    const session = await newSession({ connector_type: "source-postgres" });
    await openHostPage(page, live.server.baseUrl, session);
    await waitForQuestion(page, "Host");
    // From the host page into the widget with Tab alone.
    await tabTo(page, "onramp-say");
    await page.keyboard.type("127.0.0.1");
    await page.keyboard.press("Enter");
    await waitForQuestion(page, "Port");
    // A quick reply sits before the answer box: Shift+Tab back to it, Space presses it.
    await tabTo(page, "Use default (5432)", true);
    await page.keyboard.press("Space");
    await waitForQuestion(page, "Database");
    await expect.poll(() => shadowFocus(page)).toBe("onramp-say");
    // The live region has the finished reply that asked it (not streamed pieces).
    expect(await page.locator('onramp-setup [role="log"] .m.agent').last().textContent()).toMatch(/\bdatabase\?/i);
    // A database that does not exist, so the test fails and the fix happens in the form.
    await page.keyboard.type("no_such_database");
    await page.keyboard.press("Enter");
    await waitForQuestion(page, "User");
    await page.keyboard.type("postgres");
    await page.keyboard.press("Enter");
    await page.locator("#onramp-secret").waitFor();
    await expect.poll(() => shadowFocus(page)).toBe("onramp-secret");
    await page.keyboard.type(`kb-${randomBytes(6).toString("hex")}`);
    await page.keyboard.press("Enter");
    await waitForText(page, /The connection test failed/, 30_000);

    // The view switch, by keyboard; then the field, then Test and save.
    await tabTo(page, "Form", true);
    await page.keyboard.press("Enter");
    await page.locator("onramp-setup #f_database").waitFor();
    await tabTo(page, "f_database");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("test");
    await tabTo(page, "Test and save");
    // Leaving the field sent it; a form edit alone tests and saves nothing.
    await page.waitForTimeout(1000);
    expect((await hostEvents(page)).some((event) => event.name === "onramp:completed")).toBe(false);
    await page.keyboard.press("Enter");
    await expect.poll(async () => (await hostEvents(page)).some((event) => event.name === "onramp:completed"), { timeout: 30_000 }).toBe(true);
    await page.close();
  });

  it("Cancel setup ends the session on the live.server and fires onramp:cancelled", async () => {
    const page = await live.browser.newPage({ viewport: { width: 560, height: 700 } });
    const session = await newSession({ connector_type: "source-postgres" });
    await openHostPage(page, live.server.baseUrl, session);
    await waitForQuestion(page, "Host");
    await page.getByRole("button", { name: "Cancel setup" }).click();
    await page.getByRole("button", { name: "Yes, cancel" }).click();
    await expect.poll(async () => (await hostEvents(page)).map((event) => event.name)).toEqual(["onramp:cancelled"]);
    await page.getByText("Setup cancelled", { exact: true }).waitFor();
    const snapshot = await (
      await fetch(`${live.server.baseUrl}/api/v1/setup-sessions/${session.session_id}`, { headers: { authorization: `Bearer ${session.session_token}` } })
    ).json();
    expect(snapshot.status).toBe("cancelled");
    expect(snapshot.connectorId).toBeNull();
    await page.close();
  });

  it("survives a dropped socket without losing a message, and restores the session on reload", async () => {
    const page = await live.browser.newPage({ viewport: { width: 560, height: 700 } });
    let down = false;
    const sockets: WebSocketRoute[] = [];
    // Every socket goes through this proxy to the real live.server, so the test can cut it.
    await page.routeWebSocket(/\/ws\?/, (socket) => {
      if (down) return socket.close({ code: 4000, reason: "network down" });
      socket.connectToServer();
      sockets.push(socket);
    });
    const session = await newSession({ connector_type: "source-postgres" });
    await openHostPage(page, live.server.baseUrl, session);
    await waitForQuestion(page, "Host");

    down = true;
    for (const socket of sockets.splice(0)) await socket.close({ code: 4000, reason: "network down" });
    await say(page, "127.0.0.1");
    await page.waitForTimeout(400);
    down = false;
    await waitForQuestion(page, "Port", 30_000);
    await expect.poll(() => page.locator("onramp-setup .dot").getAttribute("title"), { timeout: 20_000 }).toBe("open");
    await say(page, "5433");
    await waitForQuestion(page, "Database");
    // Each answer once: nothing lost while the socket was down, nothing sent twice.
    const userLines = () => page.locator("onramp-setup .m.user").allTextContents();
    expect(await userLines()).toEqual(["You: 127.0.0.1", "You: 5433"]);

    await page.reload();
    await waitForQuestion(page, "Database");
    expect(await userLines()).toEqual(["You: 127.0.0.1", "You: 5433"]);
    // The pending question (with its help) is back; focus stays with the page until the widget is used.
    await page.locator("onramp-setup .help").getByText("Database", { exact: true }).waitFor();
    expect(await shadowFocus(page)).toBe(null);
    await page.close();
  });

  it("Cancel leaves secret mode; a secret then typed in chat is never shown", async () => {
    const page = await live.browser.newPage({ viewport: { width: 560, height: 700 } });
    const framesReceived: string[] = [];
    page.on("websocket", (socket) => socket.on("framereceived", (frame) => framesReceived.push(String(frame.payload))));
    const session = await newSession({ connector_type: "source-postgres" });
    const patch = await fetch(`${live.server.baseUrl}/api/v1/setup-sessions/${session.session_id}/form`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${session.session_token}`, "content-type": "application/json" },
      body: JSON.stringify({
        base_version: 0,
        ops: [
          { op: "set", path: "/host", value: "127.0.0.1" },
          { op: "set", path: "/port", value: 5432 },
          { op: "set", path: "/database", value: "test" },
          { op: "set", path: "/username", value: "postgres" },
        ],
      }),
    });
    expect(patch.status).toBe(200);
    await openHostPage(page, live.server.baseUrl, session);
    // Secret mode is part of the snapshot: it is back after a load.
    const secret = page.locator("#onramp-secret");
    await secret.waitFor();
    await page.getByRole("button", { name: "Cancel", exact: true }).click();
    await secret.waitFor({ state: "detached" });
    await page.getByRole("button", { name: "Skip" }).waitFor();

    const canary = `Cn${randomBytes(9).toString("hex")}`;
    await say(page, canary);
    await page.waitForTimeout(1500);
    expect(await page.evaluate(DEEP_TEXT)).not.toContain(canary);
    expect(framesReceived.join("\n")).not.toContain(canary);
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(storage).not.toContain(canary);
    await page.close();
  });
});
