// A tiny stand-in for the session layer in agent tests: it screens chat text with
// screenUserText and the connector's screen options, stores a caught secret through the port, and feeds the agent like the server.
import type { FieldAsk, ServerEvent } from "../protocol.ts";
import { screenUserText } from "../screen-secrets.ts";
import { screenOptionsFor } from "../understand/screen-options.ts";
import type { SetupAgent } from "../setup-agent.ts";
import type { MemoryPort } from "../memory-port.ts";

export interface Conversation {
  port: MemoryPort;
  /** The question the agent asks now (from the last field.ask since the last test/secret). */
  pending(): FieldAsk | null;
  say(text: string): Promise<ServerEvent[]>;
  secret(path: string, value: string): Promise<ServerEvent[]>;
  send(input: Parameters<SetupAgent["run"]>[1]): Promise<ServerEvent[]>;
  /** The agent's text in these events, joined. */
  text(events: ServerEvent[]): string;
  asked(events: ServerEvent[]): string[];
}

export function converse(agent: SetupAgent, port: MemoryPort): Conversation {
  let pending: FieldAsk | null = null;
  const track = (events: ServerEvent[]) => {
    for (const event of events) {
      if (event.type === "field.ask") {
        const { type: _type, field_type, ...ask } = event;
        pending = { ...ask, type: field_type ?? "string" };
      }
      if (event.type === "test.started" || event.type === "session.completed" || event.type === "session.cancelled") pending = null;
    }
    return events;
  };
  const send = async (input: Parameters<SetupAgent["run"]>[1]) => {
    await agent.run(port, input);
    return track(port.take());
  };
  return {
    port,
    pending: () => pending,
    send,
    async say(text) {
      // Screened as the server does: with the connector's secret names and its login's password field.
      const definition = port.definition();
      const secretPath = pending?.secret ? pending.path : null;
      const screened = screenUserText(text, pending, definition ? screenOptionsFor(definition, port.form.values, secretPath) : {});
      port.transcript.push({ role: "user", text: screened.text, at: new Date().toISOString() });
      const stored: string[] = [];
      for (const secret of screened.secrets) {
        if (!secret.path || stored.includes(secret.path)) continue;
        await port.storeSecret(secret.path, secret.value);
        stored.push(secret.path);
      }
      return send({ kind: "message", text: screened.text, ...(screened.secret ? { redacted: true } : {}), ...(stored.length ? { storedAt: stored[0], stored } : {}) });
    },
    async secret(path, value) {
      await port.storeSecret(path, value);
      return send({ kind: "secret.stored", path });
    },
    text: (events) =>
      events
        .filter((event): event is Extract<ServerEvent, { type: "agent.message" }> => event.type === "agent.message")
        .map((event) => event.text)
        .join("\n"),
    asked: (events) => events.flatMap((event) => (event.type === "field.ask" ? [event.path] : [])),
  };
}
