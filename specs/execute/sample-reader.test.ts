import { describe, expect, it } from "vitest";
import { builtinDefinitions } from "../builtins/index.ts";
import { sampleRecords } from "../builtins/sample-records.ts";
import { entitiesOf, listRecords } from "./dispatcher.ts";

const sample = builtinDefinitions().find((definition) => definition.name === "source-sample-data")!;

describe("Sample Data through execute", () => {
  it("lists the dataset's streams as entities", async () => {
    expect((await entitiesOf(sample, { dataset: "ecommerce" })).map((entity) => entity.name)).toEqual(["customers", "products", "orders"]);
    expect(await entitiesOf(sample, { dataset: "users" })).toEqual([{ name: "users", kind: "stream", primary_key: ["id"] }]);
  });

  it("pages through the generated records: the same rows as a full read, each once, in order", async () => {
    const config = { dataset: "ecommerce", record_count: 25, seed: 7 };
    const all = sampleRecords({ dataset: "ecommerce", record_count: 25, seed: 7 }, "orders");
    const read: Array<Record<string, unknown>> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listRecords(sample, config, "orders", { limit: 10, cursor });
      read.push(...page.data);
      cursor = page.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(read).toEqual(all);
  });

  it("keeps one set of rows across pages when the config has no seed", async () => {
    const config = { dataset: "users", record_count: 6 };
    const first = await listRecords(sample, config, "users", { limit: 3 });
    const again = await listRecords(sample, config, "users", { limit: 3, cursor: first.next_cursor });
    const repeat = await listRecords(sample, config, "users", { limit: 3, cursor: first.next_cursor });
    expect(again.next_cursor).toBeNull();
    expect(repeat).toEqual(again);
    expect(again.data.map((record) => record.id)).toEqual([4, 5, 6]);
  });

  it("answers an unknown stream, and a cursor of another stream or made up, with typed errors", async () => {
    const config = { dataset: "ecommerce", record_count: 5, seed: 1 };
    expect(await listRecords(sample, config, "users").catch((error) => error.code)).toBe("entity_not_found");
    const { next_cursor } = await listRecords(sample, config, "orders", { limit: 2 });
    expect(await listRecords(sample, config, "products", { cursor: next_cursor }).catch((error) => error.code)).toBe("invalid_cursor");
    expect(await listRecords(sample, config, "orders", { cursor: "not a cursor!" }).catch((error) => error.code)).toBe("invalid_cursor");
    const forged = Buffer.from(JSON.stringify({ e: "orders", o: -5, s: 1 })).toString("base64url");
    expect(await listRecords(sample, config, "orders", { cursor: forged }).catch((error) => error.code)).toBe("invalid_cursor");
  });
});
