// Hosts the widget for one setup session, exactly as a customer's page would: the custom
// element with a session token, listening for its DOM events.
import { useEffect, useRef } from "preact/hooks";

export interface SetupTarget {
  title: string;
  sessionId: string;
  sessionToken: string;
  view: "agent" | "form";
}

export function SetupPanel({ target, onCompleted, onClose }: { target: SetupTarget; onCompleted(connectorId: string): void; onClose(): void }) {
  const hostRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const element = document.createElement("onramp-setup");
    element.setAttribute("session-id", target.sessionId);
    element.setAttribute("session-token", target.sessionToken);
    element.setAttribute("server", location.origin);
    element.setAttribute("view", target.view);
    const completed = (event: Event) => onCompleted((event as CustomEvent).detail?.connectorId);
    element.addEventListener("onramp:completed", completed);
    host.replaceChildren(element);
    return () => {
      element.removeEventListener("onramp:completed", completed);
      element.remove();
    };
  }, [target.sessionId]);
  return (
    <div class="panel">
      <h3>
        <span>{target.title}</span>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </h3>
      <div ref={hostRef} />
    </div>
  );
}
