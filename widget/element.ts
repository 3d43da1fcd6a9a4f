// <onramp-setup session-token="..." [session-id="..."] server="..." theme="light|dark" view="agent|form">
// Re-mounts when the session attributes change; theme is pure CSS (:host([theme=dark])).
import { mount, type MountedWidget } from "./mount.tsx";

const SESSION_ATTRIBUTES = ["session-token", "session-id", "server", "view"];

export class OnrampSetupElement extends HTMLElement {
  static observedAttributes = SESSION_ATTRIBUTES;
  private mounted: MountedWidget | null = null;

  connectedCallback() {
    this.remount();
  }

  disconnectedCallback() {
    this.mounted?.unmount();
    this.mounted = null;
  }

  attributeChangedCallback() {
    if (this.isConnected) this.remount();
  }

  private remount() {
    const sessionToken = this.getAttribute("session-token");
    this.mounted?.unmount();
    this.mounted = null;
    if (!sessionToken) return;
    const view = this.getAttribute("view");
    this.mounted = mount(this, {
      sessionToken,
      sessionId: this.getAttribute("session-id") ?? undefined,
      server: this.getAttribute("server") ?? undefined,
      view: view === "form" ? "form" : "agent",
    });
  }
}

export function defineElement(name = "onramp-setup") {
  if (typeof customElements !== "undefined" && !customElements.get(name)) customElements.define(name, OnrampSetupElement);
}
