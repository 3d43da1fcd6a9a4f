import { describe, expect, it } from "vitest";
import { uniqueName } from "./connector-names.ts";

describe("uniqueName", () => {
  it("keeps a free name and numbers a taken one from 2, filling the first gap", () => {
    expect(uniqueName("Postgres", [])).toBe("Postgres");
    expect(uniqueName("Postgres", ["Postgres"])).toBe("Postgres 2");
    expect(uniqueName("Postgres", ["postgres", "Postgres 2", "Postgres 4"])).toBe("Postgres 3");
    expect(uniqueName("  ", [])).toBe("Connector");
  });
});
