// The agent view against a scripted session in real Chromium: streamed replies and what the live
// region announces, focus that stays on the host page until the widget is used, the draft kept
// across a view switch, "Cancel setup", and a multiline secret that keeps its newlines.
import { describe, expect, it } from "vitest";
import type { FieldAsk } from "../../agent/protocol.ts";
import { services } from "../../server/testing/service-gate.ts";
import { DEEP_TEXT, sharedBrowser } from "../testing/chromium.ts";
import { baseSnapshot, focusedId, openMockSession } from "../testing/mock-session.ts";

const ok = await services.chromium();

const hostAsk: FieldAsk = { path: "/host", kind: "field", title: "Host", type: "string", secret: false, required: true };
const spec = {
  type: "object",
  required: ["host", "tunnel"],
  properties: {
    host: { type: "string", title: "Host" },
    port: { type: "integer", title: "Port", default: 5432 },
    tunnel: {
      title: "SSH tunnel",
      oneOf: [
        { title: "No tunnel", properties: { method: { const: "none" } } },
        {
          title: "SSH key",
          required: ["ssh_key"],
          properties: { method: { const: "key" }, ssh_key: { type: "string", title: "SSH private key", airbyte_secret: true, multiline: true } },
        },
      ],
    },
  },
};

/** Records the text of every node added to the role=log region: what a screen reader announces. */
const RECORD_ANNOUNCEMENTS = `(() => {
  const log = document.querySelector("onramp-setup").shadowRoot.querySelector('[role="log"]');
  window.announced = [];
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) window.announced.push(node.textContent);
  }).observe(log, { childList: true, subtree: true });
  return log.getAttribute("aria-live") + " " + log.getAttribute("aria-relevant");
})()`;

describe.skipIf(!ok)("agent view (scripted session)", () => {
  const live = sharedBrowser();

  it("streams agent.delta text visibly and announces only finished messages, each of several", async () => {
    const mock = await openMockSession(live.browser, { snapshot: baseSnapshot({ spec, pending: hostAsk, transcript: [{ role: "agent", text: "Hello.", at: "" }] }) });
    const { page } = mock;
    await page.locator("onramp-setup .help b").filter({ hasText: /^Host/ }).waitFor();
    expect(await page.evaluate(RECORD_ANNOUNCEMENTS)).toBe("polite additions");

    mock.push({ type: "agent.delta", id: "a1", text: "Thanks. " }, { type: "agent.delta", id: "a1", text: "Now the " });
    const streaming = page.locator('onramp-setup .talk > .m.agent[aria-hidden="true"]');
    await expect.poll(() => streaming.textContent()).toBe("Thanks. Now the ");
    // Still streaming: nothing announced, and the partial text is not inside the live region.
    expect(await page.evaluate(() => (window as any).announced)).toEqual([]);
    expect(await page.locator('onramp-setup [role="log"]').textContent()).not.toContain("Now the");

    mock.push({ type: "agent.delta", id: "a1", text: "port?" }, { type: "agent.message", id: "a1", text: "Thanks. Now the port?" });
    await streaming.waitFor({ state: "detached" });
    // Two replies arriving together are both announced, in order (a single live text would keep the last).
    mock.push({ type: "agent.message", id: "a2", text: "Port 5432 is the usual one." }, { type: "agent.message", id: "a3", text: "Type another or take the default." });
    await expect.poll(() => page.evaluate(() => (window as any).announced.length)).toBe(3);
    expect(await page.evaluate(() => (window as any).announced)).toEqual([
      "Assistant: Thanks. Now the port?",
      "Assistant: Port 5432 is the usual one.",
      "Assistant: Type another or take the default.",
    ]);
    // A snapshot re-sending the same transcript (a reconnect) announces nothing again.
    mock.snapshot = baseSnapshot({
      spec,
      pending: hostAsk,
      transcript: ["Hello.", "Thanks. Now the port?", "Port 5432 is the usual one.", "Type another or take the default."].map((text) => ({ role: "agent" as const, text, at: "" })),
    });
    mock.push({ type: "session.snapshot", protocol: 1, session: mock.snapshot });
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as any).announced.length)).toBe(3);
    await page.close();
  });

  it("leaves focus on the host page until the widget is used, then follows each question", async () => {
    const mock = await openMockSession(live.browser, {
      snapshot: baseSnapshot({ spec, pending: hostAsk }),
      hostHtml: `<label>Host search <input id="host-input" autofocus></label>`,
    });
    const { page } = mock;
    await page.locator("#onramp-say").waitFor();
    await page.locator("#host-input").focus();
    mock.push({ ...hostAsk, type: "field.ask", path: "/port", title: "Port", field_type: "integer", default: 5432 });
    await page.locator("onramp-setup .help b").filter({ hasText: /^Port/ }).waitFor();
    await page.waitForTimeout(100);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("host-input");

    // Once the person has clicked into the widget, the next question brings focus to the answer box.
    await page.getByRole("button", { name: "Use default (5432)" }).click();
    mock.push({ ...hostAsk, type: "field.ask", path: "/database", title: "Database" });
    await page.locator("onramp-setup .help b").filter({ hasText: /^Database/ }).waitFor();
    await expect.poll(() => focusedId(page)).toBe("onramp-say");
    await page.close();
  });

  it("keeps text typed in the chat box when switching to the form and back", async () => {
    const mock = await openMockSession(live.browser, { snapshot: baseSnapshot({ spec, pending: hostAsk }) });
    const { page } = mock;
    await page.locator("#onramp-say").fill("db.internal.exam");
    await page.getByRole("button", { name: "Form", exact: true }).click();
    await page.locator("onramp-setup #f_host").waitFor();
    await page.getByRole("button", { name: "Agent", exact: true }).click();
    expect(await page.locator("#onramp-say").inputValue()).toBe("db.internal.exam");
    expect(mock.sent.filter((event) => event.type === "user.message")).toEqual([]);
    await page.close();
  });

  it("cancels the setup from the keyboard after a confirm step, and tells the host page", async () => {
    const mock = await openMockSession(live.browser, {
      snapshot: baseSnapshot({ spec, pending: hostAsk }),
      respond: (event, session) => {
        if (event.type === "session.cancel") session.push({ type: "agent.message", id: "bye", text: "Setup cancelled. Nothing was saved." }, { type: "session.cancelled" });
      },
    });
    const { page } = mock;
    const trigger = page.getByRole("button", { name: "Cancel setup" });
    await trigger.focus();
    await page.keyboard.press("Enter");
    const question = page.getByRole("alertdialog", { name: /Cancel this setup/ });
    await question.waitFor();
    expect(await page.evaluate(() => document.querySelector("onramp-setup")!.shadowRoot!.activeElement?.textContent)).toBe("Keep going");
    // Escape backs out and gives focus back to the button; nothing was sent.
    await page.keyboard.press("Escape");
    await question.waitFor({ state: "detached" });
    expect(await page.evaluate(() => document.querySelector("onramp-setup")!.shadowRoot!.activeElement?.textContent)).toBe("Cancel setup");
    expect(mock.sent.some((event) => event.type === "session.cancel")).toBe(false);

    await page.keyboard.press("Space");
    await question.waitFor();
    await expect.poll(() => page.evaluate(() => document.querySelector("onramp-setup")!.shadowRoot!.activeElement?.textContent)).toBe("Keep going");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.querySelector("onramp-setup")!.shadowRoot!.activeElement?.textContent)).toBe("Yes, cancel");
    await page.keyboard.press("Enter");
    await expect.poll(() => mock.hostEvents()).toEqual([{ name: "onramp:cancelled", detail: {} }]);
    expect(mock.sent.filter((event) => event.type === "session.cancel")).toEqual([{ type: "session.cancel" }]);
    await page.getByText("Setup cancelled", { exact: true }).waitFor();
    expect(await page.locator("#onramp-say").count()).toBe(0);
    expect(await trigger.count()).toBe(0);
    await page.close();
  });

  it("fires onramp:error for a server error event, with its code", async () => {
    const mock = await openMockSession(live.browser, { snapshot: baseSnapshot({ spec, pending: hostAsk }) });
    mock.push({ type: "error", code: "invalid_event", message: "That message was not understood" });
    await expect.poll(() => mock.hostEvents()).toEqual([
      { name: "onramp:error", detail: { code: "invalid_event", message: "That message was not understood", fatal: false } },
    ]);
    await mock.page.getByText("That message was not understood").waitFor();
    await mock.page.close();
  });

  it("takes a multiline secret in a masked textarea and sends its newlines intact", async () => {
    const pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\nAAAAMwAAAAtzc2gtZWQyNTUxOQAAACD3canary9f2\n-----END OPENSSH PRIVATE KEY-----\n";
    const ask: FieldAsk = { path: "/tunnel/ssh_key", kind: "field", title: "SSH private key", type: "string", secret: true, required: true, multiline: true };
    const mock = await openMockSession(live.browser, {
      snapshot: baseSnapshot({ spec, pending: ask, secretMode: { path: "/tunnel/ssh_key" }, form: { ...baseSnapshot().form, values: { tunnel: { method: "key" } } } }),
      respond: (event, session) => event.type === "secret.submit" && session.push({ type: "secret.stored", path: event.path }),
    });
    const { page } = mock;
    const secret = page.locator("onramp-setup #onramp-secret");
    await secret.waitFor();
    expect(await secret.evaluate((element) => [element.tagName, getComputedStyle(element).getPropertyValue("-webkit-text-security"), element.getAttribute("autocomplete"), element.getAttribute("spellcheck")])).toEqual([
      "TEXTAREA",
      "disc",
      "off",
      "false",
    ]);
    await secret.fill(pem);
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => mock.sent.find((event) => event.type === "secret.submit")).toEqual({ type: "secret.submit", path: "/tunnel/ssh_key", value: pem });
    // The frame on the wire carries the newlines, JSON-escaped.
    expect(mock.frames.find((frame) => frame.includes("secret.submit"))).toContain("KEY-----\\nb3Bl");
    await secret.waitFor({ state: "detached" });
    expect(await page.evaluate(DEEP_TEXT)).not.toContain("canary9f2");
    expect(await page.content()).not.toContain("canary9f2");
    const values = await page.evaluate(() => [...document.querySelector("onramp-setup")!.shadowRoot!.querySelectorAll("input, textarea")].map((element) => (element as HTMLInputElement).value).join("\n"));
    expect(values).not.toContain("canary9f2");
    await page.close();
  });
});
