// The widget's root component: owns the session state, the transport, the view switch and the
// DOM events the host page listens to.
import { useEffect, useMemo, useReducer, useRef, useState } from "preact/hooks";
import type { ClientEvent, FormOp } from "../agent/protocol.ts";
import { initialState, reduce, type View } from "./state.ts";
import { createTransport, type SessionTransport } from "./transport.ts";
import { Chat } from "./views/chat.tsx";
import { FormView } from "./views/form/form-view.tsx";
import { TestCard } from "./views/test-card.tsx";
import { CancelSetupButton, CancelSetupConfirm } from "./views/cancel-setup.tsx";
import { SessionProblemCard } from "./views/session-problem.tsx";
import { titleAt } from "./views/form/model.ts";
import { fieldId } from "./views/form/context.ts";

// Error codes that answer a form edit the server did not apply: what the form shows is then not
// what the server holds, so the snapshot is fetched again (rolling the edit back) and the reason
// stays on screen.
const REFUSED_EDIT = new Set(["conflict", "version_conflict", "session_closed", "invalid_path", "invalid_op", "no_definition"]);

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
  /** Set once the person used the widget: only then may a new question move focus into it. */
  const interacted = useRef(false);
  /** Form edits sent and not yet echoed back: an error meanwhile is (most likely) their refusal. */
  const editsInFlight = useRef(0);
  const [askingCancel, setAskingCancel] = useState(false);
  /**
   * The chat message sent last, until the server echoes it (message.received) or refuses it: a
   * refused message (too long, say) goes back into the answer box instead of being lost.
   */
  const unconfirmed = useRef<string | null>(null);

  useEffect(() => {
    const t = createTransport({
      server,
      sessionId,
      token,
      onEvent: (event) => {
        dispatch(event);
        if (event.type === "message.received") unconfirmed.current = null;
        if (event.type === "error" && event.field === "/text" && unconfirmed.current !== null) {
          dispatch({ type: "local.draft", text: unconfirmed.current });
          unconfirmed.current = null;
        }
        if (event.type === "form.patch" && event.by === "form") editsInFlight.current = Math.max(0, editsInFlight.current - 1);
        if (event.type === "session.completed") fire(host, "onramp:completed", { connectorId: event.connectorId });
        else if (event.type === "session.cancelled") fire(host, "onramp:cancelled", {});
        else if (event.type === "error") {
          fire(host, "onramp:error", { code: event.code, message: event.message, fatal: false });
          if (editsInFlight.current > 0 || REFUSED_EDIT.has(event.code)) {
            editsInFlight.current = 0;
            // The snapshot replaces the optimistic values: say why afterwards.
            void t.refresh().then(() => dispatch({ type: "local.notice", message: event.message }), () => undefined);
          }
        }
      },
      onStatus: (status) => dispatch({ type: "local.connection", status }),
      onSent: (event) => event.type === "user.message" && dispatch({ type: "local.sent" }),
      onProblem: (problem) => {
        dispatch({ type: "local.problem", problem });
        fire(host, "onramp:error", { ...problem, fatal: true });
      },
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

  // Any action of the person's clears the banner of the last one's refusal (it is answered now).
  const send = (event: ClientEvent) => {
    if (state.notice && event.type !== "view.switch") dispatch({ type: "local.notice", message: null });
    return transport.current?.send(event) ?? false;
  };
  const mayFocus = () => {
    if (interacted.current) return true;
    const root = rootRef.current?.getRootNode();
    return root instanceof ShadowRoot ? root.activeElement !== null : !!rootRef.current?.contains(document.activeElement);
  };
  const noteUse = () => {
    interacted.current = true;
  };
  const say = (text: string) => {
    unconfirmed.current = text;
    const sent = send({ type: "user.message", text });
    // The transcript shows the server's screened echo. A message waiting for the socket is shown
    // as waiting, masked while a secret field is asked (it may be the secret itself).
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
  const patch = (ops: FormOp[], name?: string) => {
    editsInFlight.current += 1;
    dispatch({ type: "local.form", ops, name });
    send({ type: "form.patch", base_version: state.form.version, ops, ...(name === undefined ? {} : { name }) });
  };
  const fieldTitle = useMemo(() => (path: string) => titleAt(state.spec, state.form.values, path), [state.spec, state.form.values]);

  const ended =
    state.status === "completed" ? (
      <div class="done card ok" role="status">
        <h3>Connector saved</h3>
      </div>
    ) : state.status === "cancelled" ? (
      <div class="done card" role="status">
        <h3>Setup cancelled</h3>
        <p>Nothing was saved.</p>
      </div>
    ) : null;
  const name = state.form.name || state.definition?.displayName;
  const title = state.modifying && name ? `Modify ${name}` : state.definition ? `Set up ${state.definition.displayName}` : "Set up a connector";
  const active = state.status === "active" && state.loaded && !state.problem;
  return (
    <div class="w" ref={rootRef} onPointerDown={noteUse} onKeyDown={noteUse} onFocusIn={noteUse}>
      <header>
        <span class={`dot${state.connection === "open" && !state.problem ? "" : " off"}`} title={state.problem ? "stopped" : state.connection} aria-hidden="true" />
        <h2>{title}</h2>
        <span class="conn" role="status">
          {state.problem ? "" : state.connection === "reconnecting" ? "Reconnecting…" : state.connection === "offline" ? "Offline, retrying" : ""}
        </span>
        {active && <CancelSetupButton asking={askingCancel} onAsk={() => setAskingCancel(true)} />}
        {!state.problem && (
          <div class="sw" role="group" aria-label="View">
            <button type="button" aria-pressed={state.view === "agent"} onClick={() => switchView("agent")}>
              Agent
            </button>
            <button type="button" aria-pressed={state.view === "form"} onClick={() => switchView("form")}>
              Form
            </button>
          </div>
        )}
      </header>
      {active && askingCancel && (
        <CancelSetupConfirm
          onKeep={() => setAskingCancel(false)}
          onConfirm={() => {
            setAskingCancel(false);
            send({ type: "session.cancel" });
          }}
        />
      )}
      {state.notice && !state.problem && (
        <p class="note" role="alert" style="padding:0 12px">
          {state.notice}
        </p>
      )}
      {state.view === "form" && !state.problem && ended}
      {state.problem ? (
        <SessionProblemCard
          problem={state.problem}
          onRetry={() => {
            dispatch({ type: "local.problem", problem: null });
            transport.current?.retry();
          }}
        />
      ) : state.view === "form" ? (
        <FormView
          state={state}
          onPatch={patch}
          onRename={(next) => patch([], next)}
          onFieldFocus={(detail) => fire(host, "onramp:field-focus", detail)}
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
            onDraft={(text) => dispatch({ type: "local.draft", text })}
            mayFocus={mayFocus}
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
            <TestCard result={state.lastTest} liveCheck={state.definition?.liveCheck} testing={state.testing} fieldTitle={fieldTitle} onJump={jump} />
            {ended}
          </Chat>
        </>
      )}
    </div>
  );
}
