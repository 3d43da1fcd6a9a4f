// The only door to a language model (and the only module that imports @langchain/openai).
// Everything outbound is redacted first, values only: the exact strings the caller names (secret
// ids, the mask) and credential shapes everywhere, and on top of that, in the person's own text,
// whatever screen-secrets takes for a credential. The agent's own words (the system prompt, its
// earlier replies) keep their field names: "- /password: Password" is a name, not a password.
// What was sent is logged, so tests and evals can assert that no secret ever left.
import { ChatOpenAI } from "@langchain/openai";
import { AIMessage, AIMessageChunk, HumanMessage, SystemMessage, type BaseMessage } from "@langchain/core/messages";
import { SECRET_MASK } from "../specs/types.ts";
import { redactSecrets, redactTokenShapes } from "./screen-secrets.ts";

export interface ModelMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

export interface ModelTool {
  name: string;
  description: string;
  /** JSON Schema of the arguments. */
  parameters: Record<string, unknown>;
}

export interface ModelToolCall {
  name: string;
  args: Record<string, unknown>;
}

export interface ModelReply {
  text: string;
  toolCalls: ModelToolCall[];
}

export interface ChatRequest {
  messages: ModelMessage[];
  tools?: ModelTool[];
  /** Secret ids (and any other strings) that must not leave, on top of the built-in screening. */
  redact?: string[];
  /** Streams the reply's text as it arrives; without it the call is not streamed. */
  onDelta?: (text: string) => void;
}

export interface SentRecord {
  at: string;
  model: string;
  messages: ModelMessage[];
  tools: string[];
}

export interface ModelGateway {
  /** The model name, or null when the agent runs offline (then `chat` refuses). */
  readonly model: string | null;
  chat(request: ChatRequest): Promise<ModelReply>;
  /** What a text becomes before it is sent. */
  redact(text: string, extra?: string[]): string;
  /** Every request sent so far (redacted), oldest first. */
  sent(): SentRecord[];
}

export interface ModelGatewayOptions {
  model: string | null;
  apiKey?: string;
  baseUrl?: string;
  timeoutMs?: number;
  /** How many requests the log keeps (a long-running server must not grow without bound). */
  logLimit?: number;
}

export const REDACTED_ID = "[secret]";

/** How long one model call may take before the turn falls back to the offline understander. */
export const DEFAULT_MODEL_TIMEOUT_MS = 8_000;

function redactExact(text: string, extra: string[]): string {
  let out = text;
  for (const value of [...extra, SECRET_MASK]) {
    if (value && value.length >= 4) out = out.split(value).join(REDACTED_ID);
  }
  return out;
}

/** The person's text: named, shaped and random-looking secrets all go. */
function redactText(text: string, extra: string[] = []): string {
  return redactSecrets(redactExact(text, extra));
}

/** The agent's own text (prompt, earlier replies): values only, so names and titles survive. */
function redactOwnText(text: string, extra: string[]): string {
  return redactTokenShapes(redactExact(text, extra));
}

function toLangChain(message: ModelMessage): BaseMessage {
  if (message.role === "system") return new SystemMessage(message.content);
  if (message.role === "assistant") return new AIMessage(message.content);
  return new HumanMessage(message.content);
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((part) => (typeof part === "string" ? part : part?.type === "text" ? String(part.text ?? "") : "")).join("");
  }
  return "";
}

export function createModelGateway({ model, apiKey, baseUrl, timeoutMs = DEFAULT_MODEL_TIMEOUT_MS, logLimit = 1000 }: ModelGatewayOptions): ModelGateway {
  const log: SentRecord[] = [];
  const chatModel = model
    ? new ChatOpenAI({
        model,
        apiKey: apiKey ?? "not-set",
        timeout: timeoutMs,
        maxRetries: 0,
        ...(baseUrl ? { configuration: { baseURL: baseUrl } } : {}),
      })
    : null;

  return {
    model,
    redact: redactText,
    sent: () => log.map((record) => ({ ...record, messages: record.messages.map((message) => ({ ...message })), tools: [...record.tools] })),
    async chat({ messages, tools = [], redact = [], onDelta }) {
      if (!chatModel || !model) throw new Error("No language model is configured (ONRAMP_MODEL=offline)");
      const outbound = messages.map((message) => ({
        role: message.role,
        content: message.role === "user" ? redactText(message.content, redact) : redactOwnText(message.content, redact),
      }));
      log.push({ at: new Date().toISOString(), model, messages: outbound, tools: tools.map((tool) => tool.name) });
      if (log.length > logLimit) log.splice(0, log.length - logLimit);
      const bound = tools.length
        ? chatModel.bindTools(tools.map((tool) => ({ type: "function" as const, function: tool })))
        : chatModel;
      const input = outbound.map(toLangChain);
      const signal = AbortSignal.timeout(timeoutMs);
      if (!onDelta) {
        const reply = await bound.invoke(input, { signal });
        return {
          text: textOf(reply.content),
          toolCalls: (reply.tool_calls ?? []).map((call) => ({ name: call.name, args: (call.args ?? {}) as Record<string, unknown> })),
        };
      }
      let merged: AIMessageChunk | undefined;
      for await (const chunk of await bound.stream(input, { signal })) {
        const piece = textOf(chunk.content);
        if (piece) onDelta(piece);
        merged = merged ? merged.concat(chunk) : chunk;
      }
      return {
        text: textOf(merged?.content),
        toolCalls: (merged?.tool_calls ?? []).map((call) => ({ name: call.name, args: (call.args ?? {}) as Record<string, unknown> })),
      };
    },
  };
}
