// OAuth client credentials the server holds per definition and workspace (or organization-wide).
// The client secret lives only in the SecretStore; the record carries its id. Endpoint overrides
// let an operator point any definition at their own provider (self-hosted, or a test server).
import { randomUUID } from "node:crypto";
import type { AppDeps } from "../deps.ts";
import type { OAuthClientRecord } from "../store/types.ts";
import { SECRET_MASK } from "../../specs/types.ts";

/** Stored as part of the record (the store keeps records whole); optional so older records still load. */
export type OAuthClientConfig = OAuthClientRecord & {
  authorizeUrl?: string | null;
  tokenUrl?: string | null;
  scopes?: string[] | null;
  updated_at?: string;
};

export interface OAuthClientInput {
  clientId: string;
  /** Omitted or the mask: keep the stored secret. */
  clientSecret?: string | null;
  workspaceId: string | null;
  authorizeUrl?: string | null;
  tokenUrl?: string | null;
  scopes?: string[] | null;
}

export interface OAuthClientView {
  id: string;
  definition_id: string;
  workspace_id: string | null;
  client_id: string;
  /** The mask when a secret is stored, else null. Never the value. */
  client_secret: string | null;
  authorize_url: string | null;
  token_url: string | null;
  scopes: string[] | null;
  created_at: string;
  updated_at: string;
}

export function viewOfClient(record: OAuthClientConfig): OAuthClientView {
  return {
    id: record.id,
    definition_id: record.definitionId,
    workspace_id: record.workspaceId,
    client_id: record.clientId,
    client_secret: record.clientSecretRef ? SECRET_MASK : null,
    authorize_url: record.authorizeUrl ?? null,
    token_url: record.tokenUrl ?? null,
    scopes: record.scopes ?? null,
    created_at: record.created_at,
    updated_at: record.updated_at ?? record.created_at,
  };
}

/**
 * Creates or replaces the client of (definition, workspace), or of (definition, organization) when
 * `input.workspaceId` is null; a new secret replaces the old one.
 */
export async function putOAuthClient(
  deps: Pick<AppDeps, "store" | "secrets">,
  definitionId: string,
  input: OAuthClientInput,
  organizationId: string,
): Promise<OAuthClientConfig> {
  const found = (await deps.store.findOAuthClient(definitionId, input.workspaceId, organizationId)) as OAuthClientConfig | undefined;
  // findOAuthClient falls back to the organization-wide client; only an exact match is replaced.
  const existing = found && found.workspaceId === input.workspaceId ? found : undefined;
  const now = new Date().toISOString();
  const id = existing?.id ?? randomUUID();
  let clientSecretRef = existing?.clientSecretRef ?? null;
  const newSecret = input.clientSecret && input.clientSecret !== SECRET_MASK ? input.clientSecret : null;
  if (newSecret) {
    clientSecretRef = await deps.secrets.put(newSecret, { workspaceId: input.workspaceId ?? organizationId, owner: `oauth-client:${id}` });
    if (existing?.clientSecretRef) await deps.secrets.delete(existing.clientSecretRef);
  }
  const record: OAuthClientConfig = {
    id,
    definitionId,
    workspaceId: input.workspaceId,
    organizationId,
    clientId: input.clientId,
    clientSecretRef,
    authorizeUrl: input.authorizeUrl ?? null,
    tokenUrl: input.tokenUrl ?? null,
    scopes: input.scopes ?? null,
    created_at: existing?.created_at ?? now,
    updated_at: now,
  };
  await deps.store.putOAuthClient(record);
  return record;
}

/**
 * The client to use for a session's workspace, with its secret resolved (server-side only). The
 * workspace's organization decides which organization-wide client applies; a workspace the store
 * does not know gets only a client of its own.
 */
export async function resolveOAuthClient(
  deps: Pick<AppDeps, "store" | "secrets">,
  definitionId: string,
  workspaceId: string,
): Promise<{ record: OAuthClientConfig; clientSecret: string | undefined } | undefined> {
  const workspace = await deps.store.getWorkspace(workspaceId);
  const found = (await deps.store.findOAuthClient(definitionId, workspaceId, workspace?.organizationId ?? "")) as OAuthClientConfig | undefined;
  const record = found && (workspace || found.workspaceId === workspaceId) ? found : undefined;
  if (!record) return undefined;
  const clientSecret = record.clientSecretRef ? await deps.secrets.get(record.clientSecretRef) : undefined;
  return { record, clientSecret };
}
