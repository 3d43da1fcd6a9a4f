import { JsonPlusSerializer } from "@langchain/langgraph-checkpoint";
import { describe, expect, it } from "vitest";
import { CheckpointSerializer } from "./checkpoint-serde.ts";

const fast = new CheckpointSerializer();
const plus = new JsonPlusSerializer();
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

const plain = {
  v: 4,
  id: "1f0-abc",
  channel_values: { phase: "field", pending: { path: "/host", options: [{ index: 0, title: "A" }] }, notes: [], count: 0, flag: false, none: null },
  channel_versions: { phase: "00000000000000000000000000000002.0.5" },
  versions_seen: { ask: { "branch:to:ask": 1 } },
};

describe("CheckpointSerializer", () => {
  it("writes plain JSON as LangGraph's serializer does and reads it back equal", async () => {
    const [type, bytes] = await fast.dumpsTyped(plain);
    const [plusType, plusBytes] = await plus.dumpsTyped(plain);
    expect(type).toBe(plusType);
    expect(text(bytes)).toBe(text(plusBytes));
    expect(await fast.loadsTyped(type, text(bytes))).toEqual(await plus.loadsTyped(type, text(bytes)));
    expect(await fast.loadsTyped(type, bytes)).toEqual(plain);
  });

  it("leaves what plain JSON cannot hold to the serializer, both ways", async () => {
    const special = { gone: undefined, set: new Set([1, 2]), map: new Map([["a", 1]]), bytes: new Uint8Array([1, 2]), at: [1, undefined, 3], big: Number.NaN };
    const [type, bytes] = await fast.dumpsTyped(special);
    expect(text(bytes)).toBe(text((await plus.dumpsTyped(special))[1]));
    const read = await fast.loadsTyped(type, bytes);
    expect(read).toEqual(await plus.loadsTyped(type, bytes));
    expect(read.set).toBeInstanceOf(Set);
    expect(read.map).toBeInstanceOf(Map);
    expect("gone" in read).toBe(true);
  });

  it("reads records LangGraph's serializer wrote with an undefined inside", async () => {
    const [type, bytes] = await plus.dumpsTyped({ a: { b: undefined }, list: [new Set(["x"])] });
    const read = await fast.loadsTyped(type, bytes);
    expect("b" in read.a).toBe(true);
    expect(read.list[0]).toEqual(new Set(["x"]));
  });

  it("a plain object whose own key is lc, or a value with toJSON, takes the serializer's way", async () => {
    const lookalike = { lc: 2, type: "undefined" };
    const [type, bytes] = await fast.dumpsTyped({ value: lookalike, when: new Date(0) });
    expect(text(bytes)).toBe(text((await plus.dumpsTyped({ value: lookalike, when: new Date(0) }))[1]));
    expect(await fast.loadsTyped(type, bytes)).toEqual(await plus.loadsTyped(type, bytes));
  });

  it("a cycle is refused or cut as LangGraph's serializer does it, never a stack overflow", async () => {
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    expect(text((await fast.dumpsTyped(cyclic))[1])).toBe(text((await plus.dumpsTyped(cyclic))[1]));
  });
});
