// Execute for declarative (Airbyte low-code) connectors (README.md, "The declarative reader"):
// the entities are the manifest's streams, a list is one bounded
// readDeclarativeRecords, and a DeclarativeReadError becomes the ExecuteError the API maps
// (bad input → invalid_cursor / entity_not_found / invalid_params; a component Onramp does not
// run → cannot_execute; an API failure → source_failed with the check's reason and the config
// fields to fix).
import type { EntityReader } from "./types.ts";
import { ExecuteError } from "./execute-error.ts";
import { DeclarativeReadError, declarativeStreams, readDeclarativeRecords } from "../declarative/read.ts";
import { declarativeBlocker } from "../declarative/blocker.ts";

function executeError(error: unknown): unknown {
  if (!(error instanceof DeclarativeReadError)) return error;
  if (error.reason === "bad_request") {
    const code = error.fields.includes("cursor") ? "invalid_cursor" : error.fields.includes("entity") ? "entity_not_found" : "invalid_params";
    return new ExecuteError(code, error.message, { fields: error.fields });
  }
  // Not the source failing: this connector needs something Onramp cannot run (named in the message).
  if (error.reason === "unsupported") return new ExecuteError("cannot_execute", error.message);
  return new ExecuteError("source_failed", error.message, { reason: error.reason, fields: error.fields });
}

export const declarativeReader: EntityReader = {
  entitiesNeedConnection: false,
  async entities(definition, config) {
    const names = declarativeStreams(definition, config);
    // No stream at all: the manifest cannot be run (it does not validate, a Python component);
    // say why rather than "no entity" on every name.
    const blocker = names.length === 0 ? declarativeBlocker(definition) : undefined;
    if (blocker) throw new ExecuteError("cannot_execute", `Onramp cannot read from ${definition.displayName}: ${blocker}`);
    return names.map((name) => ({ name, kind: "stream" }));
  },
  async list(definition, config, entity, { limit, cursor, signal, timeoutMs, onSecretRefreshed }) {
    try {
      const { records, nextCursor } = await readDeclarativeRecords(definition, config, entity, { limit, cursor: cursor ?? undefined, signal, timeoutMs, onSecretRefreshed });
      return { data: records, next_cursor: nextCursor };
    } catch (error) {
      throw executeError(error);
    }
  },
};
