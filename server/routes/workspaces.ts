// Workspaces: POST/GET /api/v1/workspaces, GET/DELETE /api/v1/workspaces/:idOrName
import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../http-error.ts";
import { assertOrganizationWide, assertWorkspaceAccess, newId, type AppAuth, type AuthEnv } from "../auth/index.ts";
import type { Store, Workspace } from "../store/types.ts";
import { invalidField, readJsonObject, requiredString } from "../json-body.ts";
import { workspaceView } from "./serializers.ts";
import { createKeyedMutex } from "../sessions/keyed-mutex.ts";

const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}$/;

export async function workspaceByIdOrName(store: Store, auth: AppAuth, idOrName: string): Promise<Workspace> {
  const workspace = (await store.getWorkspace(idOrName)) ?? (await store.findWorkspaceByName(auth.organizationId, idOrName));
  if (!workspace) {
    throw new ApiError(404, `Unknown workspace "${idOrName}"`, [{ field: "workspace", message: "Not found", error_code: "not_found" }]);
  }
  assertWorkspaceAccess(auth, workspace);
  return workspace;
}

function nameTaken(name: string): ApiError {
  return new ApiError(409, `A workspace named "${name}" already exists`, [{ field: "name", message: "Already exists", error_code: "conflict" }]);
}

// Postgres's unique index on (organization, name) answers a race between replicas.
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "23505";
}

// The name check and the write are two steps: creates of one name run one after the other, so two
// at once give one workspace and one 409 (in this process; the index above covers replicas).
const creatingName = createKeyedMutex();

export async function createWorkspace(store: Store, organizationId: string, name: string): Promise<Workspace> {
  if (!WORKSPACE_NAME.test(name)) {
    throw invalidField("name", "A workspace name is 1-100 letters, digits, spaces, '_', '.' or '-', starting with a letter or digit", "pattern");
  }
  return creatingName.run(`${organizationId}/${name}`, async () => {
    if (await store.findWorkspaceByName(organizationId, name)) throw nameTaken(name);
    const workspace: Workspace = { id: newId("ws"), name, organizationId, created_at: new Date().toISOString() };
    try {
      await store.putWorkspace(workspace);
    } catch (error) {
      if (isUniqueViolation(error)) throw nameTaken(name);
      throw error;
    }
    return workspace;
  });
}

/** Deletes a workspace with no connectors left (409 otherwise), and any connection still in it. */
export async function deleteWorkspace(store: Store, workspace: Workspace): Promise<void> {
  const connectors = await store.listConnectors({ workspaceId: workspace.id });
  if (connectors.length > 0) {
    throw new ApiError(409, `Workspace "${workspace.name}" still has ${connectors.length} connector(s); delete them first`, [
      { field: "workspace", message: "Not empty", error_code: "conflict" },
    ]);
  }
  for (const connection of await store.listConnections({ workspaceId: workspace.id })) await store.deleteConnection(connection.id);
  await store.deleteWorkspace(workspace.id);
}

export function workspaceRoutes(deps: AppDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { store } = deps;

  app.post("/api/v1/workspaces", async (c) => {
    const auth = c.get("auth");
    assertOrganizationWide(auth, "create workspaces");
    const body = await readJsonObject(c);
    const workspace = await createWorkspace(store, auth.organizationId, requiredString(body, "name"));
    return c.json(workspaceView(workspace), 201);
  });

  app.get("/api/v1/workspaces", async (c) => {
    const auth = c.get("auth");
    const workspaces = (await store.listWorkspaces(auth.organizationId)).filter(
      (workspace) => auth.workspaceId === null || workspace.id === auth.workspaceId,
    );
    return c.json({ data: workspaces.map(workspaceView) });
  });

  app.get("/api/v1/workspaces/:workspace", async (c) => {
    const workspace = await workspaceByIdOrName(store, c.get("auth"), c.req.param("workspace"));
    return c.json(workspaceView(workspace));
  });

  app.delete("/api/v1/workspaces/:workspace", async (c) => {
    const auth = c.get("auth");
    assertOrganizationWide(auth, "delete workspaces");
    await deleteWorkspace(store, await workspaceByIdOrName(store, auth, c.req.param("workspace")));
    return c.body(null, 204);
  });

  return app;
}
