// The leak search itself must find a canary, or every leak test built on it would pass vacuously.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { emptyCheckpoint, uuid6 } from "@langchain/langgraph-checkpoint";
import { describe, expect, it } from "vitest";
import { LatestCheckpointSaver } from "../../../agent/index.ts";
import { fileNameFor } from "../../store/lowdb-backend.ts";
import { createLowdbStore } from "../../store/lowdb-store.ts";
import { findLeaks } from "./leak-check.ts";

describe("findLeaks", () => {
  it("finds a canary in a source and in a nested data-dir file, and nothing when absent", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "onramp-leak-"));
    await mkdir(path.join(dir, "sessions"));
    await writeFile(path.join(dir, "sessions", "s.json"), '{"x":"canary_123"}');
    const found = await findLeaks(["canary_123"], [{ label: "log", text: "a canary_123 b" }, { label: "events", text: "clean" }], [dir]);
    expect(found).toEqual(["log", path.join(dir, "sessions", "s.json")]);
    expect(await findLeaks(["canary_456"], [{ label: "log", text: "a canary_123 b" }], [dir])).toEqual([]);
    await rm(dir, { recursive: true, force: true });
  });

  it("finds a canary inside a LangGraph checkpoint the agent stored in the data dir", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-leak-"));
    const store = createLowdbStore({ dataDir });
    await store.init();
    const saver = new LatestCheckpointSaver(store);
    const canary = "pw-CANARY-5c1e0a";
    const checkpoint = { ...emptyCheckpoint(), id: uuid6(-1), channel_values: { notes: [`Got it: ${canary}`] }, channel_versions: { notes: 1 } };
    await saver.put({ configurable: { thread_id: "session-1", checkpoint_ns: "" } }, checkpoint, { source: "loop", step: 1, parents: {} }, {});
    await store.close();
    expect(await findLeaks([canary], [], [dataDir])).toEqual([path.join(dataDir, "checkpoints", fileNameFor("session-1"))]);
    await rm(dataDir, { recursive: true, force: true });
  });
});
