// The SDK over real HTTP (global fetch) against a server listening on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../sessions/testing/test-server.ts";
import { Onramp, OnrampError } from "./index.ts";

describe("SDK over HTTP", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ logLevel: "warn" });
  });
  afterAll(() => server.close());

  it("creates a connector, opens a session on it with openSetupSession(), and deletes it", async () => {
    const onramp = Onramp({ baseUrl: server.baseUrl, token: server.apiToken });
    const ws = onramp.workspace("default");
    const connector = await ws.createConnector({ connectorType: "sample-data", configuration: { dataset: "events" } });
    const session = await ws.openSetupSession("sample-data");
    expect(session.connector.id).toBe(connector.id);
    const snapshot = await fetch(`${server.baseUrl}/api/v1/setup-sessions/${session.sessionId}`, { headers: { authorization: `Bearer ${session.sessionToken}` } });
    expect(snapshot.status).toBe(200);
    expect((await ws.deleteConnector(connector.id, { wait: true })).status).toBe("succeeded");
    const gone = await ws.getConnector(connector.id).catch((error) => error);
    expect(gone).toBeInstanceOf(OnrampError);
    expect(gone.status).toBe(404);
  });
});
