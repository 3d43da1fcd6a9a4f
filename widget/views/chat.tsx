// The agent view: transcript with the streamed reply, the current question's help, quick
// replies, and the composer (plain text, secret mode or OAuth, whichever the agent asked for).
import { useEffect, useRef } from "preact/hooks";
import type { ComponentChildren } from "preact";
import type { FieldAsk } from "../../agent/protocol.ts";
import { schemasAt, type WidgetState } from "../state.ts";
import { SecretInput } from "./secret-input.tsx";
import { OAuthPanel, type OAuthMessage } from "./oauth-panel.tsx";
import { LiveLog } from "./live-log.tsx";
import { RichText } from "./rich-text.tsx";

export interface ChatProps {
  state: WidgetState;
  server: string;
  sessionId: string;
  onSay(text: string): void;
  /** The unsent text of the answer box lives in app state, so a view switch keeps it. */
  onDraft(text: string): void;
  /** Whether a new question may take focus (never away from the host page before any use). */
  mayFocus(): boolean;
  onSecret(path: string, value: string): void;
  onSecretCancel(path: string): void;
  onOAuthCancel(path: string): void;
  onOAuthDone(message: OAuthMessage): void;
  /** Rendered at the end of the scrolling area (the test-result card). */
  children?: ComponentChildren;
}

/** Answers a click can give: enum values, oneOf option titles, yes/no, or the default. */
export function quickReplies(ask: FieldAsk | null): Array<{ label: string; text: string }> {
  if (!ask) return [];
  const same = (text: string) => ({ label: text, text });
  // A secret asked in chat (secret mode was cancelled): back to the secure field, or skip it.
  if (ask.secret) return ask.required ? [same("Ready")] : [same("Ready"), same("Skip")];
  if (ask.options?.length) return ask.options.map((option) => same(option.title));
  if (ask.enum?.length) return ask.enum.slice(0, 12).map((value) => same(String(value)));
  if (ask.type === "boolean") return [same("Yes"), same("No")];
  if (ask.default !== undefined && ask.default !== null && typeof ask.default !== "object") {
    return [{ label: `Use default (${String(ask.default)})`, text: "default" }];
  }
  return [];
}

function exampleText(example: unknown): string | null {
  if (example === undefined || example === null || example === "") return null;
  return typeof example === "string" ? example : JSON.stringify(example);
}

function Help({ ask }: { ask: FieldAsk }) {
  const example = exampleText(ask.example);
  return (
    <div class="help" aria-label="About this question">
      <b>
        {ask.title}
        {ask.required ? "" : " (optional)"}
      </b>
      {ask.description && (
        <p>
          <RichText text={ask.description} />
        </p>
      )}
      {example && <p>Example: {example}</p>}
    </div>
  );
}

/** A secret that spans lines (an SSH key, a certificate) needs a textarea, not a password input. */
export function isMultilineSecret(state: WidgetState, path: string): boolean {
  if (state.pending?.path === path && state.pending.multiline) return true;
  return schemasAt(state.spec, path).some((schema) => schema?.multiline === true);
}

export function Chat(props: ChatProps) {
  const { state } = props;
  const draft = state.draft;
  const inputRef = useRef<HTMLInputElement>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const ask = state.pending;
  const active = state.status === "active";

  // When a new question arrives, the caret goes where the answer is typed.
  useEffect(() => {
    if (!state.secretMode && !state.oauthPending && props.mayFocus()) inputRef.current?.focus({ preventScroll: true });
  }, [ask?.path, ask?.kind, state.secretMode?.path, state.oauthPending?.path]);

  useEffect(() => {
    const log = logRef.current?.parentElement;
    if (log) log.scrollTop = log.scrollHeight;
  }, [state.lines.length, state.streaming?.text, state.lastTest, ask?.path]);

  const hasDefault = ask?.default !== undefined && ask.default !== null && !ask.secret;
  const submit = (event: Event) => {
    event.preventDefault();
    // An empty Enter takes the offered default, as the agent's question says.
    const text = draft.trim() || (hasDefault ? "default" : "");
    if (!text) return;
    props.onSay(text);
    props.onDraft("");
  };

  const replies = active && !state.secretMode && !state.oauthPending ? quickReplies(ask) : [];
  return (
    <>
      <main>
        <div class="talk" ref={logRef}>
          <LiveLog lines={state.lines} />
          {state.outbox.map((text, index) => (
            <div key={`q${index}`} class="m user q" title="Waiting for the connection">
              {text}
            </div>
          ))}
          {state.streaming && (
            <div class="m agent" aria-hidden="true">
              {state.streaming.text}
            </div>
          )}
        </div>
        {active && ask && !state.streaming && <Help ask={ask} />}
        {replies.length > 0 && (
          <div class="chips" role="group" aria-label="Quick replies">
            {replies.map((reply) => (
              <button type="button" class="chip" key={reply.label} onClick={() => props.onSay(reply.text)}>
                {reply.label}
              </button>
            ))}
          </div>
        )}
        {props.children}
      </main>
      {active && (
        <footer>
          {state.secretMode ? (
            <SecretInput
              path={state.secretMode.path}
              title={state.secretMode.title ?? ask?.title ?? "Secret"}
              multiline={isMultilineSecret(state, state.secretMode.path)}
              onSubmit={props.onSecret}
              onCancel={props.onSecretCancel}
              onSkip={ask?.path === state.secretMode.path && ask.required === false ? () => props.onSay("skip") : undefined}
              mayFocus={props.mayFocus}
            />
          ) : state.oauthPending ? (
            <OAuthPanel pending={state.oauthPending} server={props.server} sessionId={props.sessionId} onCancel={props.onOAuthCancel} onDone={props.onOAuthDone} />
          ) : (
            <form class="row" onSubmit={submit}>
              <label class="sr" for="onramp-say">
                {ask ? `Answer: ${ask.title}` : "Message"}
              </label>
              <input
                id="onramp-say"
                ref={inputRef}
                autocomplete="off"
                placeholder={ask ? `Type your answer…` : "Type a message…"}
                value={draft}
                onInput={(event) => props.onDraft((event.target as HTMLInputElement).value)}
              />
              <button class="p" type="submit" disabled={!draft.trim() && !hasDefault}>
                Send
              </button>
            </form>
          )}
        </footer>
      )}
    </>
  );
}
