// "New source" / "New destination": the catalog in two tabs, the built-in connectors (the two test
// connectors featured) and a Marketplace of those loaded from Airbyte-format catalogs, each with
// its icon and support level, and a search over both. It behaves as a modal dialog: focus starts
// in the search box, Tab stays inside, Escape closes (the console then returns focus to the
// button that opened it).
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import type { DefinitionItem, Kind } from "./api.ts";
import { ConnectorIcon } from "./connector-icon.tsx";

export const PICKER_LIMIT = 60;
export type CatalogTab = "builtin" | "marketplace";

// What a first try needs: data to read, and somewhere to write it that keeps nothing.
const FEATURED_NAMES = ["Sample Data", "End-to-End Testing (/dev/null)"];
// The built-ins, preferred when a loaded catalog carries another connector with the same name
// (Airbyte's source-faker is "Sample Data" too).
const PREFERRED = new Set(["source-sample-data", "destination-dev-null"]);

const SUPPORT: Record<string, string> = { certified: "Certified", community: "Community", archived: "Archived", builtin: "Built-in" };

export function supportLabel(level: string | undefined): string | undefined {
  if (!level) return undefined;
  return SUPPORT[level] ?? level.charAt(0).toUpperCase() + level.slice(1);
}

export interface CatalogEntries {
  featured: DefinitionItem[];
  others: DefinitionItem[];
  /** How many definitions of the tab match the query (featured included). */
  matching: number;
}

export function tabOf(definition: DefinitionItem): CatalogTab {
  return definition.catalog === "marketplace" ? "marketplace" : "builtin";
}

function matches(definitions: DefinitionItem[], kind: Kind, query: string): DefinitionItem[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return definitions
    .filter((definition) => definition.kind === kind)
    .filter((definition) => words.every((word) => `${definition.displayName} ${definition.name}`.toLowerCase().includes(word)))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || Number(PREFERRED.has(b.name)) - Number(PREFERRED.has(a.name)));
}

/** How many definitions of each tab match the query. */
export function tabCounts(definitions: DefinitionItem[], kind: Kind, query: string): Record<CatalogTab, number> {
  const found = matches(definitions, kind, query);
  return { builtin: found.filter((definition) => tabOf(definition) === "builtin").length, marketplace: found.filter((definition) => tabOf(definition) === "marketplace").length };
}

/** One tab's rows for a query: featured first (built-in tab), then the rest by name, capped. */
export function catalogEntries(definitions: DefinitionItem[], kind: Kind, query: string, tab: CatalogTab = "builtin", limit = PICKER_LIMIT): CatalogEntries {
  const found = matches(definitions, kind, query).filter((definition) => tabOf(definition) === tab);
  const featured: DefinitionItem[] = [];
  if (tab === "builtin") {
    for (const name of FEATURED_NAMES) {
      const candidates = found.filter((definition) => definition.displayName === name);
      const pick = candidates.find((definition) => PREFERRED.has(definition.name)) ?? candidates[0];
      if (pick) featured.push(pick);
    }
  }
  const others = found.filter((definition) => !featured.includes(definition)).slice(0, Math.max(0, limit - featured.length));
  return { featured, others, matching: found.length };
}

export function CatalogPicker({ kind, definitions, onPick, onClose }: { kind: Kind; definitions: DefinitionItem[]; onPick(definition: DefinitionItem): void; onClose(): void }) {
  const [query, setQuery] = useState("");
  const [tab, setTab] = useState<CatalogTab>("builtin");
  const dialogRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  // `autofocus` works only on page load; a dialog opened later moves focus itself.
  useLayoutEffect(() => searchRef.current?.focus(), []);
  const { featured, others, matching } = catalogEntries(definitions, kind, query, tab);
  const counts = tabCounts(definitions, kind, query);
  const shown = featured.length + others.length;
  const names = new Set(definitions.filter((definition) => tabOf(definition) === "builtin" && definition.kind === kind).map((definition) => definition.displayName));
  const other: CatalogTab = tab === "builtin" ? "marketplace" : "builtin";
  const tabName: Record<CatalogTab, string> = { builtin: "Built-in", marketplace: "Marketplace" };

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

  const row = (definition: DefinitionItem, isFeatured: boolean) => {
    const support = supportLabel(definition.supportLevel);
    // A Marketplace connector with a built-in's name says which one it is.
    const note = isFeatured ? "Featured · good for a first try" : tab === "marketplace" && names.has(definition.displayName) ? `${definition.name} (not the built-in one)` : definition.name;
    return (
      <button type="button" key={definition.id} class={isFeatured ? "pick feat" : "pick"} onClick={() => onPick(definition)}>
        <ConnectorIcon icon={definition.icon} name={definition.displayName} />
        <span class="pick-text">
          {definition.displayName}
          <small>{note}</small>
        </span>
        {support && tab === "marketplace" && <span class={`badge lvl-${definition.supportLevel}`}>{support}</span>}
      </button>
    );
  };

  return (
    <div class="backdrop">
      <div class="panel dialog" role="dialog" aria-modal="true" aria-labelledby="catalog-title" ref={dialogRef} onKeyDown={onKeyDown}>
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
        <div class="tabs" role="tablist" aria-label="Catalog">
          {(["builtin", "marketplace"] as const).map((name) => (
            <button type="button" role="tab" id={`tab-${name}`} aria-selected={tab === name} aria-controls="catalog-rows" onClick={() => setTab(name)}>
              {tabName[name]} <span class="count">{counts[name]}</span>
            </button>
          ))}
        </div>
        <p class="muted" role="status">
          {matching > shown
            ? `Showing ${shown} of ${matching} — refine your search`
            : matching === 0 && counts[other] > 0
              ? `${counts[other]} ${counts[other] === 1 ? "match" : "matches"} in ${tabName[other]}`
              : ""}
        </p>
        <div class="picks" id="catalog-rows" role="tabpanel" aria-labelledby={`tab-${tab}`}>
          {featured.map((definition) => row(definition, true))}
          {others.map((definition) => row(definition, false))}
          {matching === 0 && (
            <p class="muted">
              {tab === "marketplace" && counts.marketplace === 0 && !query
                ? "No Marketplace catalog is loaded. The README says how to load Airbyte's whole catalog (ONRAMP_CATALOG_REGISTRY)."
                : `No ${tabName[tab]} connector matches “${query}”.`}
            </p>
          )}
        </div>
      </div>
    </div>
  );
}
