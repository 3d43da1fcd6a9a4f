import { describe, expect, it } from "vitest";
import { createMemoryPort } from "../memory-port.ts";
import { replyStream, say, settleReplies } from "./runtime.ts";

describe("a streamed reply handed over", () => {
  it("is replaced by the next thing said, under its id", () => {
    const port = createMemoryPort({});
    const stream = replyStream(port);
    stream.delta("Let me half-say this and ");
    stream.handOver();
    say(port, "Got it. What is the Port?");
    say(port, "Another sentence.");
    settleReplies(port);
    const [delta, first, second] = port.take();
    expect(delta).toMatchObject({ type: "agent.delta" });
    expect(first).toEqual({ type: "agent.message", id: (delta as { id: string }).id, text: "Got it. What is the Port?" });
    expect(second).toMatchObject({ type: "agent.message", text: "Another sentence." });
    expect((second as { id: string }).id).not.toBe(first && (first as { id: string }).id);
  });

  it("is voided at the end of the run when nothing replaced it", () => {
    const port = createMemoryPort({});
    const stream = replyStream(port);
    stream.delta("Half a sen");
    stream.handOver();
    settleReplies(port);
    const [delta, voided] = port.take();
    expect(voided).toEqual({ type: "agent.message", id: (delta as { id: string }).id, text: "" });
    expect(port.transcript).toEqual([]);
  });

  it("leaves nothing to settle when nothing was streamed", () => {
    const port = createMemoryPort({});
    replyStream(port).handOver();
    settleReplies(port);
    say(port, "Hello");
    expect(port.take()).toEqual([expect.objectContaining({ type: "agent.message", text: "Hello" })]);
  });
});
