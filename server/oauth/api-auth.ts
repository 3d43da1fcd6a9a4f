// Which workspace an OAuth client setting applies to. Unlike most resources, a client may be
// organization-wide (no workspace named, organization token): every workspace then uses it
// unless it has its own.
import type { AppDeps } from "../deps.ts";
import { assertOrganizationWide, authenticateApplication, resolveWorkspace, type AppAuth } from "../auth/index.ts";
import type { Workspace } from "../store/types.ts";

export function authenticateApiToken(deps: Pick<AppDeps, "store">, header: string | undefined): Promise<AppAuth> {
  return authenticateApplication(deps.store, header);
}

export async function clientWorkspace(
  deps: Pick<AppDeps, "store">,
  auth: AppAuth,
  ref: { workspace_name?: unknown; workspace_id?: unknown },
): Promise<Workspace | null> {
  const named = (typeof ref.workspace_name === "string" && ref.workspace_name) || (typeof ref.workspace_id === "string" && ref.workspace_id);
  if (!named && auth.workspaceId === null) {
    assertOrganizationWide(auth, "configure an organization-wide OAuth client");
    return null;
  }
  return resolveWorkspace(deps.store, auth, ref);
}
