// The simulated popup against the real test provider (oidc-provider): consent yields a code,
// abort yields access_denied, both delivered to the callback.
import { createHash, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startOidcServer, type OidcTestServer } from "../server/oauth/testing/oidc-server.ts";
import { playOAuth } from "./oauth-user.ts";

let provider: OidcTestServer;
let callbackBase: string;
const callbacks: URL[] = [];
const server = createServer((request, response) => {
  callbacks.push(new URL(request.url ?? "/", callbackBase));
  response.end("done");
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  callbackBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  provider = await startOidcServer({ redirectUris: [`${callbackBase}/oauth/callback`] });
});
afterAll(async () => {
  await provider.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function authorizeUrl(state: string): string {
  const verifier = randomBytes(32).toString("base64url");
  const url = new URL(provider.authorizeUrl);
  url.search = new URLSearchParams({
    client_id: provider.clientId,
    response_type: "code",
    redirect_uri: `${callbackBase}/oauth/callback`,
    scope: "openid",
    state,
    code_challenge: createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
  }).toString();
  return url.toString();
}

describe("playOAuth", () => {
  const isCallback = (url: URL) => url.origin === callbackBase && url.pathname === "/oauth/callback";

  it("signs in and consents, ending at the callback with a code", async () => {
    const played = await playOAuth({ startUrl: authorizeUrl("s-approve"), decision: "approve", stopAt: isCallback });
    const landed = new URL(played.finalUrl);
    expect(landed.pathname).toBe("/oauth/callback");
    expect(landed.searchParams.get("state")).toBe("s-approve");
    expect(landed.searchParams.get("code")).toBeTruthy();
    expect(callbacks.at(-1)?.searchParams.get("code")).toBe(landed.searchParams.get("code"));
  });

  it("aborts, ending at the callback with access_denied", async () => {
    const played = await playOAuth({ startUrl: authorizeUrl("s-deny"), decision: "deny", stopAt: isCallback });
    const landed = new URL(played.finalUrl);
    expect(landed.searchParams.get("error")).toBe("access_denied");
    expect(landed.searchParams.get("code")).toBeNull();
  });
});
