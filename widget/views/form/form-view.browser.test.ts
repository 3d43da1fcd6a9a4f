// The form view against a scripted session in real Chromium: errors after a field is touched
// (the server's, and "required" for an empty one), groups, arrays of objects, a refused edit
// rolled back, class-name titles, a multiline secret, descriptions with HTML, read-only once
// saved, and the header of a modification.
import { describe, expect, it } from "vitest";
import type { ClientEvent } from "../../../agent/protocol.ts";
import { services } from "../../../server/testing/service-gate.ts";
import { DEEP_TEXT, sharedBrowser } from "../../testing/chromium.ts";
import { baseSnapshot, openMockSession, type MockSession } from "../../testing/mock-session.ts";

const ok = await services.chromium();

const spec = {
  type: "object",
  required: ["host", "port", "streams"],
  groups: [{ id: "conn", title: "Connection" }, { id: "adv", title: "Advanced" }],
  properties: {
    host: { type: "string", title: "Host", group: "conn", order: 0, description: 'The server. See <a href="https://docs.example.com/host">the host docs</a> or `localhost`.<img src=x onerror="window.pwned=1">' },
    port: { type: "integer", title: "Port", group: "conn", order: 1, maximum: 65535 },
    streams: {
      type: "array",
      title: "Streams",
      group: "conn",
      order: 2,
      items: { type: "object", title: "FileBasedStreamConfig", required: ["name"], properties: { name: { type: "string", title: "Name" }, glob: { type: "string", title: "Glob" } } },
    },
    processing: { type: "object", title: "ProcessingConfigModel", group: "adv", always_show: true, properties: { chunk_size: { type: "integer", title: "Chunk size" } } },
    schemas: { type: "array", items: { type: "string" }, default: [], group: "adv", title: "Schemas", always_show: true },
    ssh_key: { type: "string", title: "SSH key", airbyte_secret: true, multiline: true, group: "adv", always_show: true },
  },
};

/** Echoes form patches like the server, with an Ajv-like error for a port over 65535. */
function serverLike(event: ClientEvent, session: MockSession) {
  if (event.type !== "form.patch") return;
  const version = session.snapshot.form.version + 1;
  session.snapshot = { ...session.snapshot, form: { ...session.snapshot.form, version } };
  const errors = event.ops
    .filter((op) => op.path === "/port" && typeof op.value === "number" && op.value > 65535)
    .map((op) => ({ path: op.path, keyword: "maximum", message: "must be <= 65535" }));
  session.push({ type: "form.patch", version, ops: event.ops, by: "form", errors });
}

const shadowActive = (mock: MockSession) => mock.page.evaluate(() => document.querySelector("onramp-setup")!.shadowRoot!.activeElement?.id ?? "");

describe.skipIf(!ok)("form view (scripted session)", () => {
  const live = sharedBrowser();

  it("shows errors only after a touch: 'required' for an empty field, the server's for a bad value", async () => {
    const mock = await openMockSession(live.browser, { snapshot: baseSnapshot({ spec }), view: "form", respond: serverLike });
    const { page } = mock;
    const host = page.locator("onramp-setup #f_host");
    await host.waitFor();
    expect(await page.locator("onramp-setup .fld .e").count()).toBe(0);
    // Into the empty required Host and out again: the server heard nothing, the form says why.
    await host.focus();
    await page.keyboard.press("Tab");
    const hostError = page.locator('onramp-setup [data-path="/host"] .e');
    await expect.poll(() => hostError.textContent()).toBe("Host is required");
    expect(await host.getAttribute("aria-describedby")).toContain("f_host-e");
    expect(await page.locator('onramp-setup [data-path="/port"] .e').count()).toBe(0);
    // A value clears it.
    await host.fill("db.example.com");
    await host.press("Tab");
    await hostError.waitFor({ state: "detached" });
    // A value the server refuses shows the server's words.
    await page.locator("onramp-setup #f_port").fill("70000");
    await page.locator("onramp-setup #f_port").press("Tab");
    await expect.poll(() => page.locator('onramp-setup [data-path="/port"] .e').textContent()).toBe("must be <= 65535");
    await page.close();
  });

  it("renders groups, humanised class-name titles, and adds and removes items of an array of objects", async () => {
    const mock = await openMockSession(live.browser, { snapshot: baseSnapshot({ spec }), view: "form", respond: serverLike });
    const { page } = mock;
    await page.locator("onramp-setup #f_host").waitFor();
    expect(await page.locator("onramp-setup .grp h4").allTextContents()).toEqual(["Connection", "Advanced"]);
    expect(await page.locator("onramp-setup .grp").first().locator("[data-path]").evaluateAll((elements) => elements.map((e) => e.getAttribute("data-path")))).toEqual([
      "/host",
      "/port",
      "/streams",
    ]);
    expect(await page.locator('onramp-setup [data-path="/processing"] > legend').textContent()).toBe("Processing");
    expect(await page.getByText(/ConfigModel|StreamConfig/).count()).toBe(0);
    // An empty default list says nothing about a default.
    expect(await page.locator("onramp-setup #f_schemas").getAttribute("placeholder")).toBe("Add a value");

    await page.getByRole("button", { name: "Add Stream" }).click();
    await page.locator('onramp-setup [data-path="/streams/0"]').waitFor();
    await page.locator("onramp-setup #f_streams_0_name").fill("orders");
    await page.locator("onramp-setup #f_streams_0_name").press("Tab");
    await page.getByRole("button", { name: "Add Stream" }).click();
    await page.locator("onramp-setup #f_streams_1_name").fill("users");
    await page.locator("onramp-setup #f_streams_1_name").press("Tab");
    expect(await page.locator('onramp-setup [data-path^="/streams/"] > legend').allTextContents()).toEqual(["Stream 1", "Stream 2"]);
    await page.getByRole("button", { name: "Remove Stream 1" }).click();
    await expect.poll(() => page.locator("onramp-setup #f_streams_0_name").inputValue()).toBe("users");
    expect(await page.locator('onramp-setup [data-path="/streams/1"]').count()).toBe(0);
    // Each change of the list leaves as one whole-array op, so indexes cannot drift between views.
    const listOps = mock.sent.flatMap((event) => (event.type === "form.patch" ? event.ops : [])).filter((op) => op.path.startsWith("/streams"));
    expect(listOps.at(-1)).toEqual({ op: "set", path: "/streams", value: [{ name: "users" }] });
    expect(listOps.every((op) => op.path === "/streams" || /^\/streams\/\d+\/name$/.test(op.path))).toBe(true);
    await page.close();
  });

  it("rolls a refused edit back to the server's value and says why", async () => {
    const snapshot = baseSnapshot({ spec, form: { ...baseSnapshot().form, values: { host: "db.old" } } });
    const mock = await openMockSession(live.browser, {
      snapshot,
      view: "form",
      respond: (event, session) => event.type === "form.patch" && session.push({ type: "error", code: "session_closed", message: "This setup session is completed." }),
    });
    const { page } = mock;
    const host = page.locator("onramp-setup #f_host");
    await expect.poll(() => host.inputValue()).toBe("db.old");
    const fetchesBefore = mock.snapshotFetches;
    await host.fill("db.new");
    await host.press("Tab");
    await page.getByText("This setup session is completed.").waitFor();
    await expect.poll(() => host.inputValue()).toBe("db.old");
    expect(mock.snapshotFetches).toBeGreaterThan(fetchesBefore);
    await page.close();
  });

  it("links descriptions safely and masks a multiline secret that keeps its newlines", async () => {
    const mock = await openMockSession(live.browser, { snapshot: baseSnapshot({ spec }), view: "form", respond: (event, session) => event.type === "secret.submit" && session.push({ type: "secret.stored", path: event.path }) });
    const { page } = mock;
    const link = page.locator('onramp-setup [data-path="/host"] .d a');
    expect(await link.evaluate((a) => [a.getAttribute("href"), a.getAttribute("target"), a.getAttribute("rel"), a.textContent])).toEqual([
      "https://docs.example.com/host",
      "_blank",
      "noopener noreferrer",
      "the host docs",
    ]);
    expect(await page.locator('onramp-setup [data-path="/host"] .d code').textContent()).toBe("localhost");
    expect(await page.locator("onramp-setup img").count()).toBe(0);
    expect(await page.evaluate(() => (window as any).pwned)).toBeUndefined();

    const key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEAzCanaryLine2\nsecondLineQ\n-----END RSA PRIVATE KEY-----";
    const field = page.locator("onramp-setup #f_ssh_key");
    expect(await field.evaluate((element) => [element.tagName, getComputedStyle(element).getPropertyValue("-webkit-text-security")])).toEqual(["TEXTAREA", "disc"]);
    await field.fill(key);
    await field.press("Tab");
    await expect.poll(() => mock.sent.find((event) => event.type === "secret.submit")).toEqual({ type: "secret.submit", path: "/ssh_key", value: key });
    expect(await field.inputValue()).toBe("");
    await page.locator('onramp-setup [data-path="/ssh_key"] .stored').waitFor();
    expect(await page.evaluate(DEEP_TEXT)).not.toContain("CanaryLine2");
    expect(mock.sent.filter((event) => event.type !== "secret.submit" && JSON.stringify(event).includes("CanaryLine2"))).toEqual([]);
    await page.close();
  });

  it("is read-only without Test and save once the setup is saved, and names the connector it modifies", async () => {
    const mock = await openMockSession(live.browser, {
      snapshot: baseSnapshot({ spec, status: "completed", connectorId: "c1", form: { ...baseSnapshot().form, name: "Warehouse PG", values: { host: "db" } } }),
      view: "form",
    });
    const { page } = mock;
    await page.getByText(/the form is read-only/).waitFor();
    expect(await page.locator("onramp-setup #f_host").isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Add Stream" }).isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Test and save" }).count()).toBe(0);
    expect(await page.getByRole("button", { name: "Copy JSON" }).isEnabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Cancel setup" }).count()).toBe(0);
    await page.close();

    const modify = await openMockSession(live.browser, {
      snapshot: baseSnapshot({ spec, connectorId: "c1", form: { ...baseSnapshot().form, name: "Warehouse PG", values: { host: "db" } } }),
      view: "form",
    });
    await expect.poll(() => modify.page.locator("onramp-setup header h2").textContent()).toBe("Modify Warehouse PG");
    expect(await modify.page.locator("onramp-setup #f_host").isDisabled()).toBe(false);
    expect(await modify.page.getByRole("button", { name: "Test and save" }).count()).toBe(1);
    await modify.page.close();
  });

  it("keeps focus where it is while the agent fills the form", async () => {
    const mock = await openMockSession(live.browser, { snapshot: baseSnapshot({ spec }), view: "form" });
    const { page } = mock;
    await page.locator("onramp-setup #f_port").focus();
    mock.push({ type: "form.patch", version: 2, by: "agent", ops: [{ op: "set", path: "/host", value: "from-agent" }] });
    await expect.poll(() => page.locator("onramp-setup #f_host").inputValue()).toBe("from-agent");
    expect(await shadowActive(mock)).toBe("f_port");
    await page.close();
  });
});
