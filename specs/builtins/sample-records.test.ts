import { describe, expect, it } from "vitest";
import { sampleRecords, sampleStreams } from "./sample-records.ts";

describe("Sample Data records", () => {
  it("are the same for the same seed, and as many as asked", () => {
    const config = { dataset: "ecommerce" as const, record_count: 5, seed: 42 };
    expect(sampleStreams(config)).toEqual(["customers", "products", "orders"]);
    const first = sampleRecords(config, "orders");
    expect(first).toHaveLength(5);
    expect(sampleRecords(config, "orders")).toEqual(first);
    expect(sampleRecords({ ...config, seed: 43 }, "orders")).not.toEqual(first);
    expect(first[0]).toMatchObject({ id: 1, created_at: expect.stringMatching(/^2024-01-01T/) });
  });

  it("refuse a stream the dataset lacks", () => {
    expect(() => sampleRecords({ dataset: "users" }, "orders")).toThrow(/no stream/);
  });
});
