// Found by the issue-14 probe: a server that accepts a connection and closes it at once gave
// Postgres checks a random reason (an "unknown" driver message, or "unreachable" saying nothing
// accepted the connection). It is one stable answer that says the server closed it.
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinDefinitions } from "../builtins/index.ts";
import { runCheck } from "./run-check.ts";

const definition = (name: string) => builtinDefinitions().find((item) => item.name === name)!;

describe("a server that accepts the connection and closes it at once", () => {
  let server: net.Server;
  let port: number;
  beforeAll(async () => {
    // Half of the connections are reset, half ended cleanly: the drivers see different errors.
    let count = 0;
    server = net.createServer((socket) => {
      if (count++ % 2 === 0) socket.resetAndDestroy();
      else socket.end(() => socket.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as net.AddressInfo).port;
  });
  afterAll(() => {
    server.close();
  });

  const cases = [
    { name: "source-postgres", config: (port: number) => ({ host: "127.0.0.1", port, database: "d", username: "u", ssl_mode: { mode: "disable" } }) },
    { name: "source-postgres", config: (port: number) => ({ host: "127.0.0.1", port, database: "d", username: "u", ssl_mode: { mode: "prefer" } }) },
    { name: "source-mysql", config: (port: number) => ({ host: "127.0.0.1", port, database: "d", username: "u", replication_method: { method: "STANDARD" } }) },
  ];

  for (const { name, config } of cases) {
    it(`${name} (${JSON.stringify(config(0)).slice(0, 60)}…) answers one reason every time: the server closed the connection`, async () => {
      const results = [];
      for (let attempt = 0; attempt < 6; attempt++) results.push(await runCheck(definition(name), config(port), { timeoutMs: 5000 }));
      for (const result of results) {
        expect(result).toMatchObject({ status: "failed", reason: "unreachable", fields: ["/host", "/port"] });
        expect(result.message).toMatch(/accepted the connection .* and then closed it/);
        expect(result.message).not.toMatch(/Nothing accepted/);
      }
    });
  }
});
