// The model's pick of a connector (ONRAMP_MODEL=openai:<model>). It sees only the shortlist the
// catalog's fuzzy search made for the message, never the whole catalog, and answers by a tool
// call naming one (or a few) of them; any error, timeout or unusable answer returns null, and
// the offline match decides instead. Not streamed: the agent's own sentence says what was chosen.
import type { Definition } from "../../specs/types.ts";
import type { ModelGateway, ModelMessage, ModelTool, ModelToolCall } from "../model-gateway.ts";
import { connectorSystemPrompt } from "../model-prompts.ts";
import type { ConnectorPick, ConnectorPicker } from "../nodes/runtime.ts";

export function connectorTools(candidates: Definition[]): ModelTool[] {
  const names = candidates.map((definition) => definition.name);
  return [
    {
      name: "choose_connector",
      description: "The person wants this connector.",
      parameters: { type: "object", properties: { name: { type: "string", enum: names } }, required: ["name"] },
    },
    {
      name: "offer_connectors",
      description: "Several candidates fit equally well: offer these (two or three) to the person.",
      parameters: {
        type: "object",
        properties: { names: { type: "array", items: { type: "string", enum: names }, minItems: 2, maxItems: 3 } },
        required: ["names"],
      },
    },
    { name: "no_connector", description: "None of the candidates is what the person wants.", parameters: { type: "object", properties: {} } },
  ];
}

/** The first usable tool call, its names checked against the candidates. */
export function pickFromToolCalls(calls: ModelToolCall[], candidates: Definition[]): ConnectorPick | null {
  const byName = (name: unknown) => candidates.find((definition) => definition.name === name || definition.displayName === name);
  for (const call of calls) {
    if (call.name === "choose_connector") {
      const definition = byName(call.args.name);
      if (definition) return { kind: "choose", id: definition.id };
    } else if (call.name === "offer_connectors") {
      const ids = (Array.isArray(call.args.names) ? call.args.names : []).map(byName).flatMap((definition) => (definition ? [definition.id] : []));
      if (ids.length) return { kind: "offer", ids: [...new Set(ids)] };
    } else if (call.name === "no_connector") return { kind: "none" };
  }
  return null;
}

export function createOpenAIConnectorPicker(gateway: ModelGateway): ConnectorPicker {
  return async (text, candidates, recent) => {
    const messages: ModelMessage[] = [
      { role: "system", content: connectorSystemPrompt(candidates) },
      ...recent.map((turn): ModelMessage => ({ role: turn.role === "agent" ? "assistant" : "user", content: turn.text })),
      { role: "user", content: text },
    ];
    try {
      const answer = await gateway.chat({ messages, tools: connectorTools(candidates) });
      return pickFromToolCalls(answer.toolCalls, candidates);
    } catch {
      return null;
    }
  };
}
