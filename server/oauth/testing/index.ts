// Test-only helpers others reuse (evals' `oauth: approve|deny`, the widget's popup test).
export { startOidcServer, type OidcServerOptions, type OidcTestServer } from "./oidc-server.ts";
export { authorizeWithoutBrowser, CookieJar, type AuthorizeOptions, type AuthorizeResult } from "./authorize-without-browser.ts";
export { startOAuthTestEnv, type OAuthTestEnv, type OAuthTestEnvOptions } from "./oauth-test-env.ts";
