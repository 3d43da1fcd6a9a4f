// One error type for everything that can end an OAuth flow. `reason` is a stable code the widget
// and the agent can branch on; `message` is plain words safe to show (never a token or secret).

export type OAuthFailureReason =
  | "access_denied"
  | "provider_error"
  | "state_unknown"
  | "state_mismatch"
  | "state_expired"
  /** The state was redeemed before: the callback URL was used a second time. */
  | "state_replayed"
  /** The session no longer waits for this authorization (cancelled, or it moved on). */
  | "not_waiting"
  | "wrong_browser"
  | "not_configured"
  | "not_selected"
  | "missing_input"
  | "token_endpoint_unreachable"
  | "token_endpoint_error"
  | "session_unavailable";

export class OAuthFlowError extends Error {
  readonly reason: OAuthFailureReason;

  constructor(reason: OAuthFailureReason, message: string) {
    super(message);
    this.name = "OAuthFlowError";
    this.reason = reason;
  }
}
