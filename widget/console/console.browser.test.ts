// The operator console at `/` against a real server in Chromium: token from the URL fragment,
// a Sample Data source created through the catalog picker and the widget, modified in the form
// view with Test and save, and deleted after typing its name; and the catalog picker over the
// whole Airbyte corpus, by keyboard.
import { describe, expect, it } from "vitest";
import { existsSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { services } from "../../server/testing/service-gate.ts";
import { screenshotPath } from "../testing/chromium.ts";
import { sharedServerAndBrowser } from "../testing/real-server.ts";

const ok = await services.chromium();
const specsDir = path.resolve(import.meta.dirname, "../../../shared/airbyte-specs");
const hasSpecs = existsSync(specsDir);
if (!hasSpecs) console.warn(`[skip] ${specsDir} is absent: the catalog picker is not checked against the Airbyte corpus`);

/** What has focus: its accessible text or id, and whether it is inside the open dialog. */
function focused(page: Page) {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    return { text: active?.textContent?.trim() || active?.id || "", inDialog: !!active?.closest('[role="dialog"]') };
  });
}

describe.skipIf(!ok)("console", () => {
  const live = sharedServerAndBrowser();

  it("creates, modifies and deletes a connector", async () => {
    const page = await live.browser.newPage({ viewport: { width: 1100, height: 820 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(`${live.server.baseUrl}/#token=${live.server.appToken}`);
    await page.getByRole("heading", { name: "Sources" }).waitFor();
    // The token leaves the address bar at once and lives only in this tab's sessionStorage.
    expect(new URL(page.url()).hash).toBe("");
    expect(await page.evaluate(() => Object.values(sessionStorage))).toContain(live.server.appToken);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(live.server.appToken);

    // The destination picker features End-to-End Testing (/dev/null).
    await page.getByRole("button", { name: "New destination" }).click();
    await expect.poll(() => page.getByRole("dialog").getByRole("button").filter({ hasText: "Featured" }).allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/\/dev\/null/)]),
    );

    await page.getByRole("button", { name: "New source" }).click();
    await page.getByLabel(/Search \d+ source connectors/).fill("sample");
    await page.getByRole("button", { name: /^Sample Data/ }).click();
    await page.locator("onramp-setup .help b").filter({ hasText: /^Dataset\b/ }).waitFor();
    // The widget got a session token only: the application token never reaches its element.
    const attributes = await page.evaluate(() => [...document.querySelector("onramp-setup")!.attributes].map((a) => a.value).join(" "));
    expect(attributes).not.toContain(live.server.appToken);
    await page.getByRole("button", { name: "users", exact: true }).click();
    await page.getByText("Connector saved").waitFor({ timeout: 30_000 });
    const modify = page.getByRole("button", { name: /^Modify / });
    await modify.first().waitFor();
    const { data } = await live.server.api("GET", "/api/v1/integrations/connectors?workspace_name=default");
    expect(data).toHaveLength(1);
    const connector = data[0];
    await page.screenshot({ path: screenshotPath("console.png") });

    // Modify: the session opens in the form view; change the dataset, Test and save.
    await modify.first().click();
    const dataset = page.locator("onramp-setup #f_dataset");
    await expect.poll(() => dataset.inputValue()).toBe("users");
    expect(await page.getByRole("button", { name: "Test and save" }).isVisible()).toBe(true);
    await dataset.selectOption("events");
    // A form edit alone saves nothing (the person may change more): the agent says it is ready,
    // the stored connector is unchanged, and "Test and save" stays there to press.
    await page.getByText(/Press "Test and save"/).waitFor({ timeout: 15_000 });
    expect(JSON.stringify(await live.server.api("GET", `/api/v1/integrations/connectors/${connector.id}`))).not.toContain("events");
    // The header names the connector being modified, not a new setup.
    expect(await page.locator("onramp-setup header h2").textContent()).toBe(`Modify ${connector.name}`);
    await page.getByRole("button", { name: "Test and save" }).click();
    await page.getByText("Connector saved").waitFor({ timeout: 30_000 });
    // Saved: the form is read-only and Test and save is gone.
    await page.getByText(/the form is read-only/).waitFor();
    expect(await dataset.isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Test and save" }).count()).toBe(0);
    const saved = await live.server.api("GET", `/api/v1/integrations/connectors/${connector.id}`);
    expect(JSON.stringify(saved)).toContain("events");

    // Delete: the warning names the connections, and Delete stays off until the name is typed.
    await page.getByRole("button", { name: `Delete ${connector.name}` }).click();
    await page.getByText(/Every connection that uses it is deleted too/).waitFor();
    const confirm = page.getByRole("button", { name: "Delete", exact: true });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel(/Type .* to confirm/).fill(connector.name.slice(0, -1));
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel(/Type .* to confirm/).fill(connector.name);
    await confirm.click();
    await page.getByText("No sources yet.").waitFor();
    await expect
      .poll(async () => (await fetch(`${live.server.baseUrl}/api/v1/integrations/connectors/${connector.id}`, { headers: { authorization: `Bearer ${live.server.appToken}` } })).status, { timeout: 15_000 })
      .toBe(404);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe.skipIf(!ok || !hasSpecs)("console catalog picker over the Airbyte corpus", () => {
  const live = sharedServerAndBrowser({ catalogDirs: [specsDir] });

  it("opens by keyboard, keeps focus inside, says when it truncates, features one Sample Data, closes on Escape", async () => {
    const page = await live.browser.newPage({ viewport: { width: 1100, height: 820 } });
    await page.goto(`${live.server.baseUrl}/#token=${live.server.appToken}`);
    const opener = page.getByRole("button", { name: "New source" });
    await opener.waitFor();
    await expect.poll(() => page.evaluate(() => document.querySelectorAll("ul.list, p.empty").length)).toBe(2);
    await opener.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "New source" });
    await dialog.waitFor();
    await expect.poll(async () => (await focused(page)).text).toBe("catalog-search");
    const total = Number((await page.getByText(/^Search \d+ source connectors$/).textContent())!.match(/\d+/)![0]);
    expect(total).toBeGreaterThan(60);
    await dialog.getByText(`Showing 60 of ${total} — refine your search`).waitFor();

    // Tab and Shift+Tab wrap around inside the dialog.
    await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toEqual({ text: "Close", inDialog: true });
    await page.keyboard.press("Shift+Tab");
    expect((await focused(page)).inDialog).toBe(true);
    for (let presses = 0; presses < 70; presses += 1) {
      await page.keyboard.press("Tab");
      expect((await focused(page)).inDialog).toBe(true);
    }

    // One featured Sample Data (the built-in); Airbyte's source-faker is listed under its own name.
    await page.locator("#catalog-search").fill("sample data");
    await expect.poll(() => dialog.getByText(/Showing/).count()).toBe(0);
    const rows = await dialog.locator(".picks button").allTextContents();
    expect(rows.filter((text) => text.startsWith("Sample Data"))).toHaveLength(new Set(rows.filter((text) => text.startsWith("Sample Data"))).size);
    expect(rows.filter((text) => /Featured/.test(text))).toEqual(["Sample DataFeatured · good for a first try"]);

    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await focused(page)).toEqual({ text: "New source", inDialog: false });
    await page.close();
  });
});
