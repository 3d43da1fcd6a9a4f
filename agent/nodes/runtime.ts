// What every node shares: the session port (from config.configurable, never from state), the
// agent's dependencies, and small helpers to speak and to describe a question on the wire.
import { randomUUID } from "node:crypto";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { CatalogLookup, Definition, Question } from "../../specs/types.ts";
import type { FieldAsk, FormDocument } from "../protocol.ts";
import type { SessionPort } from "../session-port.ts";
import type { Decision, UnderstandContext } from "../understand/types.ts";

/** Streams a model's reply: deltas as they come, then the whole text once. */
export interface ReplyStream {
  delta(text: string): void;
  done(): void;
}

export type Understander = (text: string, context: UnderstandContext, reply: () => ReplyStream) => Promise<Decision[]>;

export interface AgentDeps {
  catalog: CatalogLookup;
  understand: Understander;
}

export function portOf(config: LangGraphRunnableConfig): SessionPort {
  const port = config.configurable?.port as SessionPort | undefined;
  if (!port) throw new Error("The setup agent runs with a SessionPort in config.configurable.port");
  return port;
}

export async function loadSession(
  port: SessionPort,
  catalog: CatalogLookup,
): Promise<{ form: FormDocument; definition: Definition | null }> {
  const form = await port.readForm();
  const definition = form.definitionId ? catalog.get(form.definitionId) ?? null : null;
  return { form, definition };
}

export function say(port: SessionPort, text: string): void {
  if (!text.trim()) return;
  port.emit({ type: "agent.message", id: randomUUID(), text });
}

export function replyStream(port: SessionPort): ReplyStream {
  const id = randomUUID();
  let text = "";
  return {
    delta(piece) {
      if (!piece) return;
      text += piece;
      port.emit({ type: "agent.delta", id, text: piece });
    },
    done() {
      if (text.trim()) port.emit({ type: "agent.message", id, text });
    },
  };
}

export function toFieldAsk(question: Question): FieldAsk {
  const ask: FieldAsk = {
    path: question.path,
    kind: question.kind,
    title: question.title,
    type: question.type,
    secret: question.secret,
    required: question.required,
  };
  if (question.description) ask.description = question.description;
  if (question.enum) ask.enum = question.enum;
  if (question.options) ask.options = question.options.map((option) => ({ ...option }));
  if (question.example !== undefined) ask.example = question.example;
  if (question.default !== undefined) ask.default = question.default;
  if (question.pattern_descriptor) ask.pattern_descriptor = question.pattern_descriptor;
  if (question.multiline) ask.multiline = true;
  return ask;
}
