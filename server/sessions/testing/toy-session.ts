// A one-connector catalog and a scripted agent (a fake of the agent port) for the session layer's
// own tests, where the real agent's understanding is not what is under test.
import type { AgentInput, SessionPort } from "../../../agent/session-port.ts";
import type { CatalogLookup, Definition } from "../../../specs/index.ts";
import type { Logger } from "../../deps.ts";
import type { SessionAgent } from "../types.ts";

export const definition: Definition = {
  id: "0b6c5a0e-1111-4c1e-9a3e-000000000001",
  name: "source-toy",
  kind: "source",
  displayName: "Toy",
  origin: "test",
  connectionSpecification: {
    type: "object",
    required: ["host", "port", "password"],
    properties: {
      host: { type: "string", title: "Host", order: 0 },
      port: { type: "integer", title: "Port", minimum: 1, maximum: 65535, order: 1 },
      password: { type: "string", title: "Password", airbyte_secret: true, order: 2 },
    },
  },
};

export const catalog: CatalogLookup = {
  list: () => [definition],
  get: (idOrName) => (idOrName === definition.id || idOrName === definition.name ? definition : undefined),
  search: () => [{ definition, score: 1 }],
  add: () => undefined,
};

export const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Asks the first missing field; records every input it was handed. */
export function scriptedAgent(inputs: AgentInput[]): SessionAgent {
  return {
    async run(port: SessionPort, input: AgentInput) {
      inputs.push(input);
      const form = await port.readForm();
      const missing = ["host", "port", "password"].find((key) => form.values[key] === undefined);
      if (!missing) {
        port.emit({ type: "agent.message", id: "done", text: "All set." });
        return;
      }
      const secret = missing === "password";
      port.emit({ type: "agent.message", id: missing, text: `What is the ${missing}?` });
      port.emit({ type: "field.ask", path: `/${missing}`, kind: "field", title: missing, secret, required: true });
      if (secret) port.emit({ type: "secret.request", path: `/${missing}`, title: missing });
    },
  };
}

