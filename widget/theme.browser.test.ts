// Contrast of the accent in both themes, measured on the rendered widget in Chromium: white text
// on accent fills and accent text on the background must reach WCAG AA (4.5:1), and dark mode
// sets color-scheme so native controls (number spinners, scrollbars) are dark too. Also writes
// the dark-mode screenshot for docs/widget.md.
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { FieldAsk } from "../agent/protocol.ts";
import { services } from "../server/testing/service-gate.ts";
import { screenshotPath, sharedBrowser } from "./testing/chromium.ts";
import { baseSnapshot, openMockSession } from "./testing/mock-session.ts";

const ok = await services.chromium();

const spec = {
  type: "object",
  required: ["host", "port"],
  properties: {
    host: { type: "string", title: "Host", description: 'Hostname of the server. <a href="https://docs.example.com/host">Where to find it</a>.' },
    port: { type: "integer", title: "Port", default: 5432 },
    ssl: { type: "boolean", title: "Use TLS", always_show: true },
  },
};
const ask: FieldAsk = { path: "/port", kind: "field", title: "Port", type: "integer", secret: false, required: true, default: 5432, description: "TCP port the database listens on." };
const transcript = [
  { role: "agent" as const, text: "Let's set up Postgres. What is the Host?", at: "" },
  { role: "user" as const, text: "db.internal.example.com", at: "" },
  { role: "agent" as const, text: "Got it: Host = db.internal.example.com. What is the Port?", at: "" },
];

/** [selector, text colour, background colour, contrast] for every accent-coloured control on screen. */
const MEASURE = `(() => {
  const root = document.querySelector("onramp-setup").shadowRoot;
  const rgb = (value) => value.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const luminance = (value) => {
    const [r, g, b] = rgb(value).map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const backgroundOf = (element) => {
    for (let node = element; node; node = node.parentElement || node.getRootNode().host) {
      const background = getComputedStyle(node).backgroundColor;
      if (background && !/rgba\\(.*, 0\\)$/.test(background) && background !== "transparent") return background;
    }
    return "rgb(255, 255, 255)";
  };
  const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const out = [];
  for (const selector of ["button.p", ".sw button[aria-pressed=true]", ".m.user", ".chip", ".help a"]) {
    for (const element of root.querySelectorAll(selector)) {
      const color = getComputedStyle(element).color;
      const background = backgroundOf(element);
      out.push([selector, color, background, Math.round(ratio(color, background) * 100) / 100]);
    }
  }
  return { measured: out, scheme: getComputedStyle(root.querySelector(".w")).colorScheme };
})()`;

async function measure(page: Page) {
  return (await page.evaluate(MEASURE)) as { measured: Array<[string, string, string, number]>; scheme: string };
}

describe.skipIf(!ok)("theme", () => {
  const live = sharedBrowser();

  for (const theme of ["light", "dark"] as const) {
    it(`${theme}: accent text and fills reach 4.5:1, color-scheme is ${theme}`, async () => {
      const definition = { id: "d1", name: "source-postgres", displayName: "Postgres", kind: "source" as const };
      const mock = await openMockSession(live.browser, { theme, snapshot: baseSnapshot({ spec, definition, pending: ask, transcript }), viewport: { width: 560, height: 640 } });
      const { page } = mock;
      await page.getByRole("button", { name: "Use default (5432)" }).waitFor();
      if (theme === "dark") await page.screenshot({ path: screenshotPath("dark-mode.png") });
      // Text in the box enables Send (a filled accent button) so it is measured too.
      await page.locator("#onramp-say").fill("54");
      const { measured, scheme } = await measure(page);
      expect(scheme).toBe(theme);
      expect(new Set(measured.map(([selector]) => selector))).toEqual(new Set(["button.p", ".sw button[aria-pressed=true]", ".m.user", ".chip"]));
      for (const [selector, color, background, contrast] of measured) {
        expect(contrast, `${theme} ${selector}: ${color} on ${background}`).toBeGreaterThanOrEqual(4.5);
      }

      // The form in the same theme: links in help text and the number input follow it too.
      await page.getByRole("button", { name: "Form", exact: true }).click();
      const port = page.locator("onramp-setup #f_port");
      await port.waitFor();
      expect(await port.evaluate((element) => getComputedStyle(element).colorScheme)).toBe(theme);
      const link = await page.locator('onramp-setup [data-path="/host"] .d a').evaluate((a) => getComputedStyle(a).color);
      const linkContrast = await page.evaluate(
        ([color, background]) => {
          const lum = (value: string) => {
            const [r, g, b] = value.match(/[\d.]+/g)!.slice(0, 3).map((c) => {
              const v = Number(c) / 255;
              return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
            });
            return 0.2126 * r + 0.7152 * g + 0.0722 * b;
          };
          const [x, y] = [lum(color), lum(background)].sort((p, q) => q - p);
          return (x + 0.05) / (y + 0.05);
        },
        [link, await page.locator("onramp-setup .w").evaluate((w) => getComputedStyle(w).backgroundColor)],
      );
      expect(linkContrast, `${theme} link ${link}`).toBeGreaterThanOrEqual(4.5);
      await page.close();
    });
  }
});
