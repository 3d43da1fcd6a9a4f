// The link a setup session's OAuth popup opens. One function for the session port and for an
// agent worker's copy of it (agent-pool/remote-port.ts), which cannot ask the main thread
// synchronously.
export function oauthStartUrl(publicUrl: string, sessionId: string, path: string): string {
  const base = publicUrl.replace(/\/+$/, "");
  return `${base}/oauth/start?session=${encodeURIComponent(sessionId)}&path=${encodeURIComponent(path)}`;
}
