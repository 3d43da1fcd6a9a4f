// The model understander (ONRAMP_MODEL=openai:<model>): the model decides through tool calls
// (the same decisions the offline understander makes), its text is streamed to the person and
// then replaced by the agent's own message (which keeps the model's words only when they fit),
// and any error or timeout falls back to the offline understander for that turn.
import { fits } from "./fit.ts";
import { vocabularyOf, type Vocabulary } from "./vocabulary.ts";
import type { Question } from "../../specs/types.ts";
import type { ModelGateway, ModelMessage, ModelTool, ModelToolCall } from "../model-gateway.ts";
import type { Understander } from "../nodes/runtime.ts";
import { setupSystemPrompt } from "../model-prompts.ts";
import { understandOffline } from "./offline.ts";
import { parseOption, parseValue } from "./parse-value.ts";
import type { Decision, UnderstandContext } from "./types.ts";

const noArguments = { type: "object", properties: {}, additionalProperties: false };

export const DECISION_TOOLS: ModelTool[] = [
  {
    name: "set_fields",
    description: "Set one or more non-secret fields to the values the person gave.",
    parameters: {
      type: "object",
      properties: {
        fields: {
          type: "array",
          items: {
            type: "object",
            properties: {
              path: { type: "string", description: "The field's JSON pointer, e.g. /host" },
              value: { description: "The value as the person gave it (text is fine; option titles for choices)" },
            },
            required: ["path", "value"],
          },
        },
      },
      required: ["fields"],
    },
  },
  {
    name: "answer_question",
    description: "The person asks what a field means; name the field (or omit path for the current question).",
    parameters: { type: "object", properties: { path: { type: "string" } } },
  },
  { name: "skip", description: "Skip the current (optional) question.", parameters: noArguments },
  { name: "go_back", description: "Return to the previous question.", parameters: noArguments },
  { name: "dont_know", description: "The person does not know the answer to the current question.", parameters: noArguments },
  { name: "use_default", description: "Use the current question's default value.", parameters: noArguments },
  { name: "start_over", description: "Clear everything and start the setup again.", parameters: noArguments },
  { name: "cancel", description: "Cancel the whole setup.", parameters: noArguments },
  { name: "test", description: "Test the connection now.", parameters: noArguments },
];

const SIMPLE: Record<string, Decision> = {
  skip: { kind: "skip" },
  go_back: { kind: "back" },
  dont_know: { kind: "dont_know" },
  use_default: { kind: "use_default" },
  start_over: { kind: "start_over" },
  cancel: { kind: "cancel" },
  test: { kind: "test" },
};

function fieldDecision(question: Question | undefined, value: unknown, vocabulary: Vocabulary): Decision | null {
  if (!question) return null;
  if (question.secret) return { kind: "secret_in_chat", path: question.path };
  const raw = Array.isArray(value) ? value.map(String).join(", ") : typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
  if (question.kind === "choice") {
    const optionIndex = parseOption(raw, question);
    return optionIndex >= 0
      ? { kind: "choose", path: question.path, optionIndex }
      : { kind: "invalid", path: question.path, text: raw, reason: `"${raw}" is not one of the options` };
  }
  const parsed = parseValue(question, raw);
  if (!parsed.ok) return { kind: "invalid", path: question.path, text: raw, reason: parsed.reason };
  // The model's value passes the same shape rules as the offline readings' (a function word, a
  // field's own name, a host with spaces is not stored). The model named the field: `named`.
  const field = vocabulary.byPath.get(question.path);
  const fit = field ? fits(field, parsed.value, vocabulary, true) : ({ ok: true } as const);
  return fit.ok ? { kind: "set", path: question.path, value: parsed.value } : { kind: "invalid", path: question.path, text: raw, reason: fit.reason };
}

/** Turns the model's tool calls into decisions, checking every path and value against the spec. */
export function decisionsFromToolCalls(calls: ModelToolCall[], context: UnderstandContext): Decision[] {
  const byPath = new Map(context.fields.map((field) => [field.path, field]));
  if (context.pending) byPath.set(context.pending.path, context.pending);
  const decisions: Decision[] = [];
  const vocabulary = vocabularyOf(context.definition);
  for (const call of calls) {
    if (call.name === "set_fields") {
      const fields = Array.isArray(call.args.fields) ? call.args.fields : [];
      for (const field of fields as Array<{ path?: unknown; value?: unknown }>) {
        const decision = fieldDecision(byPath.get(String(field?.path ?? "")), field?.value, vocabulary);
        if (decision) decisions.push(decision);
      }
    } else if (call.name === "answer_question") {
      const path = typeof call.args.path === "string" && byPath.has(call.args.path) ? call.args.path : context.pending?.path ?? null;
      decisions.push({ kind: "question", path });
    } else if (SIMPLE[call.name]) decisions.push(SIMPLE[call.name]);
  }
  return decisions;
}

/** The model's view of the turn: instructions and form, the last few turns, then the message. */
export function setupMessages(text: string, context: UnderstandContext): ModelMessage[] {
  return [
    { role: "system", content: setupSystemPrompt(context) },
    ...(context.recent ?? []).map((turn): ModelMessage => ({ role: turn.role === "agent" ? "assistant" : "user", content: turn.text })),
    { role: "user", content: text },
  ];
}

export function createOpenAIUnderstander(gateway: ModelGateway): Understander {
  return async (text, context, reply) => {
    const stream = reply();
    try {
      const answer = await gateway.chat({
        messages: setupMessages(text, context),
        tools: DECISION_TOOLS,
        redact: context.secretIds ?? [],
        onDelta: (piece) => stream.delta(piece),
      });
      const decisions = decisionsFromToolCalls(answer.toolCalls, context);
      const said = answer.text.trim();
      if (decisions.length === 0 && !said) return understandOffline(text, context);
      // The words are not a message of their own: apply decides whether they stand (model-words.ts).
      return said ? [...decisions, { kind: "say", text: said }] : decisions;
    } catch {
      // The turn still gets understood: the offline understander needs no network. What was
      // streamed before the failure is half a sentence; the agent's next words replace it.
      return understandOffline(text, context);
    } finally {
      stream.handOver();
    }
  };
}
