// Shared by the store tests: one contract, run against every Store implementation.
import { expect } from "vitest";
import type { ConnectorRecord, SessionRecord, Store } from "./types.ts";

export function sessionRecord(id: string, workspaceId = "ws_1"): SessionRecord {
  const now = new Date().toISOString();
  return {
    id,
    workspaceId,
    tokenHash: "hash-" + id,
    expiresAt: now,
    allowedOrigin: null,
    connectorId: null,
    status: "active",
    form: { version: 0, definitionId: null, name: "", values: {}, secrets: {}, status: {} },
    pending: null,
    secretMode: null,
    oauthPending: null,
    transcript: [],
    lastTest: null,
    view: "agent",
    created_at: now,
    updated_at: now,
  };
}

function connector(id: string, workspaceId: string, definitionId = "def-a"): ConnectorRecord {
  const now = new Date().toISOString();
  return { id, workspaceId, definitionId, kind: "source", name: id, configuration: {}, secretRefs: {}, sourceTemplateId: null, created_at: now, updated_at: now };
}

/** The Store contract every implementation must pass (memory, lowdb, Postgres). */
export async function exerciseStore(store: Store) {
  await store.init();
  await store.putWorkspace({ id: "ws_1", name: "default", organizationId: "org", created_at: "2024-01-01T00:00:00Z" });
  await store.putWorkspace({ id: "ws_2", name: "other", organizationId: "org", created_at: "2024-01-02T00:00:00Z" });
  expect((await store.findWorkspaceByName("org", "other"))?.id).toBe("ws_2");
  expect(await store.findWorkspaceByName("org2", "other")).toBeUndefined();
  expect((await store.listWorkspaces("org")).map((w) => w.name)).toEqual(["default", "other"]);

  await store.putConnector(connector("src_1", "ws_1"));
  await store.putConnector(connector("src_2", "ws_1", "def-b"));
  await store.putConnector(connector("src_3", "ws_2"));
  expect((await store.listConnectors({ workspaceId: "ws_1" })).map((c) => c.id).sort()).toEqual(["src_1", "src_2"]);
  expect((await store.listConnectors({ workspaceId: "ws_1", definitionId: "def-b" })).map((c) => c.id)).toEqual(["src_2"]);

  // A returned record is a copy: mutating it does not change the store.
  const fetched = (await store.getConnector("src_1"))!;
  fetched.name = "changed";
  expect((await store.getConnector("src_1"))!.name).toBe("src_1");

  await store.putConnection({ id: "cxn_1", workspaceId: "ws_1", name: "a", sourceId: "src_1", destinationId: "dst_1", streams: [], created_at: "x", updated_at: "x" });
  expect(await store.listConnections({ workspaceId: "ws_1", connectorId: "dst_1" })).toHaveLength(1);
  expect(await store.listConnections({ workspaceId: "ws_1", connectorId: "src_2" })).toHaveLength(0);

  await store.putSession(sessionRecord("ses_1"));
  expect((await store.getSession("ses_1"))?.tokenHash).toBe("hash-ses_1");
  await store.deleteSession("ses_1");
  expect(await store.getSession("ses_1")).toBeUndefined();
  await store.putSession({ ...sessionRecord("ses_old"), expiresAt: "2020-01-01T00:00:00.000Z" });
  await store.putSession({ ...sessionRecord("ses/odd id"), expiresAt: "2021-01-01T00:00:00.000Z" });
  await store.putSession({ ...sessionRecord("ses_live"), expiresAt: "2999-01-01T00:00:00.000Z" });
  expect((await store.listSessionsExpiredBefore("2024-01-01T00:00:00.000Z")).sort()).toEqual(["ses/odd id", "ses_old"]);
  for (const id of ["ses_old", "ses/odd id", "ses_live"]) await store.deleteSession(id);

  await store.putCheckpoint("thread/with:odd chars", { step: 3 });
  expect(await store.getCheckpoint("thread/with:odd chars")).toEqual({ step: 3 });
  await store.putCheckpoint("thread/with:odd chars", { step: 4 });
  expect(await store.getCheckpoint("thread/with:odd chars")).toEqual({ step: 4 });
  await store.deleteCheckpoint("thread/with:odd chars");
  expect(await store.getCheckpoint("thread/with:odd chars")).toBeUndefined();

  await store.putOAuthState({ state: "st", sessionId: "ses_1", path: "/p", codeVerifier: "v", redirectUri: "r", expiresAt: "e" });
  expect((await store.takeOAuthState("st"))?.sessionId).toBe("ses_1");
  expect(await store.takeOAuthState("st")).toBeUndefined();

  // Dropping a session's states removes all of them, used ones too; another session's stay.
  const state = (name: string, sessionId: string) => ({ state: name, sessionId, path: "/p", codeVerifier: "v", redirectUri: "r", expiresAt: "e" });
  await store.putOAuthState(state("st_a1", "ses_a"));
  await store.putOAuthState(state("st_a2", "ses_a"));
  await store.putOAuthState({ ...state("st_a3", "ses_a"), codeVerifier: "", usedAt: "2024-01-01T00:00:00Z" });
  await store.putOAuthState(state("st_b1", "ses_b"));
  await store.dropOAuthStates("ses_a");
  expect(await store.takeOAuthState("st_a1")).toBeUndefined();
  expect(await store.takeOAuthState("st_a2")).toBeUndefined();
  expect(await store.takeOAuthState("st_a3")).toBeUndefined();
  expect((await store.takeOAuthState("st_b1"))?.sessionId).toBe("ses_b");
  await store.dropOAuthStates("ses_without_states");
  // A state put again after a drop (a used record kept) is found, and dropped again.
  await store.putOAuthState({ ...state("st_a4", "ses_a"), usedAt: "2024-01-01T00:00:00Z" });
  expect((await store.takeOAuthState("st_a4"))?.usedAt).toBe("2024-01-01T00:00:00Z");
  await store.putOAuthState(state("st_a5", "ses_a"));
  await store.dropOAuthStates("ses_a");
  expect(await store.takeOAuthState("st_a5")).toBeUndefined();

  await store.putWorkspace({ id: "ws_x", name: "x", organizationId: "org_x", created_at: "2024-01-03T00:00:00Z" });
  await store.putOAuthClient({ id: "oc1", definitionId: "d", workspaceId: null, organizationId: "org", clientId: "org-wide", clientSecretRef: null, created_at: "x" });
  await store.putOAuthClient({ id: "oc2", definitionId: "d", workspaceId: "ws_1", organizationId: "org", clientId: "own", clientSecretRef: null, created_at: "x" });
  expect((await store.findOAuthClient("d", "ws_1", "org"))?.clientId).toBe("own");
  expect((await store.findOAuthClient("d", "ws_2", "org"))?.clientId).toBe("org-wide");
  expect((await store.findOAuthClient("d", null, "org"))?.clientId).toBe("org-wide");
  // Another organization's workspace does not get this organization's organization-wide client.
  expect(await store.findOAuthClient("d", "ws_x", "org_x")).toBeUndefined();
  expect(await store.findOAuthClient("d", null, "org_x")).toBeUndefined();
  await store.putOAuthClient({ id: "oc3", definitionId: "d", workspaceId: null, organizationId: "org_x", clientId: "x-wide", clientSecretRef: null, created_at: "x" });
  expect((await store.findOAuthClient("d", "ws_x", "org_x"))?.clientId).toBe("x-wide");
  expect((await store.findOAuthClient("d", "ws_2", "org"))?.clientId).toBe("org-wide");

  await store.putToken({ id: "tok_1", hash: "h1", organizationId: "org", workspaceId: null, name: "t", created_at: "x" });
  expect((await store.findTokenByHash("h1"))?.id).toBe("tok_1");
  await store.putJob({ id: "job_1", kind: "connector.delete", workspaceId: "ws_1", targetId: "src_1", status: "pending", error: null, created_at: "x", updated_at: "x" });
  expect((await store.getJob("job_1"))?.status).toBe("pending");
  expect((await store.listUnfinishedJobs?.())?.map((job) => job.id)).toEqual(["job_1"]);
  await store.putJob({ ...(await store.getJob("job_1"))!, status: "succeeded" });
  expect(await store.listUnfinishedJobs?.()).toEqual([]);
  await store.putTemplate({ id: "tpl_1", organizationId: "org", name: "T", definitionId: "d", defaultConfig: {}, streams: [], created_at: "x" });
  expect(await store.listTemplates("org")).toHaveLength(1);

  await store.deleteConnector("src_2");
  expect(await store.getConnector("src_2")).toBeUndefined();
}

