// Renders the real widget bundle's form view in Chromium for every spec of the Airbyte corpus,
// one session snapshot after another over a routed WebSocket, and checks that nothing throws and
// every required top-level field is on screen (not hidden in the collapsed optional section).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, Page, WebSocketRoute } from "playwright-core";
import type { SessionSnapshot } from "../../../agent/protocol.ts";
import { services } from "../../../server/testing/service-gate.ts";
import { launchChromium } from "../../testing/chromium.ts";

const specsDir = path.resolve(import.meta.dirname, "../../../../shared/airbyte-specs");
const bundle = path.resolve(import.meta.dirname, "../../dist/widget.js");
const hasSpecs = existsSync(specsDir);
if (!hasSpecs) console.warn(`[skip] ${specsDir} is absent: the form is not rendered for the Airbyte corpus`);
const ok = hasSpecs && (await services.chromium());
// Requests to this origin are answered by page.route below; nothing reaches the network.
const ORIGIN = "http://127.0.0.1:9";

function snapshotFor(file: string): SessionSnapshot {
  const definition = JSON.parse(readFileSync(path.join(specsDir, file), "utf8"));
  return {
    id: "render",
    status: "active",
    definition: { id: definition.definitionId, name: definition.name, displayName: definition.displayName, kind: definition.kind },
    spec: definition.connectionSpecification,
    form: { version: 1, definitionId: definition.definitionId, name: definition.name, values: {}, secrets: {}, status: {} },
    pending: null,
    secretMode: null,
    oauthPending: null,
    transcript: [],
    connectorId: null,
    lastTest: null,
  };
}

describe.skipIf(!ok)("form view renders every Airbyte spec", () => {
  let browser: Browser;
  let page: Page;
  let socket: WebSocketRoute | undefined;
  const errors: string[] = [];

  beforeAll(async () => {
    if (!existsSync(bundle)) throw new Error("widget/dist/widget.js is missing: run npm run build:widget");
    browser = await launchChromium();
    page = await browser.newPage();
    page.on("pageerror", (error) => errors.push(error.message));
    const first = snapshotFor("source-postgres.json");
    await page.route(`${ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === "/widget.js") return route.fulfill({ body: readFileSync(bundle, "utf8"), contentType: "text/javascript" });
      if (url.pathname === "/") {
        return route.fulfill({
          contentType: "text/html",
          body: `<!doctype html><script type="module" src="/widget.js"></script><onramp-setup session-id="render" session-token="t" view="form"></onramp-setup>`,
        });
      }
      if (url.pathname === "/api/v1/setup-sessions/render") return route.fulfill({ json: first });
      return route.fulfill({ status: 404, json: { message: "not found", errors: [] } });
    });
    await page.routeWebSocket(/\/ws/, (ws) => {
      socket = ws;
      ws.send(JSON.stringify({ type: "session.snapshot", protocol: 1, session: first }));
    });
    await page.goto(`${ORIGIN}/`);
    await page.waitForFunction(() => !!document.querySelector("onramp-setup")?.shadowRoot?.querySelector("form"));
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("every spec: no error, every required field shown", async () => {
    const files = readdirSync(specsDir).filter((file) => file.endsWith(".json"));
    expect(socket).toBeDefined();
    let checked = 0;
    for (const file of files) {
      const snapshot = snapshotFor(file);
      const spec = snapshot.spec as any;
      const required = (Array.isArray(spec.required) ? spec.required : []).filter(
        (key: string) => spec.properties?.[key] && !spec.properties[key].airbyte_hidden && spec.properties[key].const === undefined,
      );
      socket!.send(JSON.stringify({ type: "session.snapshot", protocol: 1, session: snapshot }));
      await page.waitForFunction((title) => document.querySelector("onramp-setup")?.shadowRoot?.querySelector("h2")?.textContent === title, `Set up ${snapshot.definition!.displayName}`);
      const missing = await page.evaluate((paths: string[]) => {
        const root = document.querySelector("onramp-setup")!.shadowRoot!;
        return paths.filter((pointer) => {
          const element = root.querySelector(`[data-path="${CSS.escape(pointer)}"]`);
          return !element || element.closest("details:not([open])") !== null;
        });
      }, required.map((key: string) => "/" + key.replace(/~/g, "~0").replace(/\//g, "~1")));
      expect(missing, `${file}: required fields missing from the form`).toEqual([]);
      const unlabelled = await page.evaluate(() =>
        [...document.querySelector("onramp-setup")!.shadowRoot!.querySelectorAll("input, select, textarea")]
          .filter((control) => (control as HTMLInputElement).labels?.length === 0 && !control.getAttribute("aria-label"))
          .map((control) => control.id || control.outerHTML.slice(0, 80)),
      );
      expect(unlabelled, `${file}: form controls without a label`).toEqual([]);
      checked += 1;
    }
    expect(errors).toEqual([]);
    expect(checked).toBe(files.length);
  }, 240_000);

  it("themes through --onramp-* properties and the theme attribute, and exports mount()", async () => {
    const styles = await page.evaluate(async () => {
      const element = document.querySelector("onramp-setup") as HTMLElement;
      const root = element.shadowRoot!;
      const read = () => ({
        background: getComputedStyle(root.querySelector(".w")!).backgroundColor,
        accent: getComputedStyle(root.querySelector(".sw button[aria-pressed=true]")!).backgroundColor,
      });
      element.setAttribute("theme", "light");
      const light = read();
      element.setAttribute("theme", "dark");
      const dark = read();
      element.style.setProperty("--onramp-accent", "rgb(255, 0, 0)");
      const custom = read();
      return { light, dark, custom };
    });
    // A string, so the test runner does not rewrite the page's dynamic import.
    const mountType = await page.evaluate(`import("/widget.js").then((module) => typeof module.mount)`);
    expect(styles.light.background).toBe("rgb(255, 255, 255)");
    expect(styles.dark.background).toBe("rgb(17, 24, 39)");
    expect(styles.custom.accent).toBe("rgb(255, 0, 0)");
    expect(mountType).toBe("function");
  });
});
