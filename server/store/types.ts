// The storage interface every route, the session layer and the agent's checkpointer go through.
// lowdb files by default (per workspace / per session files), Postgres when DATABASE_URL is set.
// Routes never touch a file or a table directly.
import type { ImportDraft } from "../../specs/import/types.ts";
import type { FormDocument, SessionStatus, TranscriptEntry, FieldAsk, TestResultEvent } from "../../agent/protocol.ts";

export interface Workspace {
  id: string;
  name: string;
  organizationId: string;
  created_at: string;
}

export interface ApiTokenRecord {
  id: string;
  /** sha-256 of the token; the token itself is never stored. */
  hash: string;
  organizationId: string;
  /** null: the token opens every workspace of its organization. */
  workspaceId: string | null;
  name: string;
  created_at: string;
}

export interface ConnectorRecord {
  id: string;
  workspaceId: string;
  definitionId: string;
  kind: "source" | "destination";
  name: string;
  /** The config with every secret field holding the mask; the ids sit in `secretRefs`. */
  configuration: Record<string, unknown>;
  /** JSON pointer → secret id. */
  secretRefs: Record<string, string>;
  sourceTemplateId: string | null;
  /** Streams selected for replication (a source template's selection carries over); absent = none. */
  streams?: string[];
  created_at: string;
  updated_at: string;
}

export interface ConnectionRecord {
  id: string;
  workspaceId: string;
  name: string;
  sourceId: string;
  destinationId: string;
  streams: string[];
  /**
   * The schema the destination writes into: chosen when the connection is created (default from
   * the source's name) and fixed from then on, as Fivetran's flow has it. Absent on older records.
   */
  destinationSchema?: string;
  created_at: string;
  updated_at: string;
}

export interface SourceTemplateRecord {
  id: string;
  organizationId: string;
  name: string;
  definitionId: string;
  defaultConfig: Record<string, unknown>;
  streams: string[];
  created_at: string;
}

export interface JobRecord {
  id: string;
  kind: "connector.delete";
  workspaceId: string;
  targetId: string;
  status: "pending" | "running" | "succeeded" | "failed";
  error: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionRecord {
  id: string;
  workspaceId: string;
  /** sha-256 of the session token. */
  tokenHash: string;
  expiresAt: string;
  allowedOrigin: string | null;
  /** The connector being modified, when opened on one. */
  connectorId: string | null;
  status: SessionStatus;
  form: FormDocument;
  pending: FieldAsk | null;
  secretMode: { path: string } | null;
  oauthPending: { path: string; startUrl: string; unavailable?: string } | null;
  transcript: TranscriptEntry[];
  lastTest: TestResultEvent | null;
  view: "agent" | "form";
  /** JSON pointer → form version that last changed it ("" = the whole form), for edit conflicts. */
  pathVersions?: Record<string, number>;
  created_at: string;
  updated_at: string;
}

export interface OAuthStateRecord {
  /** The opaque `state` value sent to the provider. */
  state: string;
  sessionId: string;
  path: string;
  codeVerifier: string;
  redirectUri: string;
  expiresAt: string;
  /**
   * Set once the callback redeemed the state: the record is then kept (verifier wiped) until it
   * expires, so that a replay of it can be told apart from an unknown state and bound to its
   * session, and so that a callback still exchanging the code can see a cancel remove it.
   */
  usedAt?: string;
}

/** OAuth client credentials the server holds for a definition (per workspace, or org-wide). */
export interface OAuthClientRecord {
  id: string;
  definitionId: string;
  workspaceId: string | null;
  /**
   * The organization the client belongs to. An organization-wide client (workspaceId null) is
   * handed only to workspaces of this organization; an organization-wide record without it
   * (written before the field existed) is handed to no one until it is configured again.
   */
  organizationId: string;
  clientId: string;
  /** Secret id of the client secret in the secret store. */
  clientSecretRef: string | null;
  created_at: string;
}

/** An API description being turned into a connector (specs/import): its draft, and once published its manifest. */
export interface ImportRecord {
  id: string;
  workspaceId: string;
  status: "draft" | "published";
  draft: ImportDraft;
  /** Where the document came from: a URL, or "upload". */
  source: string;
  /** Set by publishing: the catalog definition and the manifest it runs. */
  definitionId: string | null;
  definitionName: string | null;
  manifest: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}

export interface Store {
  init(): Promise<void>;
  close(): Promise<void>;

  putWorkspace(workspace: Workspace): Promise<void>;
  getWorkspace(id: string): Promise<Workspace | undefined>;
  findWorkspaceByName(organizationId: string, name: string): Promise<Workspace | undefined>;
  listWorkspaces(organizationId: string): Promise<Workspace[]>;
  deleteWorkspace(id: string): Promise<void>;

  putToken(token: ApiTokenRecord): Promise<void>;
  findTokenByHash(hash: string): Promise<ApiTokenRecord | undefined>;
  listTokens(): Promise<ApiTokenRecord[]>;

  putConnector(connector: ConnectorRecord): Promise<void>;
  getConnector(id: string): Promise<ConnectorRecord | undefined>;
  listConnectors(filter: { workspaceId: string; definitionId?: string }): Promise<ConnectorRecord[]>;
  deleteConnector(id: string): Promise<void>;

  putConnection(connection: ConnectionRecord): Promise<void>;
  getConnection(id: string): Promise<ConnectionRecord | undefined>;
  listConnections(filter: { workspaceId: string; connectorId?: string }): Promise<ConnectionRecord[]>;
  deleteConnection(id: string): Promise<void>;

  putTemplate(template: SourceTemplateRecord): Promise<void>;
  getTemplate(id: string): Promise<SourceTemplateRecord | undefined>;
  listTemplates(organizationId: string): Promise<SourceTemplateRecord[]>;

  putJob(job: JobRecord): Promise<void>;
  getJob(id: string): Promise<JobRecord | undefined>;
  /** Jobs still pending or running (a crash interrupted them): resumed at start. Optional. */
  listUnfinishedJobs?(): Promise<JobRecord[]>;

  putImport(record: ImportRecord): Promise<void>;
  getImport(id: string): Promise<ImportRecord | undefined>;
  /** Every import (all workspaces without a filter): published ones rejoin the catalog at start. */
  listImports(filter?: { workspaceId?: string }): Promise<ImportRecord[]>;

  putSession(session: SessionRecord): Promise<void>;
  getSession(id: string): Promise<SessionRecord | undefined>;
  deleteSession(id: string): Promise<void>;
  /** Ids of the sessions whose `expiresAt` is before `before` (ISO time): for the sweep. */
  listSessionsExpiredBefore(before: string): Promise<string[]>;

  /** LangGraph checkpoints: only the latest per thread is kept. `data` is opaque JSON. */
  getCheckpoint(threadId: string): Promise<unknown | undefined>;
  putCheckpoint(threadId: string, data: unknown): Promise<void>;
  deleteCheckpoint(threadId: string): Promise<void>;

  putOAuthState(record: OAuthStateRecord): Promise<void>;
  /** Returns and deletes the record: a state is single-use. */
  takeOAuthState(state: string): Promise<OAuthStateRecord | undefined>;
  /** Deletes every state of a session, used ones included: its flow was cancelled or ended. */
  dropOAuthStates(sessionId: string): Promise<void>;

  putOAuthClient(record: OAuthClientRecord): Promise<void>;
  /**
   * The workspace's own client, else the organization-wide client of `organizationId` (the
   * workspace's organization). With workspaceId null: only the organization-wide one. Another
   * organization's organization-wide client is never returned.
   */
  findOAuthClient(definitionId: string, workspaceId: string | null, organizationId: string): Promise<OAuthClientRecord | undefined>;
}
