// Renders the real widget bundle's form view in Chromium for every spec of the Airbyte corpus,
// one session snapshot after another over a routed WebSocket, and checks that nothing throws,
// every required top-level field is on screen (not hidden in the collapsed optional section),
// every required field of a nested object is rendered, and choosing each option of every oneOf
// (nested ones too, through their parents) renders that option's required fields.
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

/** Options to choose, in order, and the required fields that must then be rendered. */
interface RequiredCheck {
  choose: Array<{ path: string; index: number }>;
  required: string[];
}

const pointerKey = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Read from the schema itself (not from the form's model, which is what is under test): every
 * required, visible, non-const property below the top level, per oneOf option reached.
 */
function requiredChecks(spec: any): RequiredCheck[] {
  const checks: RequiredCheck[] = [];
  const choices = (schema: any, path: string, under: RequiredCheck, depth: number) => {
    (schema.oneOf as any[]).forEach((option, index) => {
      if (!option || typeof option !== "object") return;
      const check: RequiredCheck = { choose: [...under.choose, { path, index }], required: [] };
      checks.push(check);
      walk(option, path, check, depth + 1);
    });
  };
  const walk = (schema: any, base: string, check: RequiredCheck, depth: number) => {
    if (depth > 8) return;
    const required = new Set(Array.isArray(schema?.required) ? schema.required : []);
    for (const [key, property] of Object.entries<any>(schema?.properties ?? {})) {
      if (!property || typeof property !== "object" || property.airbyte_hidden || property.const !== undefined) continue;
      const path = `${base}/${pointerKey(key)}`;
      if (depth > 0 && required.has(key)) check.required.push(path);
      if (Array.isArray(property.oneOf) && property.oneOf.length > 0) choices(property, path, check, depth);
      else if (property.properties && Object.keys(property.properties).length > 0) walk(property, path, check, depth + 1);
    }
  };
  const top: RequiredCheck = { choose: [], required: [] };
  checks.push(top);
  if (Array.isArray(spec.oneOf) && !spec.properties) choices(spec, "", top, 0);
  else walk(spec, "", top, 0);
  return checks;
}

/** Runs in the page: chooses the options through the real <select>s and lists what is missing. */
const RUN_CHECKS = `async (checks) => {
  const root = document.querySelector("onramp-setup").shadowRoot;
  const idOf = (path) => "f" + (path.replace(/[^a-zA-Z0-9_-]/g, "_") || "_root");
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const problems = [];
  let chosen = 0;
  for (const check of checks) {
    const label = check.choose.map((step) => step.path + "#" + step.index).join(" > ") || "(no choice)";
    let reached = true;
    for (const step of check.choose) {
      const select = root.getElementById(idOf(step.path));
      if (!select || select.tagName !== "SELECT") { problems.push(label + ": no choice for " + step.path); reached = false; break; }
      if (select.value !== String(step.index)) {
        select.value = String(step.index);
        select.dispatchEvent(new Event("change", { bubbles: true }));
        await settle();
        chosen += 1;
      }
      if (root.getElementById(idOf(step.path))?.value !== String(step.index)) { problems.push(label + ": option did not stay chosen"); reached = false; break; }
    }
    if (!reached) continue;
    for (const path of check.required) {
      if (!root.querySelector('[data-path="' + CSS.escape(path) + '"]')) problems.push(label + ": required " + path + " not rendered");
    }
  }
  return { problems, chosen };
}`;

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
      if (url.pathname === "/widget.js" || url.pathname === "/widget.mjs") {
        return route.fulfill({ body: readFileSync(path.join(path.dirname(bundle), url.pathname.slice(1)), "utf8"), contentType: "text/javascript" });
      }
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
    let optionsChosen = 0;
    let optionChecks = 0;
    let nestedRequired = 0;
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
      const checks = requiredChecks(spec);
      const { problems, chosen } = (await page.evaluate(`(${RUN_CHECKS})(${JSON.stringify(checks)})`)) as { problems: string[]; chosen: number };
      expect(problems, `${file}: nested required fields`).toEqual([]);
      nestedRequired += checks.reduce((sum, check) => sum + check.required.length, 0);
      optionChecks += checks.filter((check) => check.choose.length > 0).length;
      optionsChosen += chosen;
      checked += 1;
    }
    expect(errors).toEqual([]);
    expect(checked).toBe(files.length);
    console.log(`[form-render] ${checked} specs, ${optionsChosen} oneOf options chosen, ${nestedRequired} nested required fields checked`);
    // Every option was really chosen in the page (each check ends on a fresh one), and the walk
    // found real depth (the corpus has hundreds of both).
    expect(optionsChosen).toBeGreaterThanOrEqual(optionChecks);
    expect(optionChecks).toBeGreaterThan(100);
    expect(nestedRequired).toBeGreaterThan(100);
  }, 360_000);

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
    const mountType = await page.evaluate(`import("/widget.mjs").then((module) => typeof module.mount)`);
    expect(styles.light.background).toBe("rgb(255, 255, 255)");
    expect(styles.dark.background).toBe("rgb(17, 24, 39)");
    expect(styles.custom.accent).toBe("rgb(255, 0, 0)");
    expect(mountType).toBe("function");
  });
});
