// The console's "add and manage" journey against a real server in Chromium: a source set up with
// the assistant goes on to its New connection page (an existing destination picked, named,
// streams chosen, created); a destination goes to its Connections page, then New connection; an
// open setup survives a reload; Modify shows the documentation of the focused field beside the
// form; rename from the form and from the connector page; Delete says how many connections go
// with it, with a Delete button that looks disabled until the name is typed.
import { describe, expect, it } from "vitest";
import { services } from "../../server/testing/service-gate.ts";
import { screenshotPath } from "../testing/chromium.ts";
import { sharedServerAndBrowser } from "../testing/real-server.ts";
import { openConsole, styleOf, waitForQuestion } from "./testing/console-page.ts";

const ok = await services.chromium();

describe.skipIf(!ok)("console journeys", () => {
  const live = sharedServerAndBrowser();
  const ids: { source?: string; destination?: string; existing?: string } = {};
  const newPage = async () => {
    const page = await live.browser.newPage({ viewport: { width: 1180, height: 860 } });
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    return { page, errors };
  };

  it("source: catalog → assistant (resumed after a reload) → New connection with an existing destination → listed on its page", async () => {
    const existing = await live.server.api("POST", "/api/v1/integrations/connectors", {
      workspace_name: "default",
      connector_type: "destination-dev-null",
      name: "Existing null",
      configuration: { test_destination: { test_destination_type: "SILENT" } },
    });
    ids.existing = existing.id;
    const { page, errors } = await newPage();
    await openConsole(page, live.server);
    // The token leaves the address bar at once and lives only in this tab's sessionStorage.
    expect(page.url()).not.toContain(live.server.appToken);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }))).not.toContain(live.server.appToken);

    await page.getByRole("button", { name: "New source" }).click();
    await page.getByRole("dialog").getByRole("button", { name: /^Sample Data/ }).click();
    await waitForQuestion(page, "Dataset");
    expect(page.url()).toMatch(/#\/setup\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator("onramp-setup .m.agent").count()).toBeGreaterThan(0);
    // The widget got a session token only.
    const attributes = await page.evaluate(() => [...document.querySelector("onramp-setup")!.attributes].map((a) => a.value).join(" "));
    expect(attributes).not.toContain(live.server.appToken);
    await page.screenshot({ path: screenshotPath("console-setup.png") });

    // Reloading mid-setup resumes the same session, its question and transcript.
    const before = page.url();
    await page.reload();
    await waitForQuestion(page, "Dataset");
    expect(page.url()).toBe(before);
    await page.getByRole("button", { name: "users", exact: true }).click();

    // Saved: straight on to the New connection page.
    await page.getByRole("heading", { name: "New connection from Sample Data" }).waitFor({ timeout: 30_000 });
    await page.getByText("“Sample Data” is saved. Now connect it to a destination.").waitFor();
    ids.source = /connectors\/([^/]+)\/connections\/new/.exec(page.url())![1];
    const destination = page.getByRole("radio", { name: /Existing null/ });
    await destination.check();
    await expect.poll(() => page.locator("#connection-name").inputValue()).toBe("Sample Data → Existing null");
    // The source lists its streams (the dataset decides which): all chosen at first.
    expect(await page.getByRole("checkbox").evaluateAll((boxes) => boxes.map((box) => [(box.parentElement as HTMLElement).textContent, (box as HTMLInputElement).checked]))).toEqual([["users", true]]);
    await page.locator("#connection-name").fill("Users to nowhere");
    await page.screenshot({ path: screenshotPath("console-new-connection.png") });
    await page.getByRole("button", { name: "Create connection" }).click();

    await page.getByRole("heading", { name: "Connections" }).waitFor();
    await page.getByText("Users to nowhere").waitFor();
    expect(page.url()).toMatch(new RegExp(`#/connectors/${ids.source}$`));
    const { data } = await live.server.api("GET", `/api/v1/connections?workspace_name=default&connector_id=${ids.source}`);
    expect(data).toEqual([expect.objectContaining({ name: "Users to nowhere", source_id: ids.source, destination_id: ids.existing, streams: ["users"] })]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("destination: catalog → assistant → its Connections page (empty) → New connection from an existing source", async () => {
    const { page, errors } = await newPage();
    await openConsole(page, live.server);
    await page.getByRole("button", { name: "New destination" }).click();
    await page.getByRole("dialog").getByRole("button", { name: /End-to-End Testing \(\/dev\/null\)/ }).click();
    await waitForQuestion(page, "Behaviour");
    await page.locator("onramp-setup .chip", { hasText: "Silent" }).click();
    await page.getByText(/is saved\. Connect it to a source/).waitFor({ timeout: 30_000 });
    ids.destination = /connectors\/([^/?]+)/.exec(page.url())![1];
    // The other /dev/null is named "Existing null", so this one keeps the display name.
    await page.getByRole("heading", { name: "End-to-End Testing (/dev/null)" }).waitFor();
    await page.getByText(/No connections yet/).waitFor();
    await page.screenshot({ path: screenshotPath("console-connections.png") });

    await page.getByRole("link", { name: "New connection" }).click();
    await page.getByRole("heading", { name: "New connection from End-to-End Testing (/dev/null)" }).waitFor();
    await page.getByRole("radio", { name: /Sample Data/ }).check();
    await expect.poll(() => page.locator("#connection-name").inputValue()).toBe("Sample Data → End-to-End Testing (/dev/null)");
    await page.getByRole("button", { name: "Create connection" }).click();
    await page.getByText("Sample Data → End-to-End Testing (/dev/null)").first().waitFor();
    const { data } = await live.server.api("GET", `/api/v1/connections?workspace_name=default&connector_id=${ids.destination}`);
    expect(data).toEqual([expect.objectContaining({ source_id: ids.source, destination_id: ids.destination })]);
    // The workspace now: each connector with how many connections it serves.
    await page.getByRole("link", { name: "Connectors", exact: true }).click();
    const sourceRow = page.getByRole("listitem").filter({ hasText: "Sample Data" }).first();
    await sourceRow.getByText("2 connections").waitFor();
    await page.screenshot({ path: screenshotPath("console.png") });
    expect(errors).toEqual([]);
    await page.close();
  });

  it("modify: form beside a documentation panel for the focused field; rename in the form and on the connector page", async () => {
    const { page, errors } = await newPage();
    await openConsole(page, live.server, `#/connectors/${ids.source}`);
    await page.getByRole("button", { name: "Modify" }).click();
    const name = page.locator("onramp-setup #f_connector_name");
    await expect.poll(() => name.inputValue()).toBe("Sample Data");
    const docs = page.getByRole("complementary", { name: "Documentation" });
    expect(await docs.getByRole("link").getAttribute("href")).toBe("https://github.com/onramp-dev/onramp/blob/main/specs/builtins/sample-data.md");
    await docs.getByText("Click a field in the form to see its help here.").waitFor();

    await page.locator("onramp-setup #f_dataset").focus();
    await docs.getByRole("heading", { name: /^Dataset/ }).waitFor();
    expect(await docs.textContent()).toMatch(/DatasetRequired.*Which made-up data to produce\..*Default\s*ecommerce/);
    await page.locator("onramp-setup summary").click();
    await page.locator("onramp-setup #f_start_date").focus();
    await docs.getByRole("heading", { name: /^Start date/ }).waitFor();
    const startDate = (await docs.textContent())!;
    expect(startDate).toMatch(/Start dateOptional/);
    expect(startDate).toContain("Earliest timestamp the generated records carry (UTC).");
    expect(startDate).toMatch(/Example\s*2024-01-01T00:00:00Z/);
    expect(startDate).toMatch(/Format\s*YYYY-MM-DDTHH:mm:ssZ/);
    await page.screenshot({ path: screenshotPath("console-modify.png") });
    await name.focus();
    await docs.getByRole("heading", { name: /^Name/ }).waitFor();

    // Rename in the form (its first field), then Test and save.
    await name.fill("Demo users");
    await name.press("Tab");
    await expect.poll(async () => (await live.server.api("GET", `/api/v1/integrations/connectors/${ids.source}`)).name).toBe("Sample Data");
    await page.getByRole("button", { name: "Test and save" }).click();
    await page.getByText("Connector saved").waitFor({ timeout: 30_000 });
    // Sample Data has no live test: the card never claims the connection works.
    await page.locator("onramp-setup .card h3", { hasText: "Settings valid, not tested" }).waitFor();
    expect(await page.locator("onramp-setup").getByText("Connection works").count()).toBe(0);
    expect((await live.server.api("GET", `/api/v1/integrations/connectors/${ids.source}`)).name).toBe("Demo users");

    // Rename on the connector page; the new name shows everywhere.
    await page.getByRole("link", { name: "← Demo users" }).click();
    await page.getByRole("heading", { name: "Demo users" }).waitFor();
    await page.getByRole("button", { name: "Rename" }).click();
    await page.getByLabel("New name").fill("Users demo");
    await page.getByRole("button", { name: "Save name" }).click();
    await page.getByRole("heading", { name: "Users demo" }).waitFor();
    await page.getByRole("link", { name: "← Connectors" }).click();
    await page.getByRole("link", { name: /^Users demo/ }).waitFor();
    expect((await live.server.api("GET", `/api/v1/integrations/connectors/${ids.source}`)).name).toBe("Users demo");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("delete: the typed-name dialog counts the connections that go, and its disabled Delete looks disabled", async () => {
    const { page, errors } = await newPage();
    await openConsole(page, live.server, `#/connectors/${ids.source}`);
    await page.getByRole("button", { name: "Delete" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText(/2 connections go with it: Users to nowhere, Sample Data → End-to-End Testing \(\/dev\/null\)\./).waitFor();
    const confirm = dialog.getByRole("button", { name: "Delete", exact: true });
    expect(await confirm.isDisabled()).toBe(true);
    const selector = '[role="alertdialog"] button[type="submit"]';
    expect(Number(await styleOf(page, selector, "opacity"))).toBeLessThan(0.6);
    expect(await styleOf(page, selector, "cursor")).toBe("not-allowed");
    await dialog.getByLabel(/Type .* to confirm/).fill("Users dem");
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel(/Type .* to confirm/).fill("Users demo");
    expect(await confirm.isDisabled()).toBe(false);
    expect(Number(await styleOf(page, selector, "opacity"))).toBe(1);
    await page.screenshot({ path: screenshotPath("console-delete.png") });
    await confirm.click();
    await page.getByRole("heading", { name: "Sources" }).waitFor();
    await page.getByText("No sources yet.").waitFor();
    await expect
      .poll(async () => (await fetch(`${live.server.baseUrl}/api/v1/integrations/connectors/${ids.source}`, { headers: { authorization: `Bearer ${live.server.appToken}` } })).status, { timeout: 15_000 })
      .toBe(404);
    expect((await live.server.api("GET", "/api/v1/connections?workspace_name=default")).data).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
