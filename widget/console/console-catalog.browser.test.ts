// The catalog in Chromium with a Marketplace loaded from an Airbyte-format registry (built from the
// shared corpus, icons served on 127.0.0.1): Built-in and Marketplace tabs, icons, support
// levels, search across tabs, the cap, keyboard (focus, Tab trap, Escape). And the OAuth clients
// page: a connector offers OAuth in its form only once a client is registered there.
import { afterAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { serviceGate, probeFile, services } from "../../server/testing/service-gate.ts";
import { CORPUS_DIR } from "../../specs/testing/corpus.ts";
import { registryFromCorpus } from "../../specs/testing/registry-fixture.ts";
import { screenshotPath } from "../testing/chromium.ts";
import { sharedServerAndBrowser } from "../testing/real-server.ts";
import { focused, openConsole } from "./testing/console-page.ts";

const ok = (await services.chromium()) && (await serviceGate(`the shared Airbyte corpus at ${CORPUS_DIR}`, probeFile(CORPUS_DIR)));

/** A local icon server: a coloured square per connector name, like a registry's iconUrl. */
async function startIconServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    const name = decodeURIComponent(request.url ?? "").replace(/^\/icons\//, "").replace(/\.svg$/, "");
    const hue = [...name].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 360;
    response.writeHead(200, { "content-type": "image/svg+xml" });
    response.end(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="hsl(${hue} 60% 45%)"/></svg>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server };
}

describe.skipIf(!ok)("console catalog with a Marketplace registry", () => {
  let icons: { url: string; server: Server } | undefined;
  let dir = "";
  afterAll(async () => {
    if (icons) await new Promise((resolve) => icons!.server.close(resolve));
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const live = sharedServerAndBrowser(async () => {
    icons = await startIconServer();
    dir = await mkdtemp(path.join(os.tmpdir(), "onramp-console-registry-"));
    const file = path.join(dir, "oss_registry.json");
    await writeFile(file, JSON.stringify(registryFromCorpus({ iconUrl: (name) => `${icons!.url}/icons/${name}.svg` })));
    return { catalogRegistries: [file] };
  });

  it("shows Built-in and Marketplace tabs with icons, support levels and search, by keyboard", async () => {
    const page = await live.browser.newPage({ viewport: { width: 1180, height: 860 } });
    await openConsole(page, live.server);
    const opener = page.getByRole("button", { name: "New source" });
    await opener.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "New source" });
    await dialog.waitFor();
    await expect.poll(async () => (await focused(page)).text).toBe("catalog-search");
    expect(await dialog.getByRole("tab", { name: /Built-in/ }).getAttribute("aria-selected")).toBe("true");
    const featured = await dialog.locator(".picks button.feat").allTextContents();
    expect(featured).toEqual([expect.stringMatching(/^SDSample DataFeatured · good for a first try$/)]);
    await page.screenshot({ path: screenshotPath("console-catalog.png") });

    await dialog.getByRole("tab", { name: /Marketplace/ }).click();
    const total = Number((await dialog.getByRole("tab", { name: /Marketplace/ }).textContent())!.match(/\d+/)![0]);
    expect(total).toBeGreaterThan(400);
    await dialog.getByText(`Showing 60 of ${total} — refine your search`).waitFor();
    // Icons from the registry's iconUrl, loaded; every support level the registry gives.
    await expect
      .poll(() => dialog.locator(".picks img.ico").evaluateAll((images) => images.filter((image) => (image as HTMLImageElement).naturalWidth > 0).length))
      .toBeGreaterThan(50);
    expect(await dialog.locator(".picks img.ico").first().getAttribute("src")).toMatch(new RegExp(`^${icons!.url}/icons/source-`));
    expect(new Set(await dialog.locator(".picks .badge").allTextContents())).toEqual(new Set(["Certified", "Community", "Archived"]));
    await page.screenshot({ path: screenshotPath("console-marketplace.png") });

    // Search runs over both tabs; a tab without a match points at the other.
    await dialog.getByRole("tab", { name: /Built-in/ }).click();
    await page.locator("#catalog-search").fill("stripe");
    await dialog.getByText("1 match in Marketplace").waitFor();
    await dialog.getByRole("tab", { name: /Marketplace/ }).click();
    expect(await dialog.locator(".picks button").allTextContents()).toEqual([expect.stringMatching(/^Stripesource-stripe(Certified|Community|Archived)$/)]);
    // Airbyte's Sample Data (source-faker) is in the Marketplace under its own name, not featured.
    await page.locator("#catalog-search").fill("sample data");
    expect(await dialog.locator(".picks button").allTextContents()).toEqual([expect.stringMatching(/^Sample Datasource-faker \(not the built-in one\)/)]);

    // Tab and Shift+Tab wrap around inside the dialog; Escape returns focus to the opener.
    await page.locator("#catalog-search").focus();
    await page.keyboard.press("Shift+Tab");
    expect(await focused(page)).toEqual({ text: "Close", inDialog: true });
    for (let presses = 0; presses < 12; presses += 1) {
      await page.keyboard.press("Tab");
      expect((await focused(page)).inDialog).toBe(true);
    }
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    expect(await focused(page)).toEqual({ text: "New source", inDialog: false });
    await page.close();
  });

  it("offers OAuth in a connector's form only once the OAuth clients page has its client", async () => {
    const page = await live.browser.newPage({ viewport: { width: 1180, height: 860 } });
    const secret = `client-secret-${Date.now()}`;
    const authOptions = async () => {
      const session = await live.server.api("POST", "/api/v1/setup-sessions", { workspace_name: "default", connector_type: "source-taskboard" });
      await page.goto(`${live.server.baseUrl}/embed#session_id=${session.session_id}&session_token=${session.session_token}&view=form`);
      const select = page.locator("onramp-setup #f_credentials");
      await select.waitFor();
      return select.locator("option").allTextContents();
    };
    expect(await authOptions()).not.toContain("Sign in with Taskboard (OAuth)");

    await openConsole(page, live.server, "#/oauth-clients");
    await page.getByRole("heading", { name: "OAuth clients" }).waitFor();
    await page.locator("#oauth-search").fill("taskboard");
    const row = page.getByRole("listitem").filter({ hasText: "source-taskboard" });
    await row.getByText("not configured: OAuth is not offered").waitFor();
    await row.getByRole("button", { name: "Set up" }).click();
    const form = page.getByRole("form", { name: "OAuth client for Taskboard" });
    expect(await form.getByLabel("Redirect URL to give the provider").inputValue()).toBe(`${live.server.baseUrl}/oauth/callback`);
    await form.getByLabel("Client id").fill("taskboard-app");
    await form.getByLabel("Client secret").fill(secret);
    await page.screenshot({ path: screenshotPath("console-oauth-clients.png") });
    await form.getByRole("button", { name: "Save client" }).click();
    await row.getByText("configured, client id taskboard-app").waitFor();
    expect(await page.content()).not.toContain(secret);
    const stored = await live.server.api("GET", "/api/v1/oauth/clients/source-taskboard?workspace_name=default");
    expect(stored.client).toMatchObject({ client_id: "taskboard-app", client_secret: "**********" });

    expect(await authOptions()).toContain("Sign in with Taskboard (OAuth)");
    await page.close();
  });
});
