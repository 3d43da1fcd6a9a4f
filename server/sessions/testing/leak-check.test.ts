// The leak search itself must find a canary, or every leak test built on it would pass vacuously.
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findLeaks } from "./leak-check.ts";

describe("findLeaks", () => {
  it("finds a canary in a source and in a nested data-dir file, and nothing when absent", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "onramp-leak-"));
    await mkdir(path.join(dir, "sessions"));
    await writeFile(path.join(dir, "sessions", "s.json"), '{"x":"canary_123"}');
    const found = await findLeaks(["canary_123"], [{ label: "log", text: "a canary_123 b" }, { label: "events", text: "clean" }], [dir]);
    expect(found).toEqual(["log", path.join(dir, "sessions", "s.json")]);
    expect(await findLeaks(["canary_456"], [{ label: "log", text: "a canary_123 b" }], [dir])).toEqual([]);
  });
});
