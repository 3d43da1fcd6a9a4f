import { describe, expect, it } from "vitest";
import type { DefinitionItem } from "./api.ts";
import { catalogEntries, PICKER_LIMIT, supportLabel, tabCounts } from "./catalog-picker.tsx";

const definition = (name: string, displayName: string, kind: "source" | "destination" = "source", catalog: "builtin" | "marketplace" = "marketplace"): DefinitionItem => ({
  id: name,
  name,
  displayName,
  kind,
  catalog,
});

describe("catalogEntries", () => {
  const many = Array.from({ length: 466 }, (_, index) => definition(`source-x${index}`, `Connector ${String(index).padStart(3, "0")}`));
  const catalog = [
    ...many,
    definition("source-faker", "Sample Data"),
    definition("source-sample-data", "Sample Data", "source", "builtin"),
    definition("source-postgres", "Postgres", "source", "builtin"),
    definition("source-datagen", "End-to-End Testing (datagen)"),
    definition("destination-dev-null", "End-to-End Testing (/dev/null)", "destination", "builtin"),
    definition("destination-postgres", "Postgres", "destination", "builtin"),
  ];

  it("features one Sample Data, the built-in, in the built-in tab; the Marketplace's look-alike stays there", () => {
    const builtin = catalogEntries(catalog, "source", "sample", "builtin");
    expect(builtin.featured.map((item) => item.name)).toEqual(["source-sample-data"]);
    expect(builtin.others).toEqual([]);
    expect(catalogEntries(catalog, "source", "sample", "marketplace").others.map((item) => item.name)).toEqual(["source-faker"]);
    expect(catalogEntries(catalog, "destination", "", "builtin").featured.map((item) => item.name)).toEqual(["destination-dev-null"]);
    // Only the two test connectors are featured, not every "End-to-End Testing" one.
    expect(catalogEntries(catalog, "source", "end-to-end", "marketplace").featured).toEqual([]);
  });

  it("caps a tab's list and says how many matched; counts each tab", () => {
    const all = catalogEntries(catalog, "source", "", "marketplace");
    expect(all.matching).toBe(468);
    expect(all.featured.length + all.others.length).toBe(PICKER_LIMIT);
    const narrow = catalogEntries(catalog, "source", "connector 46", "marketplace");
    // 046, 146, 246, 346, 446 and 460–465: under the cap, all shown.
    expect(narrow.matching).toBe(11);
    expect(narrow.others).toHaveLength(11);
    expect(tabCounts(catalog, "source", "postgres")).toEqual({ builtin: 1, marketplace: 0 });
    expect(tabCounts(catalog, "source", "")).toEqual({ builtin: 2, marketplace: 468 });
  });

  it("names support levels", () => {
    expect([supportLabel("certified"), supportLabel("community"), supportLabel("archived"), supportLabel("custom"), supportLabel(undefined)]).toEqual(["Certified", "Community", "Archived", "Custom", undefined]);
  });
});
