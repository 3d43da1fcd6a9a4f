// The small page the popup lands on. It tells the widget (BroadcastChannel for same-origin views,
// window.opener.postMessage to the session's allowed origin only, never "*") and closes itself.
// The session's ws carries the same news, so a blocked script still ends the flow for the widget.
import { randomBytes } from "node:crypto";

export const OAUTH_CHANNEL = "onramp-oauth";

export interface CallbackMessage {
  type: "oauth.completed" | "oauth.failed";
  session: string | null;
  path: string | null;
  reason?: string;
  message?: string;
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char]!);

// JSON inside <script>: no "</script>" or "<!--" can break out.
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028|\u2029/g, "");

export function callbackPage(message: CallbackMessage, targetOrigin: string | null): { html: string; nonce: string } {
  const nonce = randomBytes(16).toString("base64");
  const ok = message.type === "oauth.completed";
  const title = ok ? "Authorized" : "Authorization failed";
  const text = ok ? "Authorized. You can close this window and continue the setup." : (message.message ?? "The sign-in did not complete.");
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:15px/1.5 system-ui,sans-serif;margin:3rem auto;max-width:28rem;padding:0 1rem;color:#222}h1{font-size:1.2rem}</style>
</head><body>
<h1>${escapeHtml(title)}</h1>
<p id="onramp-oauth-result" data-type="${message.type}" data-reason="${escapeHtml(message.reason ?? "")}">${escapeHtml(text)}</p>
<script nonce="${nonce}">
(function () {
  var message = ${scriptJson(message)};
  var targetOrigin = ${scriptJson(targetOrigin)};
  try { var channel = new BroadcastChannel(${scriptJson(OAUTH_CHANNEL)}); channel.postMessage(message); channel.close(); } catch (e) {}
  try { if (window.opener && targetOrigin) window.opener.postMessage(message, targetOrigin); } catch (e) {}
  setTimeout(function () { window.close(); }, ${ok ? 300 : 2500});
})();
</script>
</body></html>`;
  return { html, nonce };
}
