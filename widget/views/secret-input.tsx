// Secret mode. The value lives only in this uncontrolled password input: it is read once on
// submit, cleared at once, and never enters component state, the transcript or any storage.
import { useEffect, useRef } from "preact/hooks";

export interface SecretInputProps {
  path: string;
  title: string;
  onSubmit(path: string, value: string): void;
  onCancel(path: string): void;
}

export function SecretInput({ path, title, onSubmit, onCancel }: SecretInputProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    inputRef.current?.focus({ preventScroll: true });
  }, [path]);

  const submit = (event: Event) => {
    event.preventDefault();
    const input = inputRef.current;
    if (!input || !input.value) return;
    const value = input.value;
    input.value = "";
    onSubmit(path, value);
  };

  return (
    <form class="sec" onSubmit={submit} aria-label={`Secret: ${title}`}>
      <p class="banner" id="onramp-secret-banner">
        <svg aria-hidden="true" width="12" height="12" viewBox="0 0 16 16" fill="currentColor">
          <path d="M4 7V5a4 4 0 1 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 1 0-4 0v2z" />
        </svg> Stored securely, never sent to the AI.
      </p>
      <div class="row">
        <label class="sr" for="onramp-secret">
          {title}
        </label>
        <input
          id="onramp-secret"
          ref={inputRef}
          type="password"
          autocomplete="off"
          spellcheck={false}
          aria-describedby="onramp-secret-banner"
          placeholder={title}
        />
        <button class="p" type="submit">
          Save
        </button>
        <button type="button" onClick={() => onCancel(path)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
