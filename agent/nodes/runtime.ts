// What every node shares: the session port (from config.configurable, never from state), the
// agent's dependencies, and small helpers to speak and to describe a question on the wire.
import { randomUUID } from "node:crypto";
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { CatalogLookup, Definition, Question } from "../../specs/types.ts";
import type { FieldAsk, FormDocument } from "../protocol.ts";
import { RECENT_TURNS } from "../model-prompts.ts";
import type { SessionPort } from "../session-port.ts";
import type { Decision, UnderstandContext } from "../understand/types.ts";

/**
 * Streams a model's reply as agent.delta events. The stream never ends in a message of its own:
 * `handOver` leaves its id to the next thing the agent says in this run, so that message replaces
 * what was streamed (the model's words merged with the agent's, or a half sentence from a dropped
 * connection discarded). A reply nobody took over is voided when the run ends (settleReplies).
 */
export interface ReplyStream {
  delta(text: string): void;
  handOver(): void;
}

export type Understander = (text: string, context: UnderstandContext, reply: () => ReplyStream) => Promise<Decision[]>;

/** A model's pick among the catalog's candidates for a message. */
export type ConnectorPick = { kind: "choose"; id: string } | { kind: "offer"; ids: string[] } | { kind: "none" };

/** Asks a model to pick; null when it could not (error, timeout, no usable answer): the offline match decides. */
export type ConnectorPicker = (
  text: string,
  candidates: Definition[],
  recent: NonNullable<UnderstandContext["recent"]>,
) => Promise<ConnectorPick | null>;

export interface AgentDeps {
  catalog: CatalogLookup;
  understand: Understander;
  /** Only with a model configured; without it the catalog's fuzzy match alone chooses. */
  pickConnector?: ConnectorPicker;
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

// Streamed replies handed over and not yet replaced, by port; settleReplies clears them after every run.
const openReplies = new WeakMap<SessionPort, string>();

export function say(port: SessionPort, text: string): void {
  if (!text.trim()) return;
  const id = openReplies.get(port) ?? randomUUID();
  openReplies.delete(port);
  port.emit({ type: "agent.message", id, text });
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
    handOver() {
      if (text) openReplies.set(port, id);
    },
  };
}

/** Ends a run: a streamed reply nothing replaced is void (an empty agent.message under its id). */
export function settleReplies(port: SessionPort): void {
  const id = openReplies.get(port);
  if (id === undefined) return;
  openReplies.delete(port);
  port.emit({ type: "agent.message", id, text: "" });
}

/** The turns before this message (the session layer has already added the message itself). */
export function turnsBefore(port: SessionPort, text: string): Array<{ role: "user" | "agent"; text: string }> {
  const turns = port.recentTurns(RECENT_TURNS + 1).filter((entry) => entry.role !== "system");
  const last = turns.at(-1);
  if (last?.role === "user" && last.text === text) turns.pop();
  return turns.slice(-RECENT_TURNS).map((entry) => ({ role: entry.role === "user" ? "user" : "agent", text: entry.text }));
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
