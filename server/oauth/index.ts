export { oauthRoutes } from "./routes.ts";
export { refreshIfNeeded, refreshForCheck, needsRefresh, type RefreshInput, type RefreshResult, type CheckRefreshInput } from "./refresh.ts";
export { putOAuthClient, resolveOAuthClient, viewOfClient, type OAuthClientConfig, type OAuthClientInput, type OAuthClientView } from "./oauth-clients.ts";
export { startOAuth, callbackUrl, STATE_TTL_SECONDS } from "./oauth-flow.ts";
export { completeOAuth, type FlowOutcome } from "./oauth-callback.ts";
export { OAuthFlowError, type OAuthFailureReason } from "./oauth-flow-error.ts";
export { OAUTH_CHANNEL, type CallbackMessage } from "./callback-page.ts";
