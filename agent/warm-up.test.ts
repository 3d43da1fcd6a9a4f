import { describe, expect, it } from "vitest";
import { Catalog } from "../specs/index.ts";
import { warmUp } from "./warm-up.ts";

describe("the warm-up", () => {
  it("runs the turns it is asked for on the catalog's definitions, in memory", async () => {
    const catalog = await Catalog.load({ builtins: true });
    const result = await warmUp({ catalog, turns: 14, maxMs: 60_000 });
    expect(result.turns).toBe(14);
  });

  it("stops at its time limit, and does nothing on a catalog with nothing to ask", async () => {
    const catalog = await Catalog.load({ builtins: true });
    expect((await warmUp({ catalog, turns: 10_000, maxMs: 1 })).turns).toBeLessThan(10_000);
    expect((await warmUp({ catalog: new Catalog([]), turns: 10 })).turns).toBe(0);
  });
});
