// How long an idle HTTP connection stays open. Node closes it after 5 s by default; a widget or
// backend on the REST twin sends a message every few seconds, so with 5 s most turns paid for a
// new TCP connection (accept, socket, parser) that a ws turn never pays. 65 s outlasts the usual
// gaps between a person's messages and the idle timeouts of common load balancers (60 s), so the
// balancer, not Onramp, closes first. Headers must still arrive within a bounded time.
import type { Server } from "node:http";

export const KEEP_ALIVE_MS = 65_000;

export function keepConnectionsAlive(server: Server): void {
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
}
