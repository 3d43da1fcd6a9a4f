import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Catalog } from "./catalog.ts";
import { catalogFaults } from "./catalog-faults.ts";

describe("catalogFaults", () => {
  it("gives one line per skipped or mended file of a folder, none for a clean one or a built-in", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "onramp-catalog-faults-"));
    const spec = (properties: object) => JSON.stringify({ connectionSpecification: { type: "object", properties } });
    await writeFile(path.join(dir, "source-clean.json"), spec({ host: { type: "string" } }));
    await writeFile(path.join(dir, "source-mended.json"), spec({ mode: { type: "string", enum: ["a", "a", "b"] } }));
    await writeFile(path.join(dir, "broken.json"), "{ nope");
    await writeFile(path.join(dir, "no-spec.json"), JSON.stringify({ name: "source-x" }));
    const catalog = await Catalog.load({ dirs: [dir] });
    const faults = catalogFaults(catalog.reports);
    expect(faults.map((fault) => [fault.level, fault.fields.file])).toEqual([
      ["warn", "broken.json"],
      ["warn", "no-spec.json"],
      ["info", "source-mended.json"],
    ]);
    expect(faults.every((fault) => fault.fields.dir === dir)).toBe(true);
    expect(faults[1].message).toContain("no connectionSpecification object");
    expect(faults[2].message).toMatch(/source-mended.*duplicate enum item/);
  });
});
