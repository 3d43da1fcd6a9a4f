// The widget bundle's entry (widget/dist/widget.js): defines <onramp-setup> on load and exports
// mount() for bundlers.
import { defineElement } from "./element.ts";

export { mount, type MountOptions, type MountedWidget } from "./mount.tsx";
export { OnrampSetupElement, defineElement } from "./element.ts";

defineElement();
