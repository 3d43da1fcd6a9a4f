export { oauthRoutes } from "./routes.ts";
export { refreshIfNeeded, refreshForCheck, needsRefresh, type RefreshInput, type RefreshResult, type CheckRefreshInput } from "./refresh.ts";
export { putOAuthClient, resolveOAuthClient, viewOfClient, type OAuthClientConfig, type OAuthClientInput, type OAuthClientView } from "./oauth-clients.ts";
export { startOAuth, completeOAuth, callbackUrl, STATE_TTL_SECONDS, type FlowOutcome } from "./oauth-flow.ts";
export { OAuthFlowError, type OAuthFailureReason } from "./oauth-flow-error.ts";
export { OAUTH_CHANNEL, type CallbackMessage } from "./callback-page.ts";
