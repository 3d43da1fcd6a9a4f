import { describe, expect, it } from "vitest";
import { callbackPage, OAUTH_CHANNEL } from "./callback-page.ts";

describe("callbackPage", () => {
  it("posts to the given origin only and on the onramp-oauth channel", () => {
    const { html, nonce } = callbackPage({ type: "oauth.completed", session: "s1", path: "/credentials" }, "https://host.example");
    expect(html).toContain(`new BroadcastChannel(${JSON.stringify(OAUTH_CHANNEL)})`);
    expect(html).toContain('var targetOrigin = "https://host.example";');
    expect(html).not.toMatch(/postMessage\([^)]*"\*"/);
    expect(html).toContain(`<script nonce="${nonce}">`);
  });

  it("posts nothing to the opener without an origin", () => {
    const { html } = callbackPage({ type: "oauth.failed", session: null, path: null, reason: "state_unknown", message: "gone" }, null);
    expect(html).toContain("var targetOrigin = null;");
    expect(html).toContain("window.opener && targetOrigin");
  });

  it("cannot be broken out of by a hostile message", () => {
    const hostile = `</script><script>alert(1)</script><img src=x onerror=alert(2)>`;
    const { html } = callbackPage({ type: "oauth.failed", session: "s1", path: "/x", reason: "provider_error", message: hostile }, "https://host.example");
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;/script&gt;");
  });
});
