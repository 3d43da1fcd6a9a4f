import { describe, expect, it } from "vitest";
import { dpathDelete, dpathValues } from "./dpath.ts";
import { RecordSelector } from "./record-selector.ts";
import { Templates } from "./templates.ts";
import { transformation } from "./transformations.ts";

const templates = new Templates({ region: "eu" }, {});
const slice = { partition: { account: "a1" }, cursor: {} };

describe("RecordSelector", () => {
  it("extracts by a path with wildcards, a single object, or the whole body", () => {
    const body = { data: { groups: [{ items: [{ id: 1 }, { id: 2 }] }, { items: [{ id: 3 }] }] }, one: { id: 9 } };
    expect(RecordSelector.build({ extractor: { type: "DpathExtractor", field_path: ["data", "groups", "*", "items", "*"] } }, templates, "/s", []).select(body, slice, undefined)).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
    expect(RecordSelector.build({ extractor: { type: "DpathExtractor", field_path: ["one"] } }, templates, "/s", []).select(body, slice, undefined)).toEqual([{ id: 9 }]);
    expect(RecordSelector.build({ extractor: { type: "DpathExtractor", field_path: ["missing"] } }, templates, "/s", []).select(body, slice, undefined)).toEqual([]);
    expect(RecordSelector.build({ extractor: { type: "DpathExtractor", field_path: [] } }, templates, "/s", []).select([{ id: 1 }], slice, undefined)).toEqual([{ id: 1 }]);
  });

  it("filters with the record and slice in scope, then applies AddFields and RemoveFields", () => {
    const add = transformation({ type: "AddFields", fields: [{ path: ["account"], value: "{{ stream_partition.account }}" }, { path: ["meta", "region"], value: "{{ config.region }}" }] }, templates, "/t/0");
    const remove = transformation({ type: "RemoveFields", field_pointers: [["secret"], ["tags", "*", "internal"]] }, templates, "/t/1");
    const selector = RecordSelector.build({ extractor: { type: "DpathExtractor", field_path: ["items"] }, record_filter: { type: "RecordFilter", condition: "{{ record.status == 'active' }}" } }, templates, "/s", [add, remove]);
    const body = { items: [{ id: 1, status: "active", secret: "x", tags: [{ internal: 1, name: "a" }] }, { id: 2, status: "gone" }] };
    expect(selector.select(body, slice, undefined)).toEqual([{ id: 1, status: "active", tags: [{ name: "a" }], account: "a1", meta: { region: "eu" } }]);
    // The response itself is left as it was (a paginator may read it next).
    expect(body.items[0].secret).toBe("x");
  });

  it("names a component it cannot run", () => {
    expect(() => RecordSelector.build({ extractor: { type: "CustomRecordExtractor", class_name: "x.Y" } }, templates, "/s", [])).toThrow(/CustomRecordExtractor at \/s\/extractor/);
    expect(() => transformation({ type: "CustomTransformation" }, templates, "/t/0")).toThrow(/CustomTransformation/);
  });

  it("dpath globs reach every key and item, and delete through them", () => {
    const record = { a: { x: 1, y: 2 }, b: [{ c: 1 }, { c: 2, d: 3 }] };
    expect(dpathValues(record, ["a", "*"])).toEqual([1, 2]);
    expect(dpathValues(record, ["b", "1", "c"])).toEqual([2]);
    expect(dpathDelete(record, ["b", "*", "c"])).toBe(2);
    expect(record.b).toEqual([{}, { d: 3 }]);
  });
});
