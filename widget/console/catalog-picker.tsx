// "New source" / "New destination": a searchable catalog with the two test connectors featured.
// It behaves as a modal dialog: focus starts in the search box, Tab stays inside, Escape closes
// (the console then returns focus to the button that opened it).
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { DefinitionItem } from "./api.ts";

export const PICKER_LIMIT = 60;

// What a first try needs: data to read, and somewhere to write it that keeps nothing.
const FEATURED_NAMES = ["Sample Data", "End-to-End Testing (/dev/null)"];
// The built-ins, preferred when a loaded catalog carries another connector with the same name
// (Airbyte's source-faker is "Sample Data" too).
const PREFERRED = new Set(["source-sample-data", "destination-dev-null"]);

export interface CatalogEntries {
  featured: DefinitionItem[];
  others: DefinitionItem[];
  /** How many definitions match the query (featured included). */
  matching: number;
}

/** The picker's rows for a query: featured first, one per featured name, then the rest by name, capped. */
export function catalogEntries(definitions: DefinitionItem[], kind: "source" | "destination", query: string, limit = PICKER_LIMIT): CatalogEntries {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = definitions
    .filter((definition) => definition.kind === kind)
    .filter((definition) => words.every((word) => `${definition.displayName} ${definition.name}`.toLowerCase().includes(word)))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || Number(PREFERRED.has(b.name)) - Number(PREFERRED.has(a.name)));
  const featured: DefinitionItem[] = [];
  for (const name of FEATURED_NAMES) {
    const candidates = matches.filter((definition) => definition.displayName === name);
    const pick = candidates.find((definition) => PREFERRED.has(definition.name)) ?? candidates[0];
    if (pick) featured.push(pick);
  }
  const others = matches.filter((definition) => !featured.includes(definition)).slice(0, Math.max(0, limit - featured.length));
  return { featured, others, matching: matches.length };
}

export function CatalogPicker({ kind, definitions, onPick, onClose }: { kind: "source" | "destination"; definitions: DefinitionItem[]; onPick(definition: DefinitionItem): void; onClose(): void }) {
  const [query, setQuery] = useState("");
  const dialogRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  // `autofocus` works only on page load; a dialog opened later moves focus itself.
  useLayoutEffect(() => searchRef.current?.focus(), []);
  const { featured, others, matching } = catalogEntries(definitions, kind, query);
  const shown = featured.length + others.length;
  const names = new Set(featured.map((definition) => definition.displayName));

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      return onClose();
    }
    if (event.key !== "Tab" || !dialogRef.current) return;
    const focusable = [...dialogRef.current.querySelectorAll<HTMLElement>("button, input")].filter((element) => !(element as HTMLButtonElement).disabled);
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last?.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first?.focus();
    }
  };

  const row = (definition: DefinitionItem, isFeatured: boolean) => (
    <button type="button" key={definition.id} class={isFeatured ? "feat" : ""} onClick={() => onPick(definition)}>
      {definition.displayName}
      {/* A second connector with a featured one's name says which one it is. */}
      <small>{isFeatured ? "Featured · good for a first try" : names.has(definition.displayName) ? `${definition.name} (not the featured one)` : definition.name}</small>
    </button>
  );

  return (
    <div class="panel" role="dialog" aria-modal="true" aria-labelledby="catalog-title" ref={dialogRef} onKeyDown={onKeyDown}>
      <h3>
        <span id="catalog-title">New {kind}</span>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </h3>
      <label for="catalog-search" class="muted">
        Search {definitions.filter((definition) => definition.kind === kind).length} {kind} connectors
      </label>
      <input id="catalog-search" ref={searchRef} autocomplete="off" value={query} placeholder="Postgres, Stripe, Sample Data…" onInput={(event) => setQuery((event.target as HTMLInputElement).value)} />
      <p class="muted" role="status">
        {matching > shown ? `Showing ${shown} of ${matching} — refine your search` : ""}
      </p>
      <div class="picks">
        {featured.map((definition) => row(definition, true))}
        {others.map((definition) => row(definition, false))}
        {matching === 0 && <p class="muted">No connector matches “{query}”.</p>}
      </div>
    </div>
  );
}
