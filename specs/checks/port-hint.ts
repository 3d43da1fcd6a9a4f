// "Nothing listens on 6543, but Postgres answers on 5432": a refused connection on a port other
// than the connector's usual one is narrowed down to the port when the usual port of the same
// host accepts a connection. The person is then asked for the port only, not the host too.
import type { CheckResult, Definition } from "../types.ts";
import { failed } from "./outcome.ts";
import { acceptsConnection } from "./tcp-probe.ts";

// The hint is a second opinion, not the check: it gets a short, fixed budget of its own.
const PROBE_MS = 1500;

/** The spec's default for its top-level `port`: the port this kind of server usually listens on. */
function usualPort(definition: Definition): number | undefined {
  const port = (definition.connectionSpecification.properties as Record<string, { default?: unknown }> | undefined)?.port?.default;
  return typeof port === "number" && Number.isInteger(port) ? port : undefined;
}

export async function withPortHint(
  result: CheckResult,
  definition: Definition,
  config: { host?: unknown; port?: unknown },
  serverName: string,
  timeoutMs: number,
  /** The connection was refused (ECONNREFUSED), not cut or closed by what accepted it. */
  wasRefused: boolean,
): Promise<CheckResult> {
  const usual = usualPort(definition);
  const { host, port } = config;
  const refused = wasRefused && result.status === "failed" && result.reason === "unreachable" && result.fields?.includes("/port");
  if (!refused || usual === undefined || typeof host !== "string" || typeof port !== "number" || port === usual) return result;
  if (!(await acceptsConnection(host, usual, Math.min(PROBE_MS, timeoutMs)))) return result;
  return failed(
    "unreachable",
    `Nothing accepted the connection on port ${port} of ${host}, but ${host} does accept connections on port ${usual}, the usual ${serverName} port: the port is probably wrong.`,
    ["/port"],
  );
}
