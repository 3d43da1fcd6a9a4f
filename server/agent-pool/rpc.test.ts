import { MessageChannel } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { createRpc } from "./rpc.ts";

const channels: MessageChannel[] = [];
function pair(left: Record<string, (...args: any[]) => unknown>, right: Record<string, (...args: any[]) => unknown>) {
  const channel = new MessageChannel();
  channels.push(channel);
  return { left: createRpc(channel.port1, left), right: createRpc(channel.port2, right) };
}
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close();
    channel.port2.close();
  }
});

describe("calls between threads", () => {
  it("answers calls both ways, with structured-clone values, while a call is in progress", async () => {
    const { left, right } = pair(
      { form: (id: string) => ({ id, values: { port: 5432 }, at: new Date(0) }) },
      // The right side calls back into the left one before answering (a worker's port call).
      { run: async (id: string) => ({ form: await right.call("form", id), id }) },
    );
    const answer = await left.call<{ id: string; form: { id: string; values: unknown; at: Date } }>("run", "s-1");
    expect(answer).toEqual({ id: "s-1", form: { id: "s-1", values: { port: 5432 }, at: new Date(0) } });
  });

  it("turns a thrown error or a rejection into a rejected call with its message, and an unknown method too", async () => {
    const { left } = pair({}, { boom: () => { throw new Error("no connector chosen"); }, later: async () => Promise.reject(new Error("check failed")) });
    await expect(left.call("boom")).rejects.toThrow("no connector chosen");
    await expect(left.call("later")).rejects.toThrow("check failed");
    await expect(left.call("missing")).rejects.toThrow(/No handler for missing/);
  });

  it("delivers notes before an answer posted after them", async () => {
    const heard: string[] = [];
    const handlers: Record<string, (...args: any[]) => unknown> = {};
    const { left, right } = pair({ event: (text: string) => heard.push(text) }, handlers);
    handlers.run = () => {
      right.note("event", "one");
      right.note("event", "two");
      return "done";
    };
    expect(await left.call("run")).toBe("done");
    expect(heard).toEqual(["one", "two"]);
  });

  it("rejects every waiting call when the other side is gone", async () => {
    const { left } = pair({}, { never: () => new Promise(() => undefined) });
    const waiting = left.call("never");
    left.failAll(new Error("The agent worker stopped"));
    await expect(waiting).rejects.toThrow("The agent worker stopped");
  });
});
