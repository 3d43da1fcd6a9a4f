// One field of the schema-driven form, by kind. Edits leave as form.patch ops on commit
// (change/blur), except secrets, which leave by secret.submit and are cleared at once.
import { useState } from "preact/hooks";
import type { ComponentChildren } from "preact";
import type { FieldNode } from "./model.ts";
import { chooseOptionOps, splitOptional } from "./model.ts";
import { getAt } from "../../pointer.ts";
import { SECRET_MASK } from "../../state.ts";
import { fieldId, type FormContext } from "./context.ts";
import { ListField, ObjectsField } from "./list-field.tsx";
import { RichText } from "../rich-text.tsx";
import { MaskedText } from "../masked-text.tsx";

/** True when a required field has nothing the server would accept as a value. */
function isMissing(node: FieldNode, ctx: FormContext): boolean {
  if (!node.required) return false;
  const value = getAt(ctx.values, node.path);
  switch (node.kind) {
    case "text":
      return (value === undefined || value === null || value === "") && !ctx.stored[node.path];
    case "choice":
      return node.selected < 0;
    case "list":
    case "objects":
      return !Array.isArray(value) || value.length === 0;
    case "json":
      return value === undefined;
    default:
      return false;
  }
}

/**
 * The error to show once a field was touched: the server's (it validates what it holds), else
 * "required" for an empty required field, which the server never reports because an empty
 * field sends it nothing.
 */
export function fieldError(node: FieldNode, ctx: FormContext): string | undefined {
  if (!ctx.touched[node.path]) return undefined;
  return ctx.errors[node.path] ?? (isMissing(node, ctx) ? `${node.title} is required` : undefined);
}

export function Shell({ node, ctx, children, legend }: { node: FieldNode; ctx: FormContext; children: ComponentChildren; legend?: boolean }) {
  const error = fieldError(node, ctx);
  const stored = node.kind === "text" && node.secret && (ctx.stored[node.path] || getAt(ctx.values, node.path) === SECRET_MASK);
  const id = fieldId(node.path);
  const label = (
    <>
      {node.title}
      {node.required && <span class="req" aria-hidden="true"> *</span>}
      {stored && <span class="stored">stored</span>}
    </>
  );
  const help = [node.description ? `${id}-d` : "", error ? `${id}-e` : ""].filter(Boolean).join(" ") || undefined;
  const body = (
    <>
      {children}
      {node.description && (
        <p class="d" id={`${id}-d`}>
          <RichText text={node.description} />
        </p>
      )}
      {error && (
        <p class="e" id={`${id}-e`} role="alert">
          {error}
        </p>
      )}
    </>
  );
  if (legend) {
    return (
      <fieldset class={`fld${error ? " inv" : ""}`} data-path={node.path} aria-describedby={help}>
        <legend>{label}</legend>
        {body}
      </fieldset>
    );
  }
  return (
    <div class={`fld${error ? " inv" : ""}`} data-path={node.path}>
      {node.kind !== "boolean" && <label for={id}>{label}</label>}
      {body}
    </div>
  );
}

function display(value: unknown): string {
  if (value === undefined || value === null) return "";
  return typeof value === "string" ? value : typeof value === "object" ? JSON.stringify(value, null, 2) : String(value);
}

function TextField({ node, ctx }: { node: Extract<FieldNode, { kind: "text" }>; ctx: FormContext }) {
  const [draft, setDraft] = useState<string | null>(null);
  const id = fieldId(node.path);
  const current = getAt(ctx.values, node.path);
  const describedBy = `${node.description ? `${id}-d` : ""} ${fieldError(node, ctx) ? `${id}-e` : ""}`.trim() || undefined;
  const touch = () => ctx.touch(node.path);
  const commit = (raw: string) => {
    setDraft(null);
    ctx.touch(node.path);
    if (raw === display(current)) return;
    if (raw === "") return ctx.patch([{ op: "unset", path: node.path }]);
    const numeric = node.type !== "string" && raw.trim() !== "" && !Number.isNaN(Number(raw));
    ctx.patch([{ op: "set", path: node.path, value: numeric ? Number(raw) : raw }]);
  };
  if (node.secret) {
    const stored = ctx.stored[node.path] || current === SECRET_MASK;
    // Read once, cleared at once: the value never stays in the DOM or in any state.
    const submit = (input: HTMLInputElement | HTMLTextAreaElement) => {
      const value = input.value;
      input.value = "";
      ctx.touch(node.path);
      if (value) ctx.secret(node.path, value);
    };
    const placeholder = stored ? "Stored. Type to replace" : "Stored securely, never sent to the AI";
    if (node.multiline) {
      return <MaskedText id={id} describedBy={describedBy} placeholder={placeholder} onChange={(event) => submit(event.target as HTMLTextAreaElement)} onBlur={touch} />;
    }
    return (
      <input
        id={id}
        type="password"
        autocomplete="off"
        spellcheck={false}
        aria-describedby={describedBy}
        placeholder={placeholder}
        onChange={(event) => submit(event.target as HTMLInputElement)}
        onBlur={touch}
        onKeyDown={(event) => event.key === "Enter" && (event.preventDefault(), submit(event.target as HTMLInputElement))}
      />
    );
  }
  if (node.enum) {
    return (
      <select id={id} aria-describedby={describedBy} value={display(current)} onChange={(event) => commit((event.target as HTMLSelectElement).value)} onBlur={touch}>
        <option value="">{node.required ? "Choose…" : "(none)"}</option>
        {node.enum.map((option) => (
          <option key={String(option)} value={String(option)}>
            {String(option)}
          </option>
        ))}
      </select>
    );
  }
  const value = draft ?? display(current);
  const placeholder = node.example !== undefined ? `e.g. ${display(node.example)}` : node.default !== undefined ? display(node.default) : node.hint;
  const onInput = (event: Event) => setDraft((event.target as HTMLInputElement).value);
  const onChange = (event: Event) => commit((event.target as HTMLInputElement).value);
  if (node.multiline) {
    return <textarea id={id} aria-describedby={describedBy} value={value} placeholder={placeholder} onInput={onInput} onChange={onChange} onBlur={touch} />;
  }
  return (
    <input
      id={id}
      type={node.type === "string" ? "text" : "number"}
      step={node.type === "integer" ? 1 : "any"}
      aria-describedby={describedBy}
      value={value}
      placeholder={placeholder}
      onInput={onInput}
      onChange={onChange}
      onBlur={touch}
    />
  );
}

function JsonField({ node, ctx }: { node: FieldNode; ctx: FormContext }) {
  const [draft, setDraft] = useState<string | null>(null);
  const [bad, setBad] = useState(false);
  const current = getAt(ctx.values, node.path);
  return (
    <textarea
      id={fieldId(node.path)}
      value={draft ?? display(current)}
      aria-invalid={bad}
      placeholder="JSON"
      onBlur={() => ctx.touch(node.path)}
      onInput={(event) => setDraft((event.target as HTMLTextAreaElement).value)}
      onChange={(event) => {
        const raw = (event.target as HTMLTextAreaElement).value;
        ctx.touch(node.path);
        if (!raw.trim()) return (setDraft(null), ctx.patch([{ op: "unset", path: node.path }]));
        try {
          ctx.patch([{ op: "set", path: node.path, value: JSON.parse(raw) }]);
          setDraft(null);
          setBad(false);
        } catch {
          setBad(true);
        }
      }}
    />
  );
}

export function Fields({ fields, ctx }: { fields: FieldNode[]; ctx: FormContext }) {
  const { shown, optional } = splitOptional(fields);
  return (
    <>
      {shown.map((node) => (
        <Field key={node.path} node={node} ctx={ctx} />
      ))}
      {optional.length > 0 && (
        // Unfolded when something in it is set (by the agent, say), so progress is never hidden.
        <details open={optional.some((node) => getAt(ctx.values, node.path) !== undefined) || undefined}>
          <summary>Optional settings ({optional.length})</summary>
          <div class="f">
            {optional.map((node) => (
              <Field key={node.path} node={node} ctx={ctx} />
            ))}
          </div>
        </details>
      )}
    </>
  );
}

export function Field({ node, ctx }: { node: FieldNode; ctx: FormContext }) {
  switch (node.kind) {
    case "text":
      return (
        <Shell node={node} ctx={ctx}>
          <TextField node={node} ctx={ctx} />
        </Shell>
      );
    case "boolean": {
      const value = getAt(ctx.values, node.path);
      const checked = value === undefined ? node.default === true : value === true;
      return (
        <Shell node={node} ctx={ctx}>
          <label class="cb" for={fieldId(node.path)}>
            <input
              id={fieldId(node.path)}
              type="checkbox"
              checked={checked}
              onChange={(event) => {
                ctx.touch(node.path);
                ctx.patch([{ op: "set", path: node.path, value: (event.target as HTMLInputElement).checked }]);
              }}
            />
            {node.title}
            {node.required && <span class="req" aria-hidden="true"> *</span>}
          </label>
        </Shell>
      );
    }
    case "object":
      return (
        <Shell node={node} ctx={ctx} legend>
          <Fields fields={node.children} ctx={ctx} />
        </Shell>
      );
    case "choice":
      return (
        <Shell node={node} ctx={ctx} legend>
          <label class="sr" for={fieldId(node.path)}>
            {node.title}
          </label>
          <select
            id={fieldId(node.path)}
            value={String(node.selected)}
            onBlur={() => ctx.touch(node.path)}
            onChange={(event) => {
              ctx.touch(node.path);
              ctx.patch(chooseOptionOps(node, Number((event.target as HTMLSelectElement).value)));
            }}
          >
            {node.selected < 0 && <option value="-1">Choose…</option>}
            {node.options.map((option) => (
              <option key={option.index} value={String(option.index)}>
                {option.title}
              </option>
            ))}
          </select>
          {node.children.length > 0 && <Fields fields={node.children} ctx={ctx} />}
        </Shell>
      );
    case "list":
      return (
        <Shell node={node} ctx={ctx} legend>
          <ListField node={node} ctx={ctx} />
        </Shell>
      );
    case "objects":
      return (
        <Shell node={node} ctx={ctx} legend>
          <ObjectsField node={node} ctx={ctx} render={(fields) => <Fields fields={fields} ctx={ctx} />} />
        </Shell>
      );
    default:
      return (
        <Shell node={node} ctx={ctx}>
          <JsonField node={node} ctx={ctx} />
        </Shell>
      );
  }
}

