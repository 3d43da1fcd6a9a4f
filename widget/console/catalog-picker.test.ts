import { describe, expect, it } from "vitest";
import type { DefinitionItem } from "./api.ts";
import { catalogEntries, PICKER_LIMIT } from "./catalog-picker.tsx";

const definition = (name: string, displayName: string, kind: "source" | "destination" = "source"): DefinitionItem => ({ id: name, name, displayName, kind });

describe("catalogEntries", () => {
  const many = Array.from({ length: 466 }, (_, index) => definition(`source-x${index}`, `Connector ${String(index).padStart(3, "0")}`));
  const catalog = [
    ...many,
    definition("source-faker", "Sample Data"),
    definition("source-sample-data", "Sample Data"),
    definition("source-datagen", "End-to-End Testing (datagen)"),
    definition("destination-dev-null", "End-to-End Testing (/dev/null)", "destination"),
    definition("destination-postgres", "Postgres", "destination"),
  ];

  it("features one Sample Data, the built-in, and lists the other under its own name", () => {
    const { featured, others } = catalogEntries(catalog, "source", "sample");
    expect(featured.map((item) => item.name)).toEqual(["source-sample-data"]);
    expect(others.map((item) => item.name)).toEqual(["source-faker"]);
    expect(catalogEntries(catalog, "destination", "").featured.map((item) => item.name)).toEqual(["destination-dev-null"]);
    // Only the two test connectors are featured, not every "End-to-End Testing" one.
    expect(catalogEntries(catalog, "source", "end-to-end").featured).toEqual([]);
  });

  it("caps the list and says how many matched", () => {
    const all = catalogEntries(catalog, "source", "");
    expect(all.matching).toBe(469);
    expect(all.featured.length + all.others.length).toBe(PICKER_LIMIT);
    expect(all.featured[0].name).toBe("source-sample-data");
    const narrow = catalogEntries(catalog, "source", "connector 46");
    // 046, 146, 246, 346, 446 and 460–465: under the cap, all shown.
    expect(narrow.matching).toBe(11);
    expect(narrow.others).toHaveLength(11);
  });
});
