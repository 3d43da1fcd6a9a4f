// The form view over the same live form document the agent edits: every form.patch shows at
// once, edits go back as form.patch with the version they were made against. Once the session is
// over (saved or cancelled) nothing more can be applied, so the form turns read-only.
import { useMemo, useRef, useState } from "preact/hooks";
import type { FormOp } from "../../../agent/protocol.ts";
import { schemasAt, type WidgetState } from "../../state.ts";
import { flattenFields, formSections } from "./model.ts";
import { Fields } from "./field.tsx";
import type { FormContext } from "./context.ts";
import { TestCard } from "../test-card.tsx";
import { LiveLog } from "../live-log.tsx";

/** What `onramp:field-focus` tells the host page about the field that took focus (its help). */
export interface FieldFocusDetail {
  /** The field's JSON pointer; null for the connector's name. */
  path: string | null;
  title: string;
  description?: string;
  examples?: unknown[];
  default?: unknown;
  /** The spec's words for the shape a value must have (pattern_descriptor), when it gives them. */
  format?: string;
  required: boolean;
  secret: boolean;
}

const NAME_HELP: FieldFocusDetail = {
  path: null,
  title: "Name",
  description: "What this connector is called in your workspace: in lists, in connections, and when you modify it. Any name you like.",
  required: true,
  secret: false,
};

export interface FormViewProps {
  state: WidgetState;
  onPatch(ops: FormOp[]): void;
  /** A new connector name (trimmed, not empty). */
  onRename(name: string): void;
  /** A field took focus: the host page may show its help beside the form. */
  onFieldFocus(detail: FieldFocusDetail): void;
  onSecret(path: string, value: string): void;
  onTest(): void;
  onCopy(): Promise<string>;
  fieldTitle(path: string): string;
  onJump(path: string): void;
}

/** The form's first field: the connector's name, committed on change like every text field. */
function NameField({ name, onRename, onFocus }: { name: string; onRename(name: string): void; onFocus(): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div class={`fld${error ? " inv" : ""}`}>
      <label for="f_connector_name">
        Name<span class="req" aria-hidden="true"> *</span>
      </label>
      <input
        id="f_connector_name"
        autocomplete="off"
        value={draft ?? name}
        aria-describedby={error ? "f_connector_name-e" : undefined}
        onFocus={onFocus}
        onInput={(event) => setDraft((event.target as HTMLInputElement).value)}
        onChange={(event) => {
          const next = (event.target as HTMLInputElement).value.trim();
          if (!next) return setError("Name is required");
          setError(null);
          setDraft(null);
          if (next !== name) onRename(next);
        }}
      />
      {error && (
        <p class="e" id="f_connector_name-e" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export function FormView({ state, onPatch, onRename, onFieldFocus, onSecret, onTest, onCopy, fieldTitle, onJump }: FormViewProps) {
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
  const focusIn = (event: FocusEvent) => {
    const path = (event.target as HTMLElement).closest?.("[data-path]")?.getAttribute("data-path");
    if (path === null || path === undefined) return;
    const node = flattenFields(sections.flatMap((section) => section.fields)).find((field) => field.path === path);
    if (!node) return;
    const schema = schemasAt(state.spec, path)[0] ?? {};
    const examples = Array.isArray(schema.examples) ? schema.examples : schema.example !== undefined ? [schema.example] : undefined;
    onFieldFocus({
      path,
      title: node.title,
      ...(node.description ? { description: node.description } : {}),
      ...(examples?.length ? { examples } : {}),
      ...(schema.default !== undefined ? { default: schema.default } : {}),
      ...(typeof schema.pattern_descriptor === "string" ? { format: schema.pattern_descriptor } : {}),
      required: node.required,
      secret: schema.airbyte_secret === true,
    });
  };
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
        <form class="f" aria-label="Connector settings" onSubmit={(event) => event.preventDefault()} onFocusIn={focusIn}>
          {/* A disabled fieldset disables every control inside it, however deep. */}
          <fieldset class="plain f" disabled={!active}>
            <NameField name={state.form.name} onRename={onRename} onFocus={() => onFieldFocus(NAME_HELP)} />
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
          <TestCard result={state.lastTest} liveCheck={state.definition?.liveCheck} testing={state.testing} fieldTitle={fieldTitle} onJump={onJump} />
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
