// OAuth: the popup goes to the server's /oauth/start; completion arrives on the session's ws,
// on BroadcastChannel("onramp-oauth") when the host shares the server's origin, and by
// postMessage from the callback page to the session's allowed origin otherwise.
import { useEffect, useRef, useState } from "preact/hooks";

export interface OAuthMessage {
  type: "oauth.completed" | "oauth.failed";
  session: string | null;
  path: string;
  reason?: string;
  message?: string;
}

export interface OAuthPanelProps {
  pending: { path: string; startUrl: string; unavailable?: string };
  server: string;
  sessionId: string;
  onCancel(path: string): void;
  onDone(message: OAuthMessage): void;
}

// Only a message that names this widget's session counts: another session's popup, or a result
// the server did not give this session (a late callback after a cancel names none), is ignored.
export function asMessage(data: any, sessionId: string, path: string): OAuthMessage | null {
  if (!data || (data.type !== "oauth.completed" && data.type !== "oauth.failed")) return null;
  if (data.session !== sessionId) return null;
  return { ...data, path: data.path ?? path };
}

export function OAuthPanel({ pending, server, sessionId, onCancel, onDone }: OAuthPanelProps) {
  const [popupClosed, setPopupClosed] = useState(false);
  const popupRef = useRef<Window | null>(null);
  const serverOrigin = new URL(server || location.href, location.href).origin;

  useEffect(() => {
    const handle = (data: unknown) => {
      const message = asMessage(data, sessionId, pending.path);
      if (message) onDone(message);
    };
    const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("onramp-oauth");
    if (channel) channel.onmessage = (event) => handle(event.data);
    const onWindowMessage = (event: MessageEvent) => event.origin === serverOrigin && handle(event.data);
    window.addEventListener("message", onWindowMessage);
    return () => {
      channel?.close();
      window.removeEventListener("message", onWindowMessage);
    };
  }, [pending.path, sessionId]);

  const open = () => {
    setPopupClosed(false);
    const url = new URL(pending.startUrl, server || location.href).toString();
    const popup = window.open(url, "onramp-oauth", "popup,width=520,height=680");
    popupRef.current = popup;
    if (!popup) return setPopupClosed(true);
    const watch = setInterval(() => {
      if (popup.closed) {
        clearInterval(watch);
        setPopupClosed(true);
      }
    }, 500);
  };

  if (pending.unavailable) {
    // No popup that would only fail: what an administrator must set up, and the way back.
    return (
      <div class="row" role="group" aria-label="Authorization">
        <span style="flex:1;font-size:12px" role="status">
          {pending.unavailable}
        </span>
        <button type="button" onClick={() => onCancel(pending.path)}>
          Back
        </button>
      </div>
    );
  }
  return (
    <div class="row" role="group" aria-label="Authorization">
      <button class="p" type="button" onClick={open}>
        Authorize
      </button>
      <span style="flex:1;font-size:12px">
        {popupClosed ? "The sign-in window was closed. Authorize again, or cancel." : "Sign in with the provider in a popup."}
      </span>
      <button
        type="button"
        onClick={() => {
          // Cancel means the sign-in is over: the provider's window goes too.
          popupRef.current?.close();
          onCancel(pending.path);
        }}
      >
        Cancel
      </button>
    </div>
  );
}
