// "New source" / "New destination": a searchable catalog with the two test connectors featured.
import { useState } from "preact/hooks";
import type { DefinitionItem } from "./api.ts";

const FEATURED = ["source-faker", "sample", "e2e", "dev-null"];

export function isFeatured(definition: DefinitionItem): boolean {
  const text = `${definition.name} ${definition.displayName}`.toLowerCase();
  return /sample data|end-to-end testing|\/dev\/null/.test(text) || FEATURED.some((key) => definition.name.toLowerCase() === key);
}

export function CatalogPicker({ kind, definitions, onPick, onClose }: { kind: "source" | "destination"; definitions: DefinitionItem[]; onPick(definition: DefinitionItem): void; onClose(): void }) {
  const [query, setQuery] = useState("");
  const ofKind = definitions.filter((definition) => definition.kind === kind);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = ofKind
    .filter((definition) => words.every((word) => `${definition.displayName} ${definition.name}`.toLowerCase().includes(word)))
    .sort((a, b) => Number(isFeatured(b)) - Number(isFeatured(a)) || a.displayName.localeCompare(b.displayName))
    .slice(0, 60);
  return (
    <div class="panel" role="dialog" aria-label={`New ${kind}`}>
      <h3>
        <span>New {kind}</span>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </h3>
      <label for="catalog-search" class="muted">
        Search {ofKind.length} {kind} connectors
      </label>
      <input id="catalog-search" autoFocus value={query} placeholder="Postgres, Stripe, Sample Data…" onInput={(event) => setQuery((event.target as HTMLInputElement).value)} />
      <div class="picks">
        {matches.map((definition) => (
          <button type="button" key={definition.id} class={isFeatured(definition) ? "feat" : ""} onClick={() => onPick(definition)}>
            {definition.displayName}
            <small>{isFeatured(definition) ? "Featured · good for a first try" : definition.name}</small>
          </button>
        ))}
        {matches.length === 0 && <p class="muted">No connector matches “{query}”.</p>}
      </div>
    </div>
  );
}
