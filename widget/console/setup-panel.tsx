// Hosts the widget for one setup session, exactly as a customer's page would: the custom
// element with a session token, listening for its DOM events.
import { useEffect, useRef } from "preact/hooks";
import type { FieldFocusDetail } from "../views/form/form-view.tsx";

export interface SetupTarget {
  sessionId: string;
  sessionToken: string;
  view: "agent" | "form";
}

export function SetupWidget({
  target,
  onCompleted,
  onCancelled,
  onFieldFocus,
}: {
  target: SetupTarget;
  onCompleted(connectorId: string): void;
  onCancelled?(): void;
  onFieldFocus?(detail: FieldFocusDetail): void;
}) {
  const hostRef = useRef<HTMLDivElement>(null);
  // The latest handlers, so the element is not rebuilt when the page re-renders.
  const handlers = useRef({ onCompleted, onCancelled, onFieldFocus });
  handlers.current = { onCompleted, onCancelled, onFieldFocus };
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const element = document.createElement("onramp-setup");
    element.setAttribute("session-id", target.sessionId);
    element.setAttribute("session-token", target.sessionToken);
    element.setAttribute("server", location.origin);
    element.setAttribute("view", target.view);
    const completed = (event: Event) => handlers.current.onCompleted((event as CustomEvent).detail?.connectorId);
    const cancelled = () => handlers.current.onCancelled?.();
    const focused = (event: Event) => handlers.current.onFieldFocus?.((event as CustomEvent).detail);
    element.addEventListener("onramp:completed", completed);
    element.addEventListener("onramp:cancelled", cancelled);
    element.addEventListener("onramp:field-focus", focused);
    host.replaceChildren(element);
    return () => {
      element.removeEventListener("onramp:completed", completed);
      element.removeEventListener("onramp:cancelled", cancelled);
      element.removeEventListener("onramp:field-focus", focused);
      element.remove();
    };
  }, [target.sessionId]);
  return <div ref={hostRef} />;
}
