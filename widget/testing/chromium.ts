// Launches the machine's Chromium (Debian package) for the widget's browser tests. Playwright's
// launch() gives every browser a fresh temporary profile; the flags keep it off the network.
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { loadConfig } from "../../server/config.ts";

export const CHROMIUM_PATH = "/usr/bin/chromium";

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * One Chromium for a whole describe block: launched before its tests, closed after them. Read
 * `.browser` inside tests (it exists once the block's beforeAll ran).
 */
export function sharedBrowser(): { readonly browser: Browser } {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    get browser() {
      if (!browser) throw new Error("sharedBrowser() is read before its beforeAll ran");
      return browser;
    },
  };
}

/** The text of the page including every open shadow root (page.textContent skips shadow DOM). */
export const DEEP_TEXT = `(() => {
  const parts = [];
  const walk = (node) => {
    if (node.nodeType === 3) parts.push(node.nodeValue);
    if (node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(document.documentElement);
  return parts.join(" ");
})()`;

/**
 * Where a browser test saves a screenshot: docs/screenshots when ONRAMP_UPDATE_SCREENSHOTS=1 (to
 * refresh the README's pictures on purpose), else a temp folder, so `npm test` leaves the tree clean.
 */
export function screenshotPath(name: string): string {
  if (loadConfig().updateScreenshots) return path.join("docs", "screenshots", name);
  return path.join(os.tmpdir(), "onramp-screenshots", name);
}
