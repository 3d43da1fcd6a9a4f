// The questions the agent asks, as a person reads them.
import { describe, expect, it } from "vitest";
import type { Question } from "../specs/index.ts";
import { prompts } from "./prompts.ts";

const field = (title: string): Question => ({ path: "/x", kind: "field", title, type: "string", secret: false, required: true });

describe("prompts.question", () => {
  it("asks a plain field by its title in the sentence", () => {
    expect(prompts.question(field("Host"), undefined)).toBe("What is the host?");
  });

  it("names the list item first for a field inside one", () => {
    expect(prompts.question(field("Streams #2: Name"), undefined)).toBe("Streams #2: what is the name?");
  });
});
