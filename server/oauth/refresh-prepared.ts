// The saved-connector side of refresh: before "test and save" (POST /connectors/:id/check), an
// expired access token is renewed and the renewed values join the config about to be saved, so
// the new tokens replace the old secrets only when the connector is saved.
import type { AppDeps } from "../deps.ts";
import { SECRET_MASK, setAt, type CheckResult, type Definition } from "../../specs/index.ts";
import type { PreparedConfig } from "../connectors/connector-config.ts";
import { refreshForCheck } from "./refresh.ts";

export async function refreshPreparedConfig(
  deps: Pick<AppDeps, "store" | "secrets">,
  definition: Definition,
  workspaceId: string,
  prepared: PreparedConfig,
): Promise<{ prepared: PreparedConfig; failure?: CheckResult }> {
  const next: PreparedConfig = {
    ...prepared,
    keptRefs: { ...prepared.keptRefs },
    newSecrets: [...prepared.newSecrets],
    droppedRefIds: [...prepared.droppedRefIds],
  };
  const fresh = await refreshForCheck(deps, {
    definition,
    workspaceId,
    config: prepared.resolved,
    async persist(path, value, secret) {
      if (!secret) {
        next.masked = setAt(next.masked, path, value);
        return;
      }
      const previous = next.keptRefs[path];
      if (previous) {
        delete next.keptRefs[path];
        next.droppedRefIds.push(previous);
      }
      next.newSecrets = [...next.newSecrets.filter((entry) => entry.path !== path), { path, value }];
      next.masked = setAt(next.masked, path, SECRET_MASK);
    },
  });
  if (fresh.failure) return { prepared, failure: fresh.failure };
  next.resolved = fresh.config;
  return { prepared: next };
}
