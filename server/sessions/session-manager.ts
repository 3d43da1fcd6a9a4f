// The live-session layer: creates and authenticates setup sessions, serialises every action on a
// session, screens chat for pasted secrets before the agent sees anything, keeps the form
// document, and fans events out to every view (in-process, and over Redis across replicas).
import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { PROTOCOL_VERSION, type FormOp, type ServerEvent, type SessionSnapshot } from "../../agent/protocol.ts";
import type { AgentInput } from "../../agent/session-port.ts";
import type { Logger } from "../deps.ts";
import { ApiError } from "../http-error.ts";
import { hashToken } from "../auth/tokens.ts";
import type { SessionRecord } from "../store/types.ts";
import { checkClientEvent } from "./client-event-schema.ts";
import { createEventBus } from "./event-bus.ts";
import { callerError, handleClientEvent } from "./client-event-handler.ts";
import { emptyForm, leafPaths } from "./form-document.ts";
import { suggestConnectorName } from "../connectors/connector-names.ts";
import { inOfferScope, oauthOffered, oauthUnavailableMessage, offerCatalog } from "./oauth-offer.ts";
import { createKeyedMutex } from "./keyed-mutex.ts";
import { createReplicaLock } from "./replica-lock.ts";
import { deleteSessionData, type SweepOptions } from "./session-sweeper.ts";
import { createSessionPort, patchSessionForm, putSessionSecret, type SessionAction, type SessionServices } from "./session-port.ts";
import { buildSnapshot, normaliseEvent, trackEvent } from "./session-state.ts";
import type { CreateSessionInput, CreatedSession, SessionAgent, SessionManager } from "./types.ts";

export interface SessionManagerOptions extends SessionServices {
  log: Logger;
  agent: SessionAgent;
}

function sessionNotFound(sessionId: string): ApiError {
  return new ApiError(404, `Setup session ${sessionId} not found`, [
    { field: "session_id", message: "No such setup session", error_code: "not_found" },
  ]);
}

function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface LiveSessionManager extends SessionManager {
  /** Resolves once cross-replica fan-out (Redis) is subscribed; at once without Redis. */
  ready(): Promise<void>;
  /**
   * Takes a snapshot and subscribes in one step between two actions, so a view that connects
   * while an action runs neither misses nor repeats any event of it.
   */
  attach(sessionId: string, listener: (event: ServerEvent) => void): Promise<{ snapshot: SessionSnapshot; unsubscribe: () => void }>;
}

export function createSessionManager(options: SessionManagerOptions): LiveSessionManager {
  const { config, store, secrets, log, agent } = options;
  // Every look-up in an action answers for the session's workspace: OAuth only where a client exists.
  const catalog = offerCatalog(options.catalog);
  const services: SessionServices = { config, store, secrets, catalog };
  /** Runs `task` in the OAuth-offer scope of the session's workspace and definition. */
  const scoped = <T>(record: SessionRecord, task: () => Promise<T>): Promise<T> =>
    inOfferScope(store, record.workspaceId, record.form.definitionId ? options.catalog.get(record.form.definitionId) : undefined, task);
  const mutex = createKeyedMutex();
  const bus = createEventBus({ redisUrl: config.redisUrl, log });
  const redis = bus.redis();
  const replicaLock = redis ? createReplicaLock(redis) : undefined;

  // One replica owns its sessions' records between actions, so it keeps the latest of each in
  // memory (bounded) and skips a read per action. With Redis, other replicas write the same
  // sessions: every action then reads the store.
  const cache = config.redisUrl ? undefined : new Map<string, SessionRecord>();
  const CACHE_LIMIT = 5000;

  function remember(record: SessionRecord): void {
    if (!cache) return;
    cache.delete(record.id);
    // An ended session is rarely read again: it is not kept in memory (the memory suite's finding:
    // thousands of ended sessions otherwise stay cached up to the limit).
    if (record.status !== "active") return;
    cache.set(record.id, record);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  }

  async function read(sessionId: string): Promise<SessionRecord | undefined> {
    const cached = cache?.get(sessionId);
    if (cached) return cached;
    const record = await store.getSession(sessionId);
    if (record) remember(record);
    return record;
  }

  async function save(record: SessionRecord): Promise<void> {
    await store.putSession(record);
    remember(record);
  }

  async function load(sessionId: string): Promise<SessionRecord> {
    const record = await read(sessionId);
    if (!record) throw sessionNotFound(sessionId);
    // The action works on a copy until it is saved. Only the form is deep-copied: the other
    // fields are replaced, never mutated, except the append-only transcript (its entries are not).
    return {
      ...record,
      form: structuredClone(record.form),
      transcript: record.transcript.slice(),
      pathVersions: { ...(record.pathVersions ?? {}) },
    };
  }

  /** Runs a task under the session's lock (this process's, and every replica's with Redis). */
  function exclusive<T>(sessionId: string, task: () => Promise<T>): Promise<T> {
    return mutex.run(sessionId, () => (replicaLock ? replicaLock.run(sessionId, task) : task()));
  }

  /** Runs one action under the session's lock; saves the record; returns the events it caused. */
  function act(sessionId: string, task: (action: SessionAction) => Promise<void>): Promise<ServerEvent[]> {
    return exclusive(sessionId, () => perform(sessionId, task));
  }

  async function perform(sessionId: string, task: (action: SessionAction) => Promise<void>): Promise<ServerEvent[]> {
    const loaded = await load(sessionId);
    return scoped(loaded, async () => {
      const record = loaded;
      const action: SessionAction = {
        record,
        events: [],
        emit(emitted) {
          const { event: normalised, jsonType } = normaliseEvent(emitted);
          const event = withOAuthAvailability(normalised, action.record);
          trackEvent(action.record, event, catalog, jsonType);
          action.events.push(event);
          bus.publish(sessionId, event);
        },
      };
      try {
        await task(action);
      } finally {
        action.record.updated_at = new Date().toISOString();
        // The record first, then the agent's checkpoint (agent/deferred-checkpoints.ts): a crash
        // between them leaves the agent behind the record, and it replays the input.
        try {
          await save(action.record);
        } catch (error) {
          agent.discard?.(sessionId);
          throw error;
        }
        await agent.commit?.(sessionId);
      }
      return action.events;
    });
  }

  /** An oauth.request whose popup could not work says why instead (see oauth-offer.ts). */
  function withOAuthAvailability(event: ServerEvent, record: SessionRecord): ServerEvent {
    if (event.type !== "oauth.request" || !record.form.definitionId) return event;
    const definition = options.catalog.get(record.form.definitionId);
    if (!definition || oauthOffered(definition.id)) return event;
    return { ...event, unavailable: oauthUnavailableMessage(definition) };
  }

  async function runAgent(action: SessionAction, input: AgentInput): Promise<void> {
    try {
      await agent.run(createSessionPort(action, services), input);
    } catch (error) {
      // Only the error's class and message are logged: inputs never carry secret values.
      log.error("setup agent failed", { sessionId: action.record.id, input: input.kind, error: String(error) });
      action.emit({
        type: "error",
        code: "agent_failed",
        message: "The assistant ran into a problem with that step. Your answers are kept; please try again.",
      });
    }
  }

  return {
    async create(input: CreateSessionInput): Promise<CreatedSession> {
      const connector = input.connectorId ? await store.getConnector(input.connectorId) : undefined;
      if (input.connectorId && (!connector || connector.workspaceId !== input.workspaceId)) {
        throw new ApiError(404, `Connector ${input.connectorId} not found`, [
          { field: "connector_id", message: "No such connector in this workspace", error_code: "not_found" },
        ]);
      }
      const definitionId = connector?.definitionId ?? input.definitionId;
      const definition = definitionId ? catalog.get(definitionId) : undefined;
      if (definitionId && !definition) {
        throw new ApiError(404, `Definition ${definitionId} not found`, [
          { field: "definition_id", message: "No such connector definition", error_code: "not_found" },
        ]);
      }
      // The token names its session (oss_<session id>.<secret>), so a widget given only the
      // token finds its session; only the hash of the whole token is stored.
      const id = randomUUID();
      const token = `oss_${id}.${randomBytes(32).toString("base64url")}`;
      const now = new Date();
      const expiresAt = new Date(now.getTime() + config.sessionTtlSeconds * 1000).toISOString();
      const form = connector
        ? {
            ...emptyForm(definition, 0, connector.name),
            values: structuredClone(connector.configuration),
            secrets: { ...connector.secretRefs },
            status: Object.fromEntries(leafPaths(connector.configuration).map((path) => [path, "filled" as const])),
          }
        : emptyForm(definition, 0, definition ? await suggestConnectorName(store, input.workspaceId, definition.displayName) : undefined);
      const record: SessionRecord = {
        id,
        workspaceId: input.workspaceId,
        tokenHash: hashToken(token),
        expiresAt,
        allowedOrigin: input.allowedOrigin,
        connectorId: connector?.id ?? null,
        status: "active",
        form,
        pending: null,
        secretMode: null,
        oauthPending: null,
        transcript: [],
        lastTest: null,
        view: "agent",
        pathVersions: {},
        created_at: now.toISOString(),
        updated_at: now.toISOString(),
      };
      await save(record);
      // The first question is ready before any view connects, so a snapshot already shows it.
      await act(record.id, (action) => runAgent(action, { kind: "start" }));
      return { session_id: record.id, session_token: token, expires_at: expiresAt };
    },

    async authenticate(sessionId, token) {
      const record = await read(sessionId);
      if (!record) throw sessionNotFound(sessionId);
      if (!token || !sameHash(hashToken(token), record.tokenHash)) {
        throw new ApiError(401, "Invalid session token for this setup session", [
          { field: null, message: "The session token does not open this session", error_code: "invalid_token" },
        ]);
      }
      if (Date.parse(record.expiresAt) <= Date.now()) {
        throw new ApiError(401, `This setup session expired at ${record.expiresAt}; create a new session`, [
          { field: null, message: "Session expired", error_code: "session_expired" },
        ]);
      }
      return record;
    },

    snapshot(sessionId): Promise<SessionSnapshot> {
      // Behind the session's lock: a view that just heard an event (session.cancelled, say) and
      // asks for the snapshot sees the state that event came from, not the one before it.
      return mutex.run(sessionId, async () => {
        const record = await load(sessionId);
        return scoped(record, async () => buildSnapshot(record, catalog));
      });
    },

    async dispatch(sessionId, event) {
      const check = checkClientEvent(event);
      if (!check.ok) return [callerError(check.code ?? "invalid_event", check.message, check.field)];
      const reply: ServerEvent[] = [];
      const events = await act(sessionId, (action) => handleClientEvent(action, check.event, reply, { services, runAgent }));
      return [...reply, ...events];
    },

    input(sessionId, input) {
      return act(sessionId, async (action) => {
        if (input.kind === "oauth.completed" || input.kind === "oauth.failed") action.record.oauthPending = null;
        // Every view hears the popup's outcome (the widget closes its OAuth panel on it).
        if (input.kind === "oauth.completed") action.emit({ type: "oauth.completed", path: input.path });
        if (input.kind === "oauth.failed") action.emit({ type: "oauth.failed", path: input.path, reason: input.reason, message: input.message });
        await runAgent(action, input);
      });
    },

    async storeSecret(sessionId, path, value, by) {
      await act(sessionId, (action) => putSessionSecret(action, path, value, by, services));
    },

    async storeOutputs(sessionId, outputs, by, options = {}) {
      let stored = false;
      await act(sessionId, async (action) => {
        const { record } = action;
        if (options.whileWaitingFor !== undefined && !(record.status === "active" && record.oauthPending?.path === options.whileWaitingFor)) return;
        stored = true;
        const plain: FormOp[] = outputs.filter((output) => !output.secret).map((output) => ({ op: "set", path: output.path, value: output.value }));
        if (plain.length > 0) await patchSessionForm(action, plain, by, services);
        for (const output of outputs.filter((item) => item.secret)) {
          await putSessionSecret(action, output.path, output.value, by, services);
        }
      });
      return stored;
    },

    subscribe: (sessionId, listener) => bus.subscribe(sessionId, listener),

    ready: () => bus.ready(),

    attach(sessionId, listener) {
      return mutex.run(sessionId, async () => {
        const record = await load(sessionId);
        const snapshot = await scoped(record, async () => buildSnapshot(record, catalog));
        return { snapshot, unsubscribe: bus.subscribe(sessionId, listener) };
      });
    },

    async sweepExpired({ graceMs, now = Date.now() }: SweepOptions): Promise<number> {
      const expired = await store.listSessionsExpiredBefore(new Date(now - graceMs).toISOString());
      for (const sessionId of expired) {
        await exclusive(sessionId, async () => {
          await deleteSessionData({ store, secrets, agent }, sessionId);
          cache?.delete(sessionId);
        });
      }
      return expired.length;
    },

    async close() {
      await bus.close();
      await agent.close?.();
    },
  };
}

/** The snapshot event a view receives when it connects. */
export function snapshotEvent(session: SessionSnapshot): ServerEvent {
  return { type: "session.snapshot", protocol: PROTOCOL_VERSION, session };
}
