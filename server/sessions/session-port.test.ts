// A connector saved by a setup session is saved the way the management API saves one: the same
// id scheme, and the session's secrets handed over to the connector (so the session's sweep does
// not take them).
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AgentInput, SessionPort } from "../../agent/session-port.ts";
import { SECRET_MASK } from "../../specs/index.ts";
import { catalog, definition, silent } from "./testing/toy-session.ts";
import { loadConfig } from "../config.ts";
import { createMemorySecretStore } from "../secrets/index.ts";
import { createMemoryStore } from "../store/memory-store.ts";
import { createSessionManager } from "./session-manager.ts";
import type { SessionAgent } from "./types.ts";

/** Saves the connector as soon as the form is complete. */
const savingAgent: SessionAgent = {
  async run(port: SessionPort, input: AgentInput) {
    if (input.kind !== "form.changed") return;
    const form = await port.readForm();
    if (["host", "port", "password"].some((key) => form.values[key] === undefined)) return;
    const { connectorId } = await port.saveConnector();
    port.emit({ type: "session.completed", connectorId });
  },
};

describe("a connector saved by a setup session", () => {
  it("gets a src_ id and owns the session's secrets", async () => {
    const store = createMemoryStore();
    await store.init();
    const secrets = createMemorySecretStore();
    const manager = createSessionManager({ config: loadConfig({}), store, secrets, catalog, log: silent, agent: savingAgent });
    const created = await manager.create({ workspaceId: "ws1", definitionId: definition.id, connectorId: null, allowedOrigin: null });
    const password = `canary-${randomBytes(8).toString("hex")}`;
    const events = await manager.dispatch(created.session_id, {
      type: "form.patch",
      base_version: 0,
      ops: [
        { op: "set", path: "/host", value: "db.internal" },
        { op: "set", path: "/port", value: 5432 },
        { op: "set", path: "/password", value: password },
      ],
    });
    const completed = events.find((event) => event.type === "session.completed");
    expect(completed).toMatchObject({ connectorId: expect.stringMatching(/^src_/) });
    const connector = (await store.getConnector((completed as { connectorId: string }).connectorId))!;
    expect(connector).toMatchObject({ workspaceId: "ws1", definitionId: definition.id, name: "Toy", sourceTemplateId: null, streams: [] });
    expect(connector.configuration).toEqual({ host: "db.internal", port: 5432, password: SECRET_MASK });
    const secretId = connector.secretRefs["/password"]!;
    // Nothing is left owned by the session: deleting its secrets leaves the connector's.
    expect(await secrets.deleteByOwner(`session:${created.session_id}`)).toBe(0);
    expect(await secrets.get(secretId)).toBe(password);
  });
});
