// Arrays: of scalars (one input per item, or checkboxes for an enum) and of objects (a fieldset
// per item). The whole array is sent as one set op so item indexes never drift between views.
import { useState } from "preact/hooks";
import type { ComponentChildren } from "preact";
import type { FieldNode } from "./model.ts";
import { getAt, joinPointer } from "../../pointer.ts";
import { fieldId, type FormContext } from "./context.ts";

type ListNode = Extract<FieldNode, { kind: "list" }>;
type ObjectsNode = Extract<FieldNode, { kind: "objects" }>;

function listOf(ctx: FormContext, path: string): unknown[] {
  const value = getAt(ctx.values, path);
  return Array.isArray(value) ? value : [];
}

export function ListField({ node, ctx }: { node: ListNode; ctx: FormContext }) {
  const items = listOf(ctx, node.path);
  const [draft, setDraft] = useState("");
  const save = (next: unknown[]) => {
    ctx.touch(node.path);
    ctx.patch([{ op: "set", path: node.path, value: next }]);
  };
  const coerce = (raw: string) => (node.itemType === "string" ? raw : Number(raw));
  if (node.enum) {
    return (
      <div class="arr">
        {node.enum.map((option, index) => (
          <label class="cb" key={String(option)} for={`${fieldId(node.path)}-${index}`}>
            <input
              id={`${fieldId(node.path)}-${index}`}
              type="checkbox"
              checked={items.includes(option)}
              onChange={(event) => save((event.target as HTMLInputElement).checked ? [...items, option] : items.filter((item) => item !== option))}
            />
            {String(option)}
          </label>
        ))}
      </div>
    );
  }
  const add = () => {
    const raw = draft.trim();
    if (!raw) return;
    save([...items, coerce(raw)]);
    setDraft("");
  };
  return (
    <div class="arr">
      {items.map((item, index) => (
        <div class="row" key={index}>
          <label class="sr" for={`${fieldId(node.path)}-${index}`}>
            {node.title} {index + 1}
          </label>
          <input
            id={`${fieldId(node.path)}-${index}`}
            value={String(item ?? "")}
            onChange={(event) => save(items.map((old, i) => (i === index ? coerce((event.target as HTMLInputElement).value) : old)))}
          />
          <button type="button" aria-label={`Remove ${String(item)}`} onClick={() => save(items.filter((_, i) => i !== index))}>
            ×
          </button>
        </div>
      ))}
      <div class="row">
        <label class="sr" for={fieldId(node.path)}>
          Add to {node.title}
        </label>
        <input
          id={fieldId(node.path)}
          value={draft}
          placeholder={items.length === 0 && Array.isArray(node.default) && node.default.length > 0 ? `Default: ${node.default.join(", ")}` : "Add a value"}
          onBlur={() => ctx.touch(node.path)}
          onInput={(event) => setDraft((event.target as HTMLInputElement).value)}
          onKeyDown={(event) => event.key === "Enter" && (event.preventDefault(), add())}
        />
        <button type="button" onClick={add}>
          Add
        </button>
      </div>
    </div>
  );
}

export function ObjectsField({ node, ctx, render }: { node: ObjectsNode; ctx: FormContext; render(fields: FieldNode[]): ComponentChildren }) {
  const items = listOf(ctx, node.path);
  const save = (next: unknown[]) => {
    ctx.touch(node.path);
    ctx.patch([{ op: "set", path: node.path, value: next }]);
  };
  return (
    <div class="arr">
      {node.items.map((fields, index) => (
        <fieldset key={index} data-path={joinPointer(node.path, index)}>
          <legend>
            {node.itemTitle} {index + 1}
          </legend>
          {render(fields)}
          <div class="bar">
            <button type="button" onClick={() => save(items.filter((_, i) => i !== index))}>
              Remove {node.itemTitle} {index + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <div>
        <button type="button" id={fieldId(node.path)} onClick={() => save([...items, {}])}>
          Add {node.itemTitle}
        </button>
      </div>
    </div>
  );
}
