// Credentials a check or a read renewed on its own (a declarative connector's OAuth refresh: a new
// access token, a rotated refresh token), reported as (JSON pointer, value). They are kept the way
// every secret is: encrypted in the secret store, the mask in the config, the old secret deleted.
// A rotated refresh token in particular must be kept: the provider no longer accepts the old one.
// Nothing here logs or returns a value.
import { SECRET_MASK, parsePointer, setAt, type Definition } from "../../specs/index.ts";
import type { AppDeps } from "../deps.ts";
import { encodeSecretValue } from "../secrets/seal-secrets.ts";
import type { PreparedConfig } from "./connector-config.ts";
import { saveConnector } from "./save-connector.ts";

/** True for a pointer to a field inside the config (not the config itself, not a relative path). */
export function isConfigFieldPath(path: unknown): path is string {
  if (typeof path !== "string" || !path.startsWith("/")) return false;
  try {
    return parsePointer(path).length > 0;
  } catch {
    return false;
  }
}

/**
 * Stores `value` as the saved connector's secret at `path`. The connector is read again first, so
 * a change saved meanwhile is kept; one deleted meanwhile is left deleted.
 */
export async function storeRefreshedSecret(
  deps: Pick<AppDeps, "store" | "secrets" | "log">,
  definition: Definition,
  connectorId: string,
  path: string,
  value: unknown,
  during: "executing" | "testing the connection",
): Promise<void> {
  const current = await deps.store.getConnector(connectorId);
  if (!current) return;
  const secretRefs = { ...current.secretRefs };
  delete secretRefs[path];
  await saveConnector(
    deps,
    {
      workspaceId: current.workspaceId,
      definition,
      name: current.name,
      configuration: setAt(current.configuration, path, SECRET_MASK),
      secretRefs,
      newSecrets: [{ path, value: encodeSecretValue(value) }],
    },
    current,
  );
  deps.log.info(`Connector credential renewed while ${during}; stored as its secret`, { connector_id: connectorId, path });
}

/** The config about to be saved, with `value` as the new secret at `path` (replacing a kept one). */
export function withRenewedSecret(prepared: PreparedConfig, path: string, value: string): PreparedConfig {
  const keptRefs = { ...prepared.keptRefs };
  const droppedRefIds = [...prepared.droppedRefIds];
  const previous = keptRefs[path];
  if (previous) {
    delete keptRefs[path];
    droppedRefIds.push(previous);
  }
  return {
    ...prepared,
    resolved: setAt(prepared.resolved, path, value),
    masked: setAt(prepared.masked, path, SECRET_MASK),
    keptRefs,
    droppedRefIds,
    newSecrets: [...prepared.newSecrets.filter((entry) => entry.path !== path), { path, value }],
  };
}
