// The form view over the same live form document the agent edits: every form.patch shows at
// once, edits go back as form.patch with the version they were made against. Once the session is
// over (saved or cancelled) nothing more can be applied, so the form turns read-only.
import { useMemo, useRef, useState } from "preact/hooks";
import type { FormOp } from "../../../agent/protocol.ts";
import type { WidgetState } from "../../state.ts";
import { formSections } from "./model.ts";
import { Fields } from "./field.tsx";
import type { FormContext } from "./context.ts";
import { TestCard } from "../test-card.tsx";
import { LiveLog } from "../live-log.tsx";

export interface FormViewProps {
  state: WidgetState;
  onPatch(ops: FormOp[]): void;
  onSecret(path: string, value: string): void;
  onTest(): void;
  onCopy(): Promise<string>;
  fieldTitle(path: string): string;
  onJump(path: string): void;
}

export function FormView({ state, onPatch, onSecret, onTest, onCopy, fieldTitle, onJump }: FormViewProps) {
  const [touched, setTouched] = useState<Record<string, true>>({});
  const [copied, setCopied] = useState<string | null>(null);
  // The agent keeps talking while the form is open ('Press "Test and save"'): announce what
  // arrives from now on, without showing the chat.
  const linesAtOpen = useRef(state.lines.length);
  const active = state.status === "active";
  const sections = useMemo(() => formSections(state.spec, state.form.values), [state.spec, state.form.values]);
  const ctx: FormContext = {
    values: state.form.values,
    stored: state.stored,
    errors: state.errors,
    touched,
    patch: onPatch,
    secret: onSecret,
    touch: (path) => setTouched((old) => (old[path] ? old : { ...old, [path]: true })),
  };
  if (!state.spec) {
    return (
      <main>
        <p>Choose a connector in the agent view first; its settings will show here.</p>
      </main>
    );
  }
  const copy = async () => {
    try {
      setCopied(await onCopy());
    } catch (error: any) {
      setCopied(`Could not copy: ${error?.message ?? error}`);
    }
  };
  return (
    <>
      <LiveLog lines={state.lines} hidden from={linesAtOpen.current} />
      <main>
        {!active && (
          <p class="d" role="status">
            {state.status === "completed" ? "This setup is saved" : "This setup was cancelled"}: the form is read-only.
          </p>
        )}
        <form class="f" aria-label="Connector settings" onSubmit={(event) => event.preventDefault()}>
          {/* A disabled fieldset disables every control inside it, however deep. */}
          <fieldset class="plain f" disabled={!active}>
            {sections.map((section) =>
              section.title ? (
                <div class="grp f" key={section.id}>
                  <h4>{section.title}</h4>
                  <Fields fields={section.fields} ctx={ctx} />
                </div>
              ) : (
                <Fields key={section.id} fields={section.fields} ctx={ctx} />
              ),
            )}
          </fieldset>
        </form>
      </main>
      {/* Next to the button that ran it, outside the scrolling form, so the result is seen. */}
      {(state.lastTest || state.testing || copied) && (
        <div class="res">
          <TestCard result={state.lastTest} testing={state.testing} fieldTitle={fieldTitle} onJump={onJump} />
          {copied && (
            <p class="d" role="status">
              {copied}
            </p>
          )}
        </div>
      )}
      <footer class="bar">
        <button type="button" onClick={copy}>
          Copy JSON
        </button>
        {active && (
          <button type="button" class="p" disabled={state.testing} onClick={onTest}>
            Test and save
          </button>
        )}
      </footer>
    </>
  );
}
