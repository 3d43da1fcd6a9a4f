import { describe, expect, it } from "vitest";
import { KeyedQueue } from "./keyed-queue.ts";

const later = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("KeyedQueue", () => {
  it("runs one key's tasks in call order, other keys beside them, and goes on after a failure", async () => {
    const queue = new KeyedQueue<string>();
    const seen: string[] = [];
    const slow = queue.run("a", async () => {
      await later(20);
      seen.push("a1");
    });
    const failing = queue.run("a", async () => {
      seen.push("a2");
      throw new Error("boom");
    });
    const after = queue.run("a", async () => {
      seen.push("a3");
      return 3;
    });
    const other = queue.run("b", async () => {
      seen.push("b1");
    });
    await other;
    expect(seen).toEqual(["b1"]);
    await slow;
    await expect(failing).rejects.toThrow("boom");
    expect(await after).toBe(3);
    expect(seen).toEqual(["b1", "a1", "a2", "a3"]);
    await queue.idle();
  });
});
