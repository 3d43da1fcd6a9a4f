// The widget's line to its setup session: a WebSocket with reconnect and backoff, the REST twin
// when the socket keeps failing, and a snapshot re-fetch after every reconnect so nothing is lost.
// It stops for good when the session endpoints refuse the token (401/403/404: retrying cannot
// help) or when nothing answers after UNREACHABLE_AFTER attempts (a refused request without CORS
// headers looks exactly like a network failure to a page, so that case ends here too).
// Only the session token travels here, never an application token.
import type { ClientEvent, ServerEvent, SessionSnapshot } from "../agent/protocol.ts";
import type { ConnectionStatus } from "./state.ts";

export interface TransportOptions {
  server: string;
  sessionId: string;
  token: string;
  onEvent(event: ServerEvent): void;
  onStatus(status: ConnectionStatus): void;
  /** A queued user message actually left (so the view can move it into the transcript). */
  onSent?(event: ClientEvent): void;
  /** The transport gave up: the link is bad or expired, or the server cannot be reached. */
  onProblem?(problem: SessionProblem): void;
}

export interface SessionProblem {
  /** session_expired (401) | session_forbidden (403) | session_not_found (404) | unreachable */
  code: string;
  message: string;
  /** The HTTP status when the server said why. */
  status?: number;
}

export interface SessionTransport {
  start(): void;
  /** Sends now when possible, else queues; returns false when the event was queued. */
  send(event: ClientEvent): boolean;
  refresh(): Promise<void>;
  fetchConfig(): Promise<unknown>;
  /** Starts over after an "unreachable" problem (the person pressed Try again). */
  retry(): void;
  close(): void;
}

const RETRY_LIMIT_BEFORE_REST = 3;
const MAX_BACKOFF_MS = 10_000;
/** Attempts in a row where neither the socket nor the snapshot answered before giving up (~25 s). */
export const UNREACHABLE_AFTER = 6;

const REFUSED: Record<number, string> = { 401: "session_expired", 403: "session_forbidden", 404: "session_not_found" };

/** A refusal that no retry can fix, from a failed REST call; null for anything worth retrying. */
export function refusalOf(error: unknown): SessionProblem | null {
  const status = (error as { status?: number } | null)?.status;
  const code = status === undefined ? undefined : REFUSED[status];
  return code ? { code, status, message: (error as Error).message } : null;
}

/** The REST twin of a client event, for when the socket is down (view.switch has none). */
export function restRoute(event: ClientEvent): { method: string; path: string; body?: unknown } | null {
  switch (event.type) {
    case "user.message":
      return { method: "POST", path: "/messages", body: { text: event.text } };
    case "secret.submit":
      return { method: "POST", path: "/secrets", body: { path: event.path, value: event.value } };
    case "secret.cancel":
      return { method: "POST", path: "/secret-cancel", body: { path: event.path } };
    case "form.patch":
      return { method: "PATCH", path: "/form", body: { base_version: event.base_version, ops: event.ops } };
    case "test.request":
      return { method: "POST", path: "/test", body: {} };
    case "oauth.cancel":
      return { method: "POST", path: "/oauth-cancel", body: { path: event.path } };
    case "session.cancel":
      return { method: "POST", path: "/cancel", body: {} };
    default:
      return null;
  }
}

export function createTransport(options: TransportOptions): SessionTransport {
  const base = options.server.replace(/\/$/, "") + `/api/v1/setup-sessions/${encodeURIComponent(options.sessionId)}`;
  const headers = { authorization: `Bearer ${options.token}`, "content-type": "application/json" };
  let socket: WebSocket | null = null;
  let failures = 0;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let snapshotSinceOpen = false;
  let unanswered = 0;
  let disposed = false;
  const queue: ClientEvent[] = [];

  function giveUp(problem: SessionProblem) {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    const ws = socket;
    socket = null;
    ws?.close();
    options.onProblem?.(problem);
  }

  async function rest(method: string, path: string, body?: unknown): Promise<any> {
    const response = await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const payload = await response.json().catch(() => ({}));
    if (!response.ok) {
      const message = payload?.message ?? `Request failed (${response.status})`;
      throw Object.assign(new Error(message), { status: response.status, payload });
    }
    return payload;
  }

  async function refresh(): Promise<void> {
    const session = (await rest("GET", "")) as SessionSnapshot & { session?: SessionSnapshot };
    // Accept either the bare snapshot or one wrapped as { session }.
    options.onEvent({ type: "session.snapshot", protocol: 1, session: session.session ?? session });
  }

  async function sendRest(event: ClientEvent): Promise<void> {
    const route = restRoute(event);
    if (!route) {
      // Only view.switch has no REST twin: it is a hint for the server, nothing is lost without it.
      return;
    }
    try {
      const payload = await rest(route.method, route.path, route.body);
      for (const serverEvent of (payload?.events ?? []) as ServerEvent[]) options.onEvent(serverEvent);
    } catch (error: any) {
      // The envelope's first item says what was refused and where (a too-long message: /text).
      const item = error?.payload?.errors?.[0];
      const code = error?.status === 409 ? "conflict" : item?.error_code ?? "request_failed";
      options.onEvent({ type: "error", code, message: error.message, ...(typeof item?.field === "string" ? { field: item.field } : {}) });
    }
  }

  function flush() {
    while (queue.length > 0 && socket?.readyState === WebSocket.OPEN) {
      const event = queue.shift()!;
      socket.send(JSON.stringify(event));
      options.onSent?.(event);
    }
  }

  function connect() {
    if (closed) return;
    options.onStatus(failures === 0 ? "connecting" : "reconnecting");
    const url = base.replace(/^http/, "ws") + `/ws?token=${encodeURIComponent(options.token)}`;
    let ws: WebSocket;
    try {
      ws = new WebSocket(url);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = ws;
    snapshotSinceOpen = false;
    ws.onopen = () => {
      failures = 0;
      unanswered = 0;
      options.onStatus("open");
      // The server may greet with a snapshot; when it does not, fetch one so a reconnect loses nothing.
      setTimeout(() => {
        if (!snapshotSinceOpen && socket === ws && !closed) refresh().catch(() => undefined).finally(flush);
        else flush();
      }, 300);
    };
    ws.onmessage = (message) => {
      let event: ServerEvent;
      try {
        event = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (event.type === "session.snapshot") snapshotSinceOpen = true;
      options.onEvent(event);
      // The session ran out while this socket was open; a reconnect would only be refused.
      if (event.type === "error" && event.code === "session_expired") giveUp({ code: "session_expired", message: event.message });
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      probeThenReconnect();
    };
    ws.onerror = () => ws.close();
  }

  // A browser never shows a page why a WebSocket upgrade failed, so ask the snapshot endpoint: it
  // says 401/403/404 when the link is the problem, and re-syncs the state when it is not.
  function probeThenReconnect() {
    if (closed) return;
    refresh().then(
      () => {
        unanswered = 0;
        scheduleReconnect();
      },
      (error) => {
        const refusal = refusalOf(error);
        if (refusal) return giveUp(refusal);
        unanswered += 1;
        if (unanswered >= UNREACHABLE_AFTER) {
          return giveUp({ code: "unreachable", message: `No answer from ${options.server} after ${unanswered} attempts`, status: error?.status });
        }
        scheduleReconnect();
      },
    );
  }

  function scheduleReconnect() {
    if (closed) return;
    failures += 1;
    options.onStatus(failures >= RETRY_LIMIT_BEFORE_REST ? "offline" : "reconnecting");
    if (failures >= RETRY_LIMIT_BEFORE_REST) {
      // The socket keeps failing: deliver what waits over REST rather than holding it hostage.
      const pending = queue.splice(0, queue.length);
      (async () => {
        for (const event of pending) {
          options.onSent?.(event);
          await sendRest(event);
        }
      })();
    }
    const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(failures, 6)) * (0.75 + Math.random() * 0.5);
    timer = setTimeout(connect, delay);
  }

  function start() {
    refresh().catch((error) => {
      const refusal = refusalOf(error);
      if (refusal) giveUp(refusal);
      // Another HTTP failure is worth showing; a network failure is the socket loop's to retry.
      else if (error?.status !== undefined) options.onEvent({ type: "error", code: "snapshot_failed", message: error.message });
    });
    connect();
  }

  return {
    start,
    retry() {
      if (!closed || disposed) return;
      closed = false;
      failures = 0;
      unanswered = 0;
      start();
    },
    send(event) {
      if (socket?.readyState === WebSocket.OPEN && queue.length === 0) {
        socket.send(JSON.stringify(event));
        return true;
      }
      if (failures >= RETRY_LIMIT_BEFORE_REST) {
        void sendRest(event);
        return true;
      }
      if (event.type === "view.switch") return true;
      queue.push(event);
      return false;
    },
    refresh,
    fetchConfig: () => rest("GET", "/config"),
    close() {
      closed = true;
      disposed = true;
      clearTimeout(timer);
      socket?.close();
      socket = null;
    },
  };
}
