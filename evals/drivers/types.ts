// How the runner talks to one setup session: in-process (SessionManager) or a running server
// (the REST twin). Both speak the wire protocol's events.
import type { ClientEvent, ServerEvent, SessionSnapshot } from "../../agent/protocol.ts";
import type { Definition } from "../../specs/types.ts";
import type { LeakSources } from "../types.ts";

export interface FinalConfig {
  config: Record<string, unknown> | null;
  unresolvedSecrets: string[];
}

export interface SessionDriver {
  readonly sessionId: string;
  readonly definition: Definition | null;
  /** Sends one client event; resolves with the events it caused (and any pushed since). */
  send(event: ClientEvent): Promise<ServerEvent[]>;
  /** Events pushed outside a send (OAuth callback, start of the session). */
  drain(): ServerEvent[];
  snapshot(): Promise<SessionSnapshot>;
  finalConfig(snapshot: SessionSnapshot): Promise<FinalConfig>;
  /** Is this URL the server's OAuth callback (where the popup ends)? */
  isCallback(url: URL): boolean;
  leakSources(): Promise<LeakSources>;
  close(): Promise<void>;
}
