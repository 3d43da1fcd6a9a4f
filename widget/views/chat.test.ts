import { describe, expect, it } from "vitest";
import type { FieldAsk } from "../../agent/protocol.ts";
import { quickReplies } from "./chat.tsx";

const base: FieldAsk = { path: "/x", kind: "field", title: "X", type: "string", secret: false, required: true };

describe("quickReplies", () => {
  it("offers oneOf options by title, enum values, yes/no and the default", () => {
    const choice = quickReplies({ ...base, kind: "choice", type: "object", options: [{ index: 0, title: "No tunnel" }, { index: 1, title: "SSH key" }] });
    expect(choice.map((reply) => reply.text)).toEqual(["No tunnel", "SSH key"]);
    expect(quickReplies({ ...base, enum: ["a", 1, true] }).map((reply) => reply.text)).toEqual(["a", "1", "true"]);
    expect(quickReplies({ ...base, type: "boolean" }).map((reply) => reply.text)).toEqual(["Yes", "No"]);
    expect(quickReplies({ ...base, type: "integer", default: 5432 })).toEqual([{ label: "Use default (5432)", text: "default" }]);
  });

  it("offers ready/skip for a secret asked in chat, nothing for a free-text field", () => {
    expect(quickReplies({ ...base, secret: true, enum: ["a"] }).map((reply) => reply.text)).toEqual(["Ready"]);
    expect(quickReplies({ ...base, secret: true, required: false }).map((reply) => reply.text)).toEqual(["Ready", "Skip"]);
    expect(quickReplies(base)).toEqual([]);
    expect(quickReplies(null)).toEqual([]);
  });
});
