// Beside the form when a connector is modified: the connector's documentation link and, for the
// field in focus (the widget's onramp:field-focus event), its title, description (rendered as
// Preact nodes by the widget's RichText, never as markup), examples, default, and whether it is
// required or secret.
import { RichText } from "../views/rich-text.tsx";
import type { FieldFocusDetail } from "../views/form/form-view.tsx";

function shown(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

export function DocsPanel({ displayName, documentationUrl, field }: { displayName: string; documentationUrl?: string; field: FieldFocusDetail | null }) {
  const link = documentationUrl && /^https?:\/\//i.test(documentationUrl) ? documentationUrl : undefined;
  return (
    <aside class="panel docs" aria-labelledby="docs-title">
      <h3>
        <span id="docs-title">Documentation</span>
      </h3>
      {link ? (
        <p>
          <a href={link} target="_blank" rel="noopener noreferrer">
            {displayName} documentation ↗
          </a>
        </p>
      ) : (
        <p class="muted">{displayName} has no documentation link.</p>
      )}
      <section aria-live="polite" aria-labelledby="docs-field">
        {field ? (
          <>
            <h4 id="docs-field">
              {field.title}
              {field.required && <span class="badge">Required</span>}
              {!field.required && <span class="badge quiet">Optional</span>}
              {field.secret && <span class="badge secret">Secret</span>}
            </h4>
            {field.description ? (
              <p class="desc">
                <RichText text={field.description} />
              </p>
            ) : (
              <p class="muted">The connector says nothing more about this field.</p>
            )}
            {field.secret && <p class="muted">Stored encrypted by Onramp, never shown again and never sent to the AI.</p>}
            {field.examples && field.examples.length > 0 && (
              <div>
                <b>{field.examples.length === 1 ? "Example" : "Examples"}</b>
                <ul class="examples">
                  {field.examples.slice(0, 5).map((example) => (
                    <li key={shown(example)}>
                      <code>{shown(example)}</code>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            {field.format && (
              <p>
                <b>Format</b> <code>{field.format}</code>
              </p>
            )}
            {field.default !== undefined && (
              <p>
                <b>Default</b> <code>{shown(field.default)}</code>
              </p>
            )}
          </>
        ) : (
          <p class="muted" id="docs-field">
            Click a field in the form to see its help here.
          </p>
        )}
      </section>
    </aside>
  );
}
