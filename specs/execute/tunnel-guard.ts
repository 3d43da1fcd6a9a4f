// The database readers connect straight to host:port. A config that says to go through an SSH
// tunnel means the database is only reachable that way (or host names another machine's view
// of it): reading without the tunnel would be wrong, so it is refused as the check refuses it.
import { ExecuteError } from "./execute-error.ts";

export function refuseTunnel(config: Record<string, unknown>): void {
  const tunnel = (config.tunnel_method as { tunnel_method?: unknown } | undefined)?.tunnel_method;
  if (tunnel !== undefined && tunnel !== "NO_TUNNEL") {
    throw new ExecuteError("source_failed", 'Onramp cannot read through an SSH tunnel yet. Choose "No Tunnel" if the database is reachable directly.', {
      reason: "unknown",
      fields: ["/tunnel_method"],
    });
  }
}
