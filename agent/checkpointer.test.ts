import { emptyCheckpoint, uuid6, type Checkpoint } from "@langchain/langgraph-checkpoint";
import { describe, expect, it } from "vitest";
import { LatestCheckpointSaver } from "./checkpointer.ts";
import { createMemoryCheckpoints } from "./testing/memory-port.ts";

function checkpoint(values: Record<string, unknown>): Checkpoint {
  return { ...emptyCheckpoint(), id: uuid6(-1), channel_values: values, channel_versions: { phase: 1 } };
}

const thread = { configurable: { thread_id: "session-1", checkpoint_ns: "" } };

describe("LatestCheckpointSaver", () => {
  it("keeps only the newest checkpoint of a thread, as plain JSON", async () => {
    const records = createMemoryCheckpoints();
    const saver = new LatestCheckpointSaver(records);
    const first = await saver.put(thread, checkpoint({ phase: "field" }), { source: "loop", step: 1, parents: {} }, {});
    await saver.putWrites(first, [["phase", "secret"]], "task-1");
    const second = await saver.put(first, checkpoint({ phase: "idle", blob: new Uint8Array([1, 2, 3]) }), { source: "loop", step: 2, parents: {} }, {});
    expect(records.records.size).toBe(1);
    const stored = JSON.parse(records.records.get("session-1")!);
    expect(Object.keys(stored.namespaces)).toEqual([""]);
    expect(stored.namespaces[""].id).toBe(second.configurable?.checkpoint_id);
    expect(stored.namespaces[""].writes).toEqual([]);

    const tuple = await saver.getTuple(thread);
    expect(tuple?.checkpoint.channel_values).toEqual({ phase: "idle", blob: new Uint8Array([1, 2, 3]) });
    expect(tuple?.metadata).toMatchObject({ step: 2 });
    expect(tuple?.parentConfig).toBeUndefined();
    const listed = [];
    for await (const item of saver.list(thread)) listed.push(item);
    expect(listed).toHaveLength(1);
  });

  it("keeps the newest checkpoint's pending writes in order and drops writes for an older one", async () => {
    const saver = new LatestCheckpointSaver(createMemoryCheckpoints());
    const first = await saver.put(thread, checkpoint({ phase: "field" }), { source: "loop", step: 1, parents: {} }, {});
    const second = await saver.put(first, checkpoint({ phase: "idle" }), { source: "loop", step: 2, parents: {} }, {});
    await saver.putWrites(first, [["phase", "stale"]], "task-old");
    await saver.putWrites(second, [["phase", "b"], ["notes", ["x"]]], "task-b", "~b");
    await saver.putWrites(second, [["phase", "a"]], "task-a", "~a");
    await saver.putWrites(second, [["phase", "a-again"]], "task-a", "~a");
    const tuple = await saver.getTuple(second);
    expect(tuple?.pendingWrites).toEqual([
      ["task-a", "phase", "a"],
      ["task-b", "phase", "b"],
      ["task-b", "notes", ["x"]],
    ]);
    expect(await saver.getTuple({ configurable: { ...thread.configurable, checkpoint_id: first.configurable?.checkpoint_id } })).toBeUndefined();
  });

  it("forgets a thread", async () => {
    const records = createMemoryCheckpoints();
    const saver = new LatestCheckpointSaver(records);
    await saver.put(thread, checkpoint({ phase: "field" }), { source: "loop", step: 1, parents: {} }, {});
    await saver.deleteThread("session-1");
    expect(records.records.size).toBe(0);
    expect(await saver.getTuple(thread)).toBeUndefined();
  });
});
