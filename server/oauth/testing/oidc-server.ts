// A real OAuth 2.0 / OpenID authorization server (the certified `oidc-provider`) on 127.0.0.1,
// for tests and evals: authorization code + PKCE S256 (required), refresh tokens, and the
// package's development login/consent pages (any login and password are accepted).
// Test-only: never imported by product code.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import Provider from "oidc-provider";

const API_RESOURCE = "urn:onramp:test-api";

export interface OidcServerOptions {
  /** Redirect URIs the registered client may use (Onramp's `${publicUrl}/oauth/callback`). */
  redirectUris: string[];
  clientId?: string;
  clientSecret?: string;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  /**
   * How the client authenticates at the token endpoint. With "client_secret_basic" a token request
   * without an HTTP Basic Authorization header is refused (401 invalid_client), like providers
   * whose declarative definitions send `access_token_headers`. oidc-provider itself accepts either
   * method from any client secret client, so this server refuses it in front of the provider.
   */
  tokenEndpointAuthMethod?: "client_secret_post" | "client_secret_basic";
}

export interface OidcTestServer {
  issuer: string;
  authorizeUrl: string;
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Simulates an outage of the token endpoint only: connections to it are dropped. */
  setTokenEndpointDown(down: boolean): void;
  /**
   * Holds the token endpoint's answers (the provider still handles each request at once) until the
   * returned function is called: a test acts while Onramp waits for a code exchange.
   */
  holdTokenResponses(): () => void;
  /** Asks the provider whether an access token is active (RFC 7662), as a resource server would. */
  introspect(token: string): Promise<boolean>;
  /** How many requests reached the token endpoint, by grant_type. */
  tokenRequests: Record<string, number>;
  /** Every token request's shape: grant type, non-empty parameter names (never values), Basic header or not. */
  tokenRequestLog: Array<{ grant: string; params: string[]; basicAuth: boolean }>;
  close(): Promise<void>;
}

export async function startOidcServer(options: OidcServerOptions): Promise<OidcTestServer> {
  const clientId = options.clientId ?? `onramp-test-${randomBytes(4).toString("hex")}`;
  const clientSecret = options.clientSecret ?? randomBytes(24).toString("base64url");
  let handler: http.RequestListener = (_request, response) => response.end();
  let tokenDown = false;
  let hold: Promise<void> | null = null;
  const tokenRequests: Record<string, number> = {};
  const tokenRequestLog: OidcTestServer["tokenRequestLog"] = [];

  const server = http.createServer((request, response) => {
    const pathname = (request.url ?? "").split("?")[0];
    if (pathname === "/token" && request.method === "POST") {
      if (tokenDown) {
        request.socket.destroy();
        return;
      }
      const basicAuth = /^basic /i.test(request.headers.authorization ?? "");
      countGrant(request, tokenRequests, tokenRequestLog, basicAuth);
      if (options.tokenEndpointAuthMethod === "client_secret_basic" && !basicAuth) {
        response.writeHead(401, { "content-type": "application/json", "www-authenticate": "Basic" });
        response.end(JSON.stringify({ error: "invalid_client", error_description: "client authentication by HTTP Basic is required" }));
        return;
      }
    }
    if (hold && pathname === "/token") {
      const gate = hold;
      const end = response.end.bind(response) as (...args: unknown[]) => http.ServerResponse;
      response.end = ((...args: unknown[]) => {
        void gate.then(() => end(...args));
        return response;
      }) as typeof response.end;
    }
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code", "refresh_token"],
        response_types: ["code"],
        token_endpoint_auth_method: options.tokenEndpointAuthMethod ?? "client_secret_post",
      },
    ],
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: true },
      // Lets a test API (a resource server) ask whether an access token is still valid.
      introspection: { enabled: true },
      // Plain OAuth 2.0 scopes ("read", "repo", ...) belong to an API (resource server), not to
      // OpenID; every requested scope is grantable on it, as a SaaS provider would grant its own.
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => API_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async (ctx: any) => ({
          scope: String(ctx.oidc?.params?.scope ?? ctx.oidc?.body?.scope ?? ctx.oidc?.entities?.RefreshToken?.scope ?? ""),
          accessTokenFormat: "opaque",
          accessTokenTTL: options.accessTokenTtlSeconds ?? 3600,
        }),
      },
    },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    // Every login is accepted: the account is whatever the tester types.
    findAccount: async (_ctx: unknown, id: string) => ({ accountId: id, claims: async () => ({ sub: id }) }),
    // Refresh tokens for every code grant of a client allowed to refresh, like most SaaS providers.
    issueRefreshToken: async (_ctx: unknown, client: any) => client.grantTypeAllowed("refresh_token"),
    ttl: {
      AccessToken: options.accessTokenTtlSeconds ?? 3600,
      AuthorizationCode: 120,
      RefreshToken: options.refreshTokenTtlSeconds ?? 86_400,
      Grant: 86_400,
      Interaction: 600,
      Session: 3600,
      IdToken: 3600,
    },
  });
  // The development interactions warn on every start; tests do not need that noise.
  provider.on("server_error", () => undefined);
  handler = provider.callback();

  return {
    issuer,
    authorizeUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    clientId,
    clientSecret,
    tokenRequests,
    tokenRequestLog,
    async introspect(token: string) {
      const response = await fetch(`${issuer}/token/introspection`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
        body: new URLSearchParams({ token, client_id: clientId, client_secret: clientSecret }).toString(),
      });
      const body = (await response.json()) as { active?: boolean };
      return body.active === true;
    },
    holdTokenResponses() {
      let release!: () => void;
      hold = new Promise<void>((resolve) => (release = resolve));
      return () => {
        hold = null;
        release();
      };
    },
    setTokenEndpointDown(down: boolean) {
      tokenDown = down;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function countGrant(request: http.IncomingMessage, counts: Record<string, number>, log: OidcTestServer["tokenRequestLog"], basicAuth: boolean): void {
  // Peek at the body without consuming it for the provider: both listen to the same stream.
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const params = new URLSearchParams(Buffer.concat(chunks).toString());
    const grant = params.get("grant_type") ?? "unknown";
    counts[grant] = (counts[grant] ?? 0) + 1;
    log.push({ grant, params: [...new Set(params.keys())].filter((name) => params.get(name) !== ""), basicAuth });
  });
}
