// The one way a connector is written, by the management API (create, patch, test and save) and by
// a setup session alike: one id scheme, every secret owned by the connector, and the secrets it
// no longer uses deleted only once the new record is stored.
import type { Definition } from "../../specs/index.ts";
import type { AppDeps } from "../deps.ts";
import { newId } from "../auth/index.ts";
import type { ConnectorRecord } from "../store/types.ts";

export function newConnectorId(kind: Definition["kind"]): string {
  return newId(kind === "source" ? "src" : "dst");
}

export interface ConnectorDraft {
  workspaceId: string;
  definition: Definition;
  name: string;
  /** The config with the mask at every secret path. */
  configuration: Record<string, unknown>;
  /** Secrets already stored that the config keeps (path → id): the connector's own or a session's. */
  secretRefs: Record<string, string>;
  /** Secret-store text still to store (path → text), as sealSecrets gives it. */
  newSecrets?: Array<{ path: string; value: string }>;
  /** Left out: kept from the existing connector (or none). */
  sourceTemplateId?: string | null;
  /** The streams selected for replication. Left out: kept from the existing connector (or none). */
  streams?: string[];
}

/** Creates (no `existing`) or replaces a connector; returns the stored record. */
export async function saveConnector(
  deps: Pick<AppDeps, "store" | "secrets">,
  draft: ConnectorDraft,
  existing?: ConnectorRecord,
): Promise<ConnectorRecord> {
  const id = existing?.id ?? newConnectorId(draft.definition.kind);
  const owner = { workspaceId: draft.workspaceId, owner: `connector:${id}` };
  const previous = new Set(Object.values(existing?.secretRefs ?? {}));
  const secretRefs = { ...draft.secretRefs };
  // A session's secrets become the connector's, so deleting the session never takes them along.
  for (const ref of Object.values(secretRefs)) if (!previous.has(ref)) await deps.secrets.reassign(ref, owner);
  for (const { path, value } of draft.newSecrets ?? []) secretRefs[path] = await deps.secrets.put(value, owner);
  const now = new Date().toISOString();
  const record: ConnectorRecord = {
    id,
    workspaceId: draft.workspaceId,
    definitionId: draft.definition.id,
    kind: draft.definition.kind,
    name: draft.name,
    configuration: draft.configuration,
    secretRefs,
    sourceTemplateId: draft.sourceTemplateId !== undefined ? draft.sourceTemplateId : (existing?.sourceTemplateId ?? null),
    streams: draft.streams ?? existing?.streams ?? [],
    created_at: existing?.created_at ?? now,
    updated_at: now,
  };
  await deps.store.putConnector(record);
  const kept = new Set(Object.values(secretRefs));
  for (const ref of previous) if (!kept.has(ref)) await deps.secrets.delete(ref);
  return record;
}
