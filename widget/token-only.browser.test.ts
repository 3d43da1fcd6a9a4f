// The embedding contract of issue 5: a host page needs only the session token (and the server),
// no session id: the token names its session. Real server on 127.0.0.1, real Chromium.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { services } from "../server/testing/service-gate.ts";
import { sharedServerAndBrowser } from "./testing/real-server.ts";

const ok = await services.chromium();

describe.skipIf(!ok)("<onramp-setup> with a session token only", () => {
  const live = sharedServerAndBrowser();

  it("finds its session from the token and asks the first question, from a plain script tag on another origin", async () => {
    // The customer's page: another origin, nothing but a classic <script> and the tag.
    let html = "";
    const host: Server = createServer((_request, response) => response.writeHead(200, { "content-type": "text/html" }).end(html));
    await new Promise<void>((resolve) => host.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    try {
      const session = await live.server.api("POST", "/api/v1/setup-sessions", { workspace_name: "default", connector_type: "source-postgres", allowed_origin: origin });
      expect(session.session_token).toContain(session.session_id);
      html = `<!doctype html><script src="${live.server.baseUrl}/widget.js"></script><onramp-setup session-token="${session.session_token}" server="${live.server.baseUrl}"></onramp-setup>`;
      const page = await live.browser.newPage();
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      await page.goto(origin);
      await page.locator("onramp-setup .help b").filter({ hasText: /^Host\b/ }).waitFor({ timeout: 20_000 });
      // mount() is there for code that renders the widget itself.
      expect(await page.evaluate(() => typeof (window as unknown as { Onramp?: { mount?: unknown } }).Onramp?.mount)).toBe("function");
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await new Promise((resolve) => host.close(resolve));
    }
  });
});
