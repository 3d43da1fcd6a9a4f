// Helpers for the console's browser tests: open it with the application token, talk to the
// widget it hosts, read what has focus.
import type { Page } from "playwright-core";
import type { TestServer } from "../../testing/real-server.ts";

export async function openConsole(page: Page, server: TestServer, hash = "") {
  await page.goto(`${server.baseUrl}/#token=${server.appToken}`);
  await page.getByRole("heading", { name: "Sources" }).waitFor();
  if (hash) await page.evaluate((target) => (location.hash = target), hash);
}

/** Waits until the hosted widget asks the field titled `title`. */
export async function waitForQuestion(page: Page, title: string, timeout = 20_000) {
  await page.locator("onramp-setup .help b").filter({ hasText: new RegExp(`^${title}\\b`) }).waitFor({ timeout });
}

/** What has focus: its accessible text or id, and whether it is inside the open dialog. */
export function focused(page: Page) {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return { text: active?.textContent?.trim() || active?.id || "", inDialog: !!active?.closest('[role="dialog"]') };
  });
}

/** A computed style of the first element matching `selector` (outside the widget's shadow root). */
export function styleOf(page: Page, selector: string, property: string): Promise<string> {
  return page.evaluate(([css, name]) => getComputedStyle(document.querySelector(css)!).getPropertyValue(name), [selector, property] as const);
}
