// Secret mode. The value lives only in this uncontrolled input: it is read once on submit,
// cleared at once, and never enters component state, the transcript or any storage.
// Multiline secrets (SSH keys, certificates) get a masked <textarea>: a password input would
// strip their newlines.
import { useEffect, useRef } from "preact/hooks";
import { MaskedText } from "./masked-text.tsx";

export interface SecretInputProps {
  path: string;
  title: string;
  multiline?: boolean;
  onSubmit(path: string, value: string): void;
  onCancel(path: string): void;
  /** For an optional secret: leave it out (sends "skip" as chat, never as the secret). */
  onSkip?(): void;
  /** False while focus is on the host page and the person has not used the widget yet. */
  mayFocus(): boolean;
}

// "skip" typed into the masked box is a wish, not a password (the server refuses to store it too).
const SKIP = /^\s*skip\s*$/i;

export function SecretInput({ path, title, multiline, onSubmit, onCancel, onSkip, mayFocus }: SecretInputProps) {
  const inputRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => {
    if (mayFocus()) inputRef.current?.focus({ preventScroll: true });
  }, [path]);

  const submit = (event?: Event) => {
    event?.preventDefault();
    const input = inputRef.current;
    if (!input || !input.value) return;
    const value = input.value;
    input.value = "";
    if (onSkip && SKIP.test(value)) return onSkip();
    onSubmit(path, value);
  };

  return (
    <form class="sec" onSubmit={submit} aria-label={`Secret: ${title}`}>
      <p class="banner" id="onramp-secret-banner">
        <svg aria-hidden="true" width="12" height="12" viewBox="0 0 16 16" fill="currentColor">
          <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" />
        </svg> Stored securely, never sent to the AI.{multiline && " Ctrl+Enter saves."}
      </p>
      <div class="row">
        <label class="sr" for="onramp-secret">
          {title}
        </label>
        {multiline ? (
          <MaskedText
            id="onramp-secret"
            inputRef={inputRef}
            describedBy="onramp-secret-banner"
            placeholder={title}
            // Enter is a newline inside a key; Ctrl/Cmd+Enter sends it.
            onKeyDown={(event) => event.key === "Enter" && (event.ctrlKey || event.metaKey) && submit(event)}
          />
        ) : (
          <input
            id="onramp-secret"
            ref={inputRef}
            type="password"
            autocomplete="off"
            spellcheck={false}
            aria-describedby="onramp-secret-banner"
            placeholder={title}
          />
        )}
        <button class="p" type="submit">
          Save
        </button>
        {onSkip && (
          <button type="button" onClick={onSkip}>
            Skip
          </button>
        )}
        <button type="button" onClick={() => onCancel(path)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
