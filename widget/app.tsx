// The widget's root component: owns the session state, the transport, the view switch and the
// DOM events the host page listens to.
import { useEffect, useMemo, useReducer, useRef } from "preact/hooks";
import type { ClientEvent, FormOp } from "../agent/protocol.ts";
import { initialState, reduce, type View } from "./state.ts";
import { createTransport, type SessionTransport } from "./transport.ts";
import { Chat } from "./views/chat.tsx";
import { FormView } from "./views/form/form-view.tsx";
import { TestCard } from "./views/test-card.tsx";
import { titleAt } from "./views/form/model.ts";
import { fieldId } from "./views/form/context.ts";

export interface AppProps {
  server: string;
  sessionId: string;
  token: string;
  view?: View;
  host: HTMLElement;
}

function fire(host: HTMLElement, name: string, detail: unknown) {
  host.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

export function App({ server, sessionId, token, view, host }: AppProps) {
  const [state, dispatch] = useReducer(reduce, view, initialState);
  const transport = useRef<SessionTransport | null>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const focusAfterSwitch = useRef<string | null>(null);

  useEffect(() => {
    const t = createTransport({
      server,
      sessionId,
      token,
      onEvent: (event) => {
        dispatch(event);
        if (event.type === "session.completed") fire(host, "onramp:completed", { connectorId: event.connectorId });
        else if (event.type === "session.cancelled") fire(host, "onramp:cancelled", {});
        else if (event.type === "error") {
          fire(host, "onramp:error", { code: event.code, message: event.message });
          // A form edit made against a stale version: take the server's document and go on.
          if (event.code === "conflict" || event.code === "version_conflict") void t.refresh().catch(() => undefined);
        }
      },
      onStatus: (status) => dispatch({ type: "local.connection", status }),
      onSent: (event) => event.type === "user.message" && dispatch({ type: "local.sent" }),
    });
    transport.current = t;
    t.start();
    return () => t.close();
  }, [server, sessionId, token]);

  useEffect(() => {
    const path = focusAfterSwitch.current;
    if (state.view !== "form" || path === null) return;
    focusAfterSwitch.current = null;
    const shadow = rootRef.current?.getRootNode() as ShadowRoot | Document | undefined;
    const target = shadow?.getElementById?.(fieldId(path)) as HTMLElement | null;
    // A field inside a collapsed "Optional" must be revealed before it can take focus.
    const details = target?.closest("details");
    if (details) details.open = true;
    target?.focus();
    target?.scrollIntoView?.({ block: "center" });
  });

  const send = (event: ClientEvent) => transport.current?.send(event) ?? false;
  const say = (text: string) => {
    const sent = send({ type: "user.message", text });
    // While a secret field is asked in chat, whatever is typed may be the secret itself (the
    // server screens it): never echo it into the page.
    const shown = state.pending?.secret && !/^(ready|skip)$/i.test(text) ? "••••••" : text;
    dispatch({ type: "local.user", text: shown, queued: !sent });
  };
  const switchView = (next: View) => {
    dispatch({ type: "local.view", view: next });
    send({ type: "view.switch", view: next });
  };
  const jump = (path: string) => {
    focusAfterSwitch.current = path;
    if (state.view !== "form") switchView("form");
    else dispatch({ type: "local.notice", message: null });
  };
  const patch = (ops: FormOp[]) => {
    dispatch({ type: "local.form", ops });
    send({ type: "form.patch", base_version: state.form.version, ops });
  };
  const fieldTitle = useMemo(() => (path: string) => titleAt(state.spec, state.form.values, path), [state.spec, state.form.values]);

  const saved = state.status === "completed" && (
    <div class="done card ok" role="status">
      <h3>Connector saved</h3>
    </div>
  );
  const title = state.definition ? `Set up ${state.definition.displayName}` : "Set up a connector";
  return (
    <div class="w" ref={rootRef}>
      <header>
        <span class={`dot${state.connection === "open" ? "" : " off"}`} title={state.connection} aria-hidden="true" />
        <h2>{title}</h2>
        <span class="conn" role="status">
          {state.connection === "reconnecting" ? "Reconnecting…" : state.connection === "offline" ? "Offline, retrying" : ""}
        </span>
        <div class="sw" role="group" aria-label="View">
          <button type="button" aria-pressed={state.view === "agent"} onClick={() => switchView("agent")}>
            Agent
          </button>
          <button type="button" aria-pressed={state.view === "form"} onClick={() => switchView("form")}>
            Form
          </button>
        </div>
      </header>
      <div class="sr" aria-live="polite" aria-atomic="true">
        {state.announcement}
      </div>
      {state.notice && (
        <p class="note" role="alert" style="padding:0 12px">
          {state.notice}
        </p>
      )}
      {state.view === "form" && saved}
      {state.view === "form" ? (
        <FormView
          state={state}
          onPatch={patch}
          onSecret={(path, value) => send({ type: "secret.submit", path, value })}
          onTest={() => send({ type: "test.request" })}
          onCopy={async () => {
            const config = await transport.current!.fetchConfig();
            const payload = config as any;
            const text = JSON.stringify(payload?.config ?? payload?.configuration ?? payload, null, 2);
            await navigator.clipboard.writeText(text);
            return "Copied the configuration (secrets masked).";
          }}
          fieldTitle={fieldTitle}
          onJump={jump}
        />
      ) : (
        <>
          <Chat
            state={state}
            server={server}
            sessionId={sessionId}
            onSay={say}
            onSecret={(path, value) => send({ type: "secret.submit", path, value })}
            onSecretCancel={(path) => {
              dispatch({ type: "local.secretCancel" });
              send({ type: "secret.cancel", path });
            }}
            onOAuthCancel={(path) => send({ type: "oauth.cancel", path })}
            onOAuthDone={(message) => {
              // The callback page's news: apply it now, then let the server's snapshot confirm.
              if (message.type === "oauth.completed") dispatch({ type: "oauth.completed", path: message.path });
              else dispatch({ type: "oauth.failed", path: message.path, reason: message.reason ?? "unknown", message: message.message ?? "Authorization failed." });
              void transport.current?.refresh().catch(() => undefined);
            }}
          >
            <TestCard result={state.lastTest} testing={state.testing} fieldTitle={fieldTitle} onJump={jump} />
            {saved}
          </Chat>
        </>
      )}
    </div>
  );
}
