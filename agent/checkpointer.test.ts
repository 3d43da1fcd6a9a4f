import { JsonPlusSerializer, emptyCheckpoint, uuid6, type Checkpoint } from "@langchain/langgraph-checkpoint";
import { describe, expect, it } from "vitest";
import { LatestCheckpointSaver } from "./checkpointer.ts";
import { createMemoryCheckpoints } from "./memory-port.ts";

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

/** Memory records that count store calls and can be told to fail. */
function countingRecords() {
  const inner = createMemoryCheckpoints();
  const calls = { get: 0, put: 0, delete: 0 };
  let failPuts = false;
  return {
    inner,
    calls,
    failPuts(on: boolean) {
      failPuts = on;
    },
    async getCheckpoint(threadId: string) {
      calls.get++;
      return inner.getCheckpoint(threadId);
    },
    async putCheckpoint(threadId: string, data: unknown) {
      calls.put++;
      if (failPuts) throw new Error("disk full");
      return inner.putCheckpoint(threadId, data);
    },
    async deleteCheckpoint(threadId: string) {
      calls.delete++;
      return inner.deleteCheckpoint(threadId);
    },
  };
}

describe("LatestCheckpointSaver per-turn cost", () => {
  it("peeks a plain channel without reading the checkpoint, also after a restart; unknown threads do not exist", async () => {
    const records = createMemoryCheckpoints();
    const saver = new LatestCheckpointSaver(records);
    expect(await saver.peekChannel("session-1", "phase")).toEqual({ exists: false });
    await saver.put(thread, checkpoint({ phase: "idle", notes: ["a note"], count: 2 }), { source: "loop", step: 1, parents: {} }, {});
    expect(await saver.peekChannel("session-1", "phase")).toEqual({ exists: true, value: "idle" });
    // Only plain values are kept for peeking; anything else is read from the checkpoint.
    expect(await saver.peekChannel("session-1", "notes")).toEqual({ exists: true, value: undefined });
    const restarted = new LatestCheckpointSaver(records);
    expect(await restarted.peekChannel("session-1", "count")).toEqual({ exists: true, value: 2 });
    // A record written before plain values were kept cannot answer: the caller reads the checkpoint.
    const old = JSON.parse(records.records.get("session-1")!);
    delete old.namespaces[""].plain;
    records.records.set("session-1", JSON.stringify(old));
    expect(await new LatestCheckpointSaver(records).peekChannel("session-1", "phase")).toBeUndefined();
  });

  it("stores a run's exit checkpoint with the writes LangGraph sent just before it, in one store write", async () => {
    const records = countingRecords();
    const saver = new LatestCheckpointSaver(records);
    const first = await saver.put(thread, checkpoint({ phase: "field" }), { source: "loop", step: 1, parents: {} }, {});
    const next = checkpoint({ phase: "secret" });
    const nextConfig = { configurable: { ...first.configurable, checkpoint_id: next.id } };
    records.calls.put = 0;
    // The order LangGraph uses at exit: the pending writes (an interrupt) first, then the checkpoint.
    const writes = saver.putWrites(nextConfig, [["__interrupt__", [{ id: "i1", value: { pending: "/password" } }]]], "task-ask");
    await saver.put(first, next, { source: "loop", step: 2, parents: {} }, {});
    await writes;
    expect(records.calls.put).toBe(1);
    const tuple = await saver.getTuple(thread);
    expect(tuple?.checkpoint.id).toBe(next.id);
    expect(tuple?.pendingWrites).toEqual([["task-ask", "__interrupt__", [{ id: "i1", value: { pending: "/password" } }]]]);
  });

  it("reads the store once per thread, then answers from memory", async () => {
    const records = countingRecords();
    const writer = new LatestCheckpointSaver(records);
    await writer.put(thread, checkpoint({ phase: "field" }), { source: "loop", step: 1, parents: {} }, {});
    // A new process (a restart) reads what the last one stored, once.
    const saver = new LatestCheckpointSaver(records);
    records.calls.get = 0;
    for (let turn = 0; turn < 3; turn++) {
      const tuple = await saver.getTuple(thread);
      await saver.put(tuple!.config, checkpoint({ phase: `turn-${turn}` }), { source: "loop", step: turn + 2, parents: {} }, {});
    }
    expect(records.calls.get).toBe(1);
    expect((await saver.getTuple(thread))?.checkpoint.channel_values).toEqual({ phase: "turn-2" });
  });

  it("without remember, every read goes to the store, so another process's write is seen", async () => {
    const records = countingRecords();
    const saver = new LatestCheckpointSaver(records, { remember: false });
    const other = new LatestCheckpointSaver(records, { remember: false });
    await saver.put(thread, checkpoint({ phase: "field" }), { source: "loop", step: 1, parents: {} }, {});
    await other.put(thread, checkpoint({ phase: "idle" }), { source: "loop", step: 2, parents: {} }, {});
    expect((await saver.getTuple(thread))?.checkpoint.channel_values).toEqual({ phase: "idle" });
  });

  it("does not remember a record the store failed to write", async () => {
    const records = countingRecords();
    const saver = new LatestCheckpointSaver(records);
    await saver.put(thread, checkpoint({ phase: "field" }), { source: "loop", step: 1, parents: {} }, {});
    records.failPuts(true);
    await expect(saver.put(thread, checkpoint({ phase: "lost" }), { source: "loop", step: 2, parents: {} }, {})).rejects.toThrow("disk full");
    records.failPuts(false);
    expect((await saver.getTuple(thread))?.checkpoint.channel_values).toEqual({ phase: "field" });
  });
});

describe("LatestCheckpointSaver record format", () => {
  it("keeps the serializer's JSON as JSON text, so a search of the stored record finds what the checkpoint holds", async () => {
    const records = createMemoryCheckpoints();
    const saver = new LatestCheckpointSaver(records);
    await saver.put(thread, checkpoint({ notes: ["canary-7f3a in a note"] }), { source: "loop", step: 1, parents: {} }, {});
    const raw = records.records.get("session-1")!;
    expect(raw).toContain("canary-7f3a");
    const entry = JSON.parse(raw).namespaces[""];
    expect(entry.checkpoint.type).toBe("json");
    expect(JSON.parse(entry.checkpoint.json).channel_values).toEqual({ notes: ["canary-7f3a in a note"] });
    expect(entry.checkpoint.base64).toBeUndefined();
  });

  it("still reads a record stored before, with base64 values", async () => {
    const serde = new JsonPlusSerializer();
    const base64 = async (value: unknown) => {
      const [type, bytes] = await serde.dumpsTyped(value);
      return { type, base64: Buffer.from(bytes).toString("base64") };
    };
    const old = checkpoint({ phase: "field" });
    const records = createMemoryCheckpoints();
    await records.putCheckpoint("session-1", {
      format: 1,
      namespaces: {
        "": {
          id: old.id,
          checkpoint: await base64(old),
          metadata: await base64({ source: "loop", step: 4, parents: {} }),
          writes: [{ taskId: "task-ask", taskPath: "", idx: -3, channel: "__interrupt__", value: await base64([{ id: "i1", value: "q" }]) }],
        },
      },
    });
    const tuple = await new LatestCheckpointSaver(records).getTuple(thread);
    expect(tuple?.checkpoint.channel_values).toEqual({ phase: "field" });
    expect(tuple?.metadata).toMatchObject({ step: 4 });
    expect(tuple?.pendingWrites).toEqual([["task-ask", "__interrupt__", [{ id: "i1", value: "q" }]]]);
  });
});
