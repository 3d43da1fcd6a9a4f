// Bearer application tokens for the management API. A setup-session token (or anything else
// that is not a stored application token) never gets through here.
import type { MiddlewareHandler } from "hono";
import { ApiError } from "../http-error.ts";
import type { Store, Workspace } from "../store/types.ts";
import { hashToken } from "./tokens.ts";

export interface AppAuth {
  tokenId: string;
  organizationId: string;
  /** null: the token opens every workspace of its organization. */
  workspaceId: string | null;
}

export type AuthEnv = { Variables: { auth: AppAuth } };

export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  return match?.[1];
}

export async function authenticateApplication(store: Store, header: string | undefined): Promise<AppAuth> {
  if (!header) {
    throw new ApiError(401, "Missing application token", [
      { field: null, message: "Send `Authorization: Bearer <application token>`", error_code: "unauthorized" },
    ]);
  }
  const token = bearerToken(header);
  const record = token ? await store.findTokenByHash(hashToken(token)) : undefined;
  if (!record) {
    throw new ApiError(401, "Invalid application token", [
      { field: null, message: "The token is unknown, revoked, or not an application token", error_code: "unauthorized" },
    ]);
  }
  return { tokenId: record.id, organizationId: record.organizationId, workspaceId: record.workspaceId };
}

/** Sets c.var.auth or answers 401. */
export function applicationAuth(options: { store: Store }): MiddlewareHandler<AuthEnv> {
  return async function applicationAuthMiddleware(c, next) {
    c.set("auth", await authenticateApplication(options.store, c.req.header("authorization")));
    await next();
  };
}

export function forbidden(message: string): ApiError {
  return new ApiError(403, message, [{ field: null, message, error_code: "forbidden" }]);
}

export function assertWorkspaceAccess(auth: AppAuth, workspace: Workspace): void {
  if (workspace.organizationId !== auth.organizationId) {
    throw forbidden("This token belongs to another organization");
  }
  if (auth.workspaceId !== null && auth.workspaceId !== workspace.id) {
    // Without the workspace's name: a token of one workspace learns nothing of another's.
    throw forbidden("This token is limited to another workspace");
  }
}

export function assertOrganizationWide(auth: AppAuth, action: string): void {
  if (auth.workspaceId !== null) throw forbidden(`A workspace-scoped token cannot ${action}`);
}

function notFound(message: string, field: string | null): ApiError {
  return new ApiError(404, message, [{ field, message, error_code: "not_found" }]);
}

/** A given workspace_id / workspace_name; one that is not a string is named as such, not "required". */
function workspaceRef(ref: { workspace_id?: unknown; workspace_name?: unknown }, key: "workspace_id" | "workspace_name"): string | undefined {
  const value = ref[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") {
    throw new ApiError(422, `${key} must be a string`, [{ field: key, message: `${key} must be a string`, error_code: "invalid_type" }]);
  }
  return value;
}

/**
 * The workspace a request names (workspace_id or workspace_name), checked against the token.
 * With neither, a workspace-scoped token means its own workspace; an organization token must say.
 */
export async function resolveWorkspace(
  store: Store,
  auth: AppAuth,
  ref: { workspace_id?: unknown; workspace_name?: unknown },
): Promise<Workspace> {
  const id = workspaceRef(ref, "workspace_id");
  const name = workspaceRef(ref, "workspace_name");
  let workspace: Workspace | undefined;
  if (id) {
    workspace = await store.getWorkspace(id);
    if (!workspace) throw notFound(`Unknown workspace id "${id}"`, "workspace_id");
  } else if (name) {
    workspace = await store.findWorkspaceByName(auth.organizationId, name);
    if (!workspace) throw notFound(`Unknown workspace "${name}"`, "workspace_name");
  } else if (auth.workspaceId) {
    workspace = await store.getWorkspace(auth.workspaceId);
    if (!workspace) throw notFound("The token's workspace no longer exists", null);
  } else {
    throw new ApiError(422, "workspace_name or workspace_id is required", [
      { field: "workspace_name", message: "Name the workspace (workspace_name) or give its id (workspace_id)", error_code: "required" },
    ]);
  }
  assertWorkspaceAccess(auth, workspace);
  return workspace;
}

/** Loads a record that belongs to a workspace and checks the token may see it; 404 / 403 otherwise. */
export async function authorizeInWorkspace<T extends { workspaceId: string }>(
  store: Store,
  auth: AppAuth,
  record: T | undefined,
  what: string,
  id: string,
): Promise<T> {
  if (!record) throw notFound(`Unknown ${what} "${id}"`, null);
  const workspace = await store.getWorkspace(record.workspaceId);
  if (!workspace) throw notFound(`Unknown ${what} "${id}"`, null);
  assertWorkspaceAccess(auth, workspace);
  return record;
}
