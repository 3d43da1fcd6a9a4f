// mount(): renders the widget into an element's shadow root (styles inside it), for bundlers
// and for the <onramp-setup> custom element alike.
import { render } from "preact";
import { App } from "./app.tsx";
import { styles } from "./styles.ts";
import type { View } from "./state.ts";

export interface MountOptions {
  /** The session token from POST /api/v1/setup-sessions (never an application token). */
  sessionToken: string;
  /** The session id (session_id from POST /api/v1/setup-sessions); read from the token when left out. */
  sessionId?: string;
  /** Base URL of the Onramp server; defaults to the page's origin. */
  server?: string;
  view?: View;
}

export interface MountedWidget {
  unmount(): void;
}

/** Session tokens read oss_<session id>.<secret>; older ones name no session. */
export function sessionOfToken(token: string): string | undefined {
  return /^oss_([0-9a-f-]{36})\./i.exec(token ?? "")?.[1];
}

export function mount(element: HTMLElement, options: MountOptions): MountedWidget {
  const root = element.shadowRoot ?? element.attachShadow({ mode: "open" });
  if (!root.querySelector("style[data-onramp]")) {
    const style = document.createElement("style");
    style.setAttribute("data-onramp", "");
    style.textContent = styles;
    root.appendChild(style);
  }
  let container = root.querySelector<HTMLDivElement>("div[data-onramp-root]");
  if (!container) {
    container = document.createElement("div");
    container.setAttribute("data-onramp-root", "");
    root.appendChild(container);
  }
  const server = (options.server || location.origin).replace(/\/$/, "");
  const sessionId = options.sessionId || sessionOfToken(options.sessionToken);
  if (!sessionId) {
    element.dispatchEvent(
      new CustomEvent("onramp:error", { detail: { code: "no_session", message: "session-id is missing and the session token does not name its session" }, bubbles: true, composed: true }),
    );
  }
  render(<App server={server} sessionId={sessionId ?? ""} token={options.sessionToken} view={options.view} host={element} />, container);
  const target = container;
  return { unmount: () => render(null, target) };
}
