// A small client of the setup-session API for tests and the benchmark: the REST twin and the ws,
// recording every event it received so leak tests can search them.
import WebSocket from "ws";
import type { ClientEvent, ServerEvent } from "../../../agent/protocol.ts";

export interface CreatedSessionBody {
  session_id: string;
  session_token: string;
  expires_at: string;
}

export async function createSession(
  baseUrl: string,
  apiToken: string,
  body: Record<string, unknown>,
): Promise<CreatedSessionBody> {
  const response = await fetch(`${baseUrl}/api/v1/setup-sessions`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiToken}`, "content-type": "application/json" },
    body: JSON.stringify({ workspace_name: "default", ...body }),
  });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`create session: ${response.status} ${text}`);
  return JSON.parse(text) as CreatedSessionBody;
}

export interface RestAnswer {
  status: number;
  body: any;
}

export class RestSession {
  /** Every response body received, verbatim. */
  readonly received: string[] = [];
  constructor(
    readonly baseUrl: string,
    readonly sessionId: string,
    readonly token: string,
  ) {}

  async call(method: string, suffix: string, body?: unknown): Promise<RestAnswer> {
    const response = await fetch(`${this.baseUrl}/api/v1/setup-sessions/${this.sessionId}${suffix}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    this.received.push(text);
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }

  async events(method: string, suffix: string, body?: unknown): Promise<ServerEvent[]> {
    const answer = await this.call(method, suffix, body);
    if (answer.status !== 200) throw new Error(`${method} ${suffix}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.events as ServerEvent[];
  }

  say(text: string) {
    return this.events("POST", "/messages", { text });
  }
  secret(path: string, value: string) {
    return this.events("POST", "/secrets", { path, value });
  }
  snapshot() {
    return this.call("GET", "");
  }
}

export class WsSession {
  readonly events: ServerEvent[] = [];
  /** Every frame received, verbatim. */
  readonly frames: string[] = [];
  #cursor = 0;
  #waiters: Array<{ predicate: (event: ServerEvent) => boolean; resolve: (event: ServerEvent) => void; from: number }> = [];

  private constructor(readonly socket: WebSocket) {
    socket.on("message", (data) => {
      const text = data.toString();
      this.frames.push(text);
      const event = JSON.parse(text) as ServerEvent;
      this.events.push(event);
      const index = this.events.length - 1;
      this.#waiters = this.#waiters.filter((waiter) => {
        if (index >= waiter.from && waiter.predicate(event)) {
          waiter.resolve(event);
          return false;
        }
        return true;
      });
    });
  }

  static open(wsUrl: string, sessionId: string, token: string, headers: Record<string, string> = {}): Promise<WsSession> {
    const socket = new WebSocket(`${wsUrl}/api/v1/setup-sessions/${sessionId}/ws?token=${encodeURIComponent(token)}`, { headers });
    const session = new WsSession(socket);
    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(session));
      socket.once("error", reject);
      socket.once("unexpected-response", (_request, response) => reject(new Error(`ws upgrade refused: ${response.statusCode}`)));
    });
  }

  send(event: ClientEvent | Record<string, unknown>): void {
    this.socket.send(JSON.stringify(event));
  }

  /**
   * The first event matching the predicate at or after `from`; by default after the event the
   * previous `next` returned, so waits in sequence never miss events that arrived in one burst.
   */
  next(predicate: (event: ServerEvent) => boolean, timeoutMs = 15_000, from = this.#cursor): Promise<ServerEvent> {
    for (let index = from; index < this.events.length; index++) {
      if (predicate(this.events[index]!)) {
        this.#cursor = index + 1;
        return Promise.resolve(this.events[index]!);
      }
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for an event; got ${this.events.map((event) => event.type).join(", ")}`)), timeoutMs);
      this.#waiters.push({
        predicate,
        from,
        resolve: (event) => {
          clearTimeout(timer);
          this.#cursor = this.events.lastIndexOf(event) + 1;
          resolve(event);
        },
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.readyState === WebSocket.CLOSED) return resolve();
      this.socket.once("close", () => resolve());
      this.socket.close();
    });
  }
}
