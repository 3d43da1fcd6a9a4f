// Talks to a provider's token endpoint. Every failure becomes an OAuthFlowError with a reason
// code and plain words; neither ever carries a token, a code or a client secret.
import type { TokenRequest } from "../../specs/advanced-auth.ts";
import { OAuthFlowError } from "./oauth-flow-error.ts";

export interface TokenResponse {
  access_token?: string;
  refresh_token?: string;
  expires_in?: number;
  [key: string]: unknown;
}

// Provider error codes are short identifiers; anything else is not repeated to the user.
const SAFE_CODE = /^[a-z_]{3,40}$/;

/**
 * `requireAccessToken` (default true): RFC 6749 puts `access_token` at the top of a successful
 * answer. A declarative definition with `extract_output` says itself where its values are (they
 * may be nested), so its callers check the extracted outputs instead.
 */
export async function requestToken(request: TokenRequest, opts: { timeoutMs?: number; requireAccessToken?: boolean } = {}): Promise<TokenResponse> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: "POST",
      headers: request.headers,
      body: request.body,
      redirect: "error",
      signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
    });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new OAuthFlowError(
      "token_endpoint_unreachable",
      timedOut
        ? "The provider's token endpoint did not answer in time. Try authorizing again in a moment."
        : `Could not reach the provider's token endpoint (${new URL(request.url).host}). Try again, or check the OAuth settings.`,
    );
  }
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    // Some providers answer form-encoded (GitHub without an Accept header).
    body = Object.fromEntries(new URLSearchParams(text));
  }
  if (!response.ok || typeof body.error === "string") {
    const code = typeof body.error === "string" && SAFE_CODE.test(body.error) ? body.error : `http_${response.status}`;
    throw new OAuthFlowError("token_endpoint_error", tokenErrorWords(code));
  }
  if ((opts.requireAccessToken ?? true) && (typeof body.access_token !== "string" || body.access_token === "")) {
    throw new OAuthFlowError("token_endpoint_error", "The provider answered without an access token. Try authorizing again.");
  }
  return body as TokenResponse;
}

function tokenErrorWords(code: string): string {
  switch (code) {
    case "invalid_grant":
      return "The provider refused the authorization (invalid_grant): the code expired, was already used, or did not match this sign-in. Please authorize again.";
    case "invalid_client":
    case "unauthorized_client":
      return `The provider did not accept Onramp's OAuth client (${code}). An administrator needs to check the client id and secret.`;
    default:
      return `The provider's token endpoint returned an error (${code}). Please try authorizing again.`;
  }
}
