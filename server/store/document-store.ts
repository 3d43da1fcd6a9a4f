// The Store over a RecordBackend (lowdb files or memory). Small, often-listed collections
// (workspaces, tokens, templates, connectors, connections, OAuth clients) are read once at init
// and kept in memory; sessions, checkpoints, jobs and OAuth states are read per key, so neither
// start-up nor a write grows with the number of sessions.
import type {
  ApiTokenRecord,
  ConnectionRecord,
  ConnectorRecord,
  ImportRecord,
  JobRecord,
  OAuthClientRecord,
  OAuthStateRecord,
  SessionRecord,
  SourceTemplateRecord,
  Store,
  Workspace,
} from "./types.ts";
import type { RecordBackend } from "./record-backend.ts";
import { KeyedQueue } from "./keyed-queue.ts";

const CACHED = ["workspaces", "tokens", "templates", "connectors", "connections", "oauth-clients"] as const;
type CachedCollection = (typeof CACHED)[number];

// A CLI run (token create, workspaces create) may write while a server holds the cache: a miss
// re-reads the small collection, at most this often, so a flood of bad tokens cannot pin the disk.
const RELOAD_AFTER_MISS_MS = 1000;

function copy<T>(value: T): T {
  return structuredClone(value);
}

export class DocumentStore implements Store {
  readonly #backend: RecordBackend;
  readonly #cache = new Map<CachedCollection, Map<string, any>>();
  readonly #lastReload = new Map<CachedCollection, number>();
  /** The backend's stamp of each cached collection as last read (see #fresh). */
  readonly #stamps = new Map<CachedCollection, string | undefined>();
  readonly #oauthQueues = new KeyedQueue<string>();
  /** Per cached collection: its re-reads and our writes, one at a time (see #exclusive). */
  readonly #collectionQueues = new KeyedQueue<CachedCollection>();
  #initialised = false;

  constructor(backend: RecordBackend) {
    this.#backend = backend;
  }

  async init(): Promise<void> {
    if (this.#initialised) return;
    await this.#backend.open?.();
    for (const collection of CACHED) await this.#load(collection);
    this.#initialised = true;
  }

  async close(): Promise<void> {
    await this.#backend.close();
  }

  /** Writes journaled records to their own files now (see lowdb-backend.ts). */
  async flush(): Promise<void> {
    await this.#backend.flush?.();
  }

  async #load(collection: CachedCollection): Promise<void> {
    // Taken before reading, so a write that lands meanwhile makes the next list read again.
    this.#stamps.set(collection, await this.#backend.stamp?.(collection));
    const records = await this.#backend.list<{ id: string }>(collection);
    this.#cache.set(collection, new Map(records.map((record) => [record.id, record])));
    this.#lastReload.set(collection, Date.now());
  }

  #map<T>(collection: CachedCollection): Map<string, T> {
    const map = this.#cache.get(collection);
    if (!map) throw new Error("Store used before init()");
    return map as Map<string, T>;
  }

  /**
   * A re-read replaces the collection's map with what the files held when it read them: a write or
   * delete of ours that landed meanwhile would be undone in memory (a deleted connection listed
   * again, forever, since the stamp then matches). So re-reads and our writes take turns.
   */
  #exclusive<T>(collection: CachedCollection, task: () => Promise<T>): Promise<T> {
    return this.#collectionQueues.run(collection, task);
  }

  #reloadAfterMiss(collection: CachedCollection): Promise<boolean> {
    return this.#exclusive(collection, async () => {
      if (Date.now() - (this.#lastReload.get(collection) ?? 0) < RELOAD_AFTER_MISS_MS) return false;
      await this.#load(collection);
      return true;
    });
  }

  async #find<T>(collection: CachedCollection, match: (record: T) => boolean): Promise<T | undefined> {
    const pick = () => [...this.#map<T>(collection).values()].find(match);
    let found = pick();
    if (!found && (await this.#reloadAfterMiss(collection))) found = pick();
    return found === undefined ? undefined : copy(found);
  }

  /**
   * Lists come from memory, but another process (the CLI, say) may have written the files since:
   * when the collection's stamp moved, it is read again, so no list is served stale.
   */
  async #fresh(collection: CachedCollection): Promise<void> {
    const stamp = this.#backend.stamp?.bind(this.#backend);
    if (!stamp) return;
    await this.#exclusive(collection, async () => {
      if ((await stamp(collection)) !== this.#stamps.get(collection)) await this.#load(collection);
    });
  }

  /** Runs one write of ours and adopts the stamp it caused, unless someone else had written first. */
  async #own(collection: CachedCollection, write: () => Promise<void>): Promise<void> {
    const before = this.#backend.stamp ? await this.#backend.stamp(collection) : undefined;
    await write();
    if (this.#backend.stamp && before === this.#stamps.get(collection)) this.#stamps.set(collection, await this.#backend.stamp(collection));
  }

  #put(collection: CachedCollection, record: { id: string }): Promise<void> {
    return this.#exclusive(collection, async () => {
      await this.#own(collection, () => this.#backend.write(collection, record.id, record));
      this.#map(collection).set(record.id, copy(record));
    });
  }

  #remove(collection: CachedCollection, id: string): Promise<void> {
    return this.#exclusive(collection, async () => {
      await this.#own(collection, () => this.#backend.remove(collection, id));
      this.#map(collection).delete(id);
    });
  }

  async #all<T>(collection: CachedCollection, match: (record: T) => boolean): Promise<T[]> {
    await this.#fresh(collection);
    return [...this.#map<T>(collection).values()]
      .filter(match)
      .map(copy)
      .sort((a: any, b: any) => String(a.created_at).localeCompare(String(b.created_at)));
  }

  // Workspaces
  putWorkspace(workspace: Workspace): Promise<void> {
    return this.#put("workspaces", workspace);
  }
  getWorkspace(id: string): Promise<Workspace | undefined> {
    return this.#find<Workspace>("workspaces", (workspace) => workspace.id === id);
  }
  findWorkspaceByName(organizationId: string, name: string): Promise<Workspace | undefined> {
    return this.#find<Workspace>(
      "workspaces",
      (workspace) => workspace.organizationId === organizationId && workspace.name === name,
    );
  }
  async listWorkspaces(organizationId: string): Promise<Workspace[]> {
    return await this.#all<Workspace>("workspaces", (workspace) => workspace.organizationId === organizationId);
  }
  deleteWorkspace(id: string): Promise<void> {
    return this.#remove("workspaces", id);
  }

  // Application tokens
  putToken(token: ApiTokenRecord): Promise<void> {
    return this.#put("tokens", token);
  }
  findTokenByHash(hash: string): Promise<ApiTokenRecord | undefined> {
    return this.#find<ApiTokenRecord>("tokens", (token) => token.hash === hash);
  }
  async listTokens(): Promise<ApiTokenRecord[]> {
    return await this.#all<ApiTokenRecord>("tokens", () => true);
  }

  // Connectors
  putConnector(connector: ConnectorRecord): Promise<void> {
    return this.#put("connectors", connector);
  }
  async getConnector(id: string): Promise<ConnectorRecord | undefined> {
    const found = this.#map<ConnectorRecord>("connectors").get(id);
    return found ? copy(found) : undefined;
  }
  async listConnectors(filter: { workspaceId: string; definitionId?: string }): Promise<ConnectorRecord[]> {
    return await this.#all<ConnectorRecord>(
      "connectors",
      (connector) =>
        connector.workspaceId === filter.workspaceId &&
        (filter.definitionId === undefined || connector.definitionId === filter.definitionId),
    );
  }
  deleteConnector(id: string): Promise<void> {
    return this.#remove("connectors", id);
  }

  // Connections
  putConnection(connection: ConnectionRecord): Promise<void> {
    return this.#put("connections", connection);
  }
  async getConnection(id: string): Promise<ConnectionRecord | undefined> {
    const found = this.#map<ConnectionRecord>("connections").get(id);
    return found ? copy(found) : undefined;
  }
  async listConnections(filter: { workspaceId: string; connectorId?: string }): Promise<ConnectionRecord[]> {
    return await this.#all<ConnectionRecord>(
      "connections",
      (connection) =>
        connection.workspaceId === filter.workspaceId &&
        (filter.connectorId === undefined ||
          connection.sourceId === filter.connectorId ||
          connection.destinationId === filter.connectorId),
    );
  }
  deleteConnection(id: string): Promise<void> {
    return this.#remove("connections", id);
  }

  // Source templates
  putTemplate(template: SourceTemplateRecord): Promise<void> {
    return this.#put("templates", template);
  }
  async getTemplate(id: string): Promise<SourceTemplateRecord | undefined> {
    const found = this.#map<SourceTemplateRecord>("templates").get(id);
    return found ? copy(found) : undefined;
  }
  async listTemplates(organizationId: string): Promise<SourceTemplateRecord[]> {
    return await this.#all<SourceTemplateRecord>("templates", (template) => template.organizationId === organizationId);
  }

  // Imports: one file each (a draft holds a whole description's guesses), read per key.
  putImport(record: ImportRecord): Promise<void> {
    return this.#backend.write("imports", record.id, record);
  }
  getImport(id: string): Promise<ImportRecord | undefined> {
    return this.#backend.read<ImportRecord>("imports", id);
  }
  async listImports(filter: { workspaceId?: string } = {}): Promise<ImportRecord[]> {
    const records = await this.#backend.list<ImportRecord>("imports");
    return records.filter((record) => !filter.workspaceId || record.workspaceId === filter.workspaceId).sort((a, b) => a.created_at.localeCompare(b.created_at));
  }

  // Jobs, sessions, checkpoints, OAuth states: one file each, read per key.
  putJob(job: JobRecord): Promise<void> {
    return this.#backend.write("jobs", job.id, job);
  }
  getJob(id: string): Promise<JobRecord | undefined> {
    return this.#backend.read<JobRecord>("jobs", id);
  }
  async listUnfinishedJobs(): Promise<JobRecord[]> {
    const jobs = await this.#backend.list<JobRecord>("jobs");
    return jobs.filter((job) => job.status === "pending" || job.status === "running");
  }

  putSession(session: SessionRecord): Promise<void> {
    return this.#backend.write("sessions", session.id, session);
  }
  getSession(id: string): Promise<SessionRecord | undefined> {
    return this.#backend.read<SessionRecord>("sessions", id);
  }
  deleteSession(id: string): Promise<void> {
    return this.#backend.remove("sessions", id);
  }
  async listSessionsExpiredBefore(before: string): Promise<string[]> {
    // One file at a time: the sweep's memory does not grow with the number of sessions.
    const cutoff = Date.parse(before);
    const expired: string[] = [];
    for (const id of await this.#backend.ids("sessions")) {
      const session = await this.#backend.read<SessionRecord>("sessions", id).catch(() => undefined);
      if (session && Date.parse(session.expiresAt) < cutoff) expired.push(id);
    }
    return expired;
  }

  async getCheckpoint(threadId: string): Promise<unknown | undefined> {
    const record = await this.#backend.read<{ threadId: string; data: unknown }>("checkpoints", threadId);
    return record?.data;
  }
  putCheckpoint(threadId: string, data: unknown): Promise<void> {
    return this.#backend.write("checkpoints", threadId, { threadId, data });
  }
  deleteCheckpoint(threadId: string): Promise<void> {
    return this.#backend.remove("checkpoints", threadId);
  }

  // OAuth states are read and written per key like sessions. Operations on one state, and on one
  // session's list of states, run one after another: two callbacks racing on a state cannot both
  // take it, and two starts of one session cannot lose each other's entry in its list.
  #serial<T>(key: string, task: () => Promise<T>): Promise<T> {
    return this.#oauthQueues.run(key, task);
  }


  async putOAuthState(record: OAuthStateRecord): Promise<void> {
    await this.#serial(`state:${record.state}`, () => this.#backend.write("oauth-states", record.state, record));
    // The session's list of states, so a cancel can find them without reading every state.
    await this.#serial(`session:${record.sessionId}`, async () => {
      const index = await this.#backend.read<{ sessionId: string; states: string[] }>("oauth-session-states", record.sessionId);
      const states = index?.states ?? [];
      if (!states.includes(record.state)) {
        await this.#backend.write("oauth-session-states", record.sessionId, { sessionId: record.sessionId, states: [...states, record.state] });
      }
    });
  }
  takeOAuthState(state: string): Promise<OAuthStateRecord | undefined> {
    return this.#serial(`state:${state}`, async () => {
      const record = await this.#backend.read<OAuthStateRecord>("oauth-states", state);
      if (!record) return undefined;
      await this.#backend.remove("oauth-states", state);
      return record;
    });
  }
  dropOAuthStates(sessionId: string): Promise<void> {
    return this.#serial(`session:${sessionId}`, async () => {
      const index = await this.#backend.read<{ sessionId: string; states: string[] }>("oauth-session-states", sessionId);
      for (const state of index?.states ?? []) {
        await this.#serial(`state:${state}`, () => this.#backend.remove("oauth-states", state));
      }
      if (index) await this.#backend.remove("oauth-session-states", sessionId);
    });
  }

  putOAuthClient(record: OAuthClientRecord): Promise<void> {
    return this.#put("oauth-clients", record);
  }
  async findOAuthClient(definitionId: string, workspaceId: string | null, organizationId: string): Promise<OAuthClientRecord | undefined> {
    const clients = [...this.#map<OAuthClientRecord>("oauth-clients").values()].filter(
      (client) => client.definitionId === definitionId,
    );
    // A workspace's own client wins over its organization's organization-wide one; another
    // organization's organization-wide client is never handed out.
    const found =
      (workspaceId !== null ? clients.find((client) => client.workspaceId === workspaceId) : undefined) ??
      clients.find((client) => client.workspaceId === null && client.organizationId === organizationId);
    return found ? copy(found) : undefined;
  }
}
