// Setup sessions over HTTP: creation (application token) and the session's own endpoints (the
// session token only, never an application token: a widget holds nothing but its session token,
// and a backend that wants to drive a session asks for one). Every POST/PATCH answers
// { events }: what the action caused, ending with the agent's next question.
import { Hono, type Context, type MiddlewareHandler } from "hono";
import { upgradeWebSocket } from "@hono/node-server";
import type { ClientEvent, ServerEvent, SessionSnapshot } from "../../agent/protocol.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../http-error.ts";
import { authenticateApplication, bearerToken, resolveWorkspace, type AppAuth } from "../auth/index.ts";
import { isCallerOnly, snapshotEvent } from "../sessions/index.ts";
import type { LiveSessionManager } from "../sessions/index.ts";
import type { SessionRecord } from "../store/types.ts";
import { TEXT_LIMITS, invalidField, optionalString, parseJsonText, readJsonObject } from "../json-body.ts";
import { findDefinition } from "../connectors/connector-config.ts";

type SessionEnv = { Variables: { session: SessionRecord; auth?: AppAuth } };

const CALLER_ERROR_STATUS: Record<string, number> = {
  conflict: 409,
  session_closed: 409,
  session_expired: 401,
  no_definition: 409,
  invalid_event: 422,
  message_too_long: 422,
  invalid_name: 422,
  secret_required: 422,
  invalid_path: 422,
  invalid_op: 422,
  not_secret_field: 422,
};

function allowedOrigins(deps: AppDeps, c: Context, record: SessionRecord): string[] {
  const origins = [new URL(c.req.url).origin];
  try {
    origins.push(new URL(deps.config.publicUrl).origin);
  } catch {
    // A malformed public URL only means no extra same-origin entry.
  }
  if (record.allowedOrigin) origins.push(record.allowedOrigin.replace(/\/+$/, ""));
  return origins;
}

function setCors(c: Context, origin: string): void {
  c.header("Access-Control-Allow-Origin", origin);
  c.header("Vary", "Origin");
  c.header("Access-Control-Allow-Headers", "authorization, content-type");
  c.header("Access-Control-Allow-Methods", "GET, POST, PATCH, OPTIONS");
  c.header("Access-Control-Max-Age", "600");
}

function checkOrigin(deps: AppDeps, c: Context, record: SessionRecord): void {
  const origin = c.req.header("origin");
  if (!origin) return;
  // Allowed or not, the page may read the answer: a refusal it cannot read looks like a network
  // failure, and the widget would retry for nothing instead of saying what is wrong.
  setCors(c, origin);
  if (!allowedOrigins(deps, c, record).includes(origin)) {
    const message = record.allowedOrigin
      ? `This setup session may only be embedded on ${record.allowedOrigin} (its allowed_origin), not on ${origin}.`
      : `This setup session has no allowed_origin, so only the Onramp server's own pages may open it, not ${origin}. Create the session with "allowed_origin": "${origin}" to embed it there.`;
    throw new ApiError(403, message, [{ field: "allowed_origin", message, error_code: "forbidden_origin" }]);
  }
}

/** Answers the events, or the envelope when the action was refused (a conflict is a 409). */
function answer(c: Context, events: ServerEvent[]): Response {
  const refused = events.find((event) => event.type === "error" && isCallerOnly(event));
  if (refused && refused.type === "error") {
    const status = CALLER_ERROR_STATUS[refused.code] ?? 400;
    throw new ApiError(status, refused.message, [
      { field: refused.field ?? null, message: refused.message, error_code: refused.code },
    ]);
  }
  return c.json({ events });
}

function resolveDefinitionId(deps: AppDeps, body: Record<string, unknown>): { definitionId: string | null; connectorId: string | null } {
  const definitionId = optionalString(body, "definition_id");
  const connectorType = optionalString(body, "connector_type");
  const connectorId = optionalString(body, "connector_id");
  const given = [definitionId, connectorType, connectorId].filter((value) => value !== undefined);
  if (given.length > 1) {
    throw invalidField("definition_id", "Give only one of definition_id, connector_type or connector_id", "conflicting_fields");
  }
  if (connectorType !== undefined) {
    const definition = findDefinition(deps.catalog, connectorType);
    if (!definition) {
      throw new ApiError(404, `Unknown connector_type "${connectorType}"`, [
        { field: "connector_type", message: "No connector definition has that name", error_code: "not_found" },
      ]);
    }
    return { definitionId: definition.id, connectorId: null };
  }
  return { definitionId: definitionId ?? null, connectorId: connectorId ?? null };
}

export function setupSessionRoutes(deps: AppDeps): Hono {
  const app = new Hono<SessionEnv>();
  const sessions = deps.sessions;
  const live = sessions as Partial<LiveSessionManager>;

  app.post("/api/v1/setup-sessions", async (c) => {
    // app.ts has authenticated the application token already; mounted alone, this route does it.
    const auth = c.get("auth") ?? (await authenticateApplication(deps.store, c.req.header("authorization")));
    const body = await readJsonObject(c);
    const workspace = await resolveWorkspace(deps.store, auth, body);
    const { definitionId, connectorId } = resolveDefinitionId(deps, body);
    const allowedOrigin = optionalString(body, "allowed_origin", TEXT_LIMITS.url);
    if (allowedOrigin !== undefined && !/^https?:\/\/[^/\s]+\/?$/.test(allowedOrigin)) {
      throw invalidField("allowed_origin", "allowed_origin must be an origin such as https://app.example.com", "invalid_format");
    }
    const created = await sessions.create({
      workspaceId: workspace.id,
      definitionId,
      connectorId,
      allowedOrigin: allowedOrigin ? allowedOrigin.replace(/\/+$/, "") : null,
    });
    return c.json(created, 201);
  });

  // Preflight carries no token. For a known session it lets any origin through to the request
  // itself, which the session's allowed_origin then decides with an answer the page can read.
  app.on("OPTIONS", ["/api/v1/setup-sessions/:id", "/api/v1/setup-sessions/:id/*"], async (c) => {
    const record = await deps.store.getSession(c.req.param("id") ?? "");
    const origin = c.req.header("origin");
    if (!record || !origin) {
      const message = origin ? `Origin ${origin} may not open this setup session` : "A preflight request needs an Origin header";
      throw new ApiError(403, message, [{ field: null, message, error_code: "forbidden_origin" }]);
    }
    setCors(c, origin);
    return c.body(null, 204);
  });

  const sessionAuth = (options: { queryToken: boolean }): MiddlewareHandler<SessionEnv> =>
    async function sessionAuthMiddleware(c, next) {
      const token =
        bearerToken(c.req.header("authorization")) ?? (options.queryToken ? c.req.query("token") : undefined);
      if (!token) {
        throw new ApiError(401, "Missing session token", [
          { field: null, message: "Send `Authorization: Bearer <session token>`", error_code: "unauthorized" },
        ]);
      }
      const record = await sessions.authenticate(c.req.param("id") ?? "", token);
      checkOrigin(deps, c, record);
      c.set("session", record);
      await next();
    };
  const rest = sessionAuth({ queryToken: false });

  app.get("/api/v1/setup-sessions/:id", rest, async (c) => c.json(await sessions.snapshot(c.req.param("id"))));

  app.get("/api/v1/setup-sessions/:id/config", rest, async (c) => {
    const snapshot: SessionSnapshot = await sessions.snapshot(c.req.param("id"));
    return c.json({ name: snapshot.form.name, definition: snapshot.definition, config: snapshot.form.values });
  });

  const dispatchBody = (build: (body: Record<string, unknown>) => unknown, optionalBody = false) =>
    async (c: Context<SessionEnv>) => {
      const body = await readJsonObject(c, { optional: optionalBody });
      const events = await sessions.dispatch(c.req.param("id") ?? "", build(body) as ClientEvent);
      return answer(c, events);
    };

  app.post("/api/v1/setup-sessions/:id/messages", rest, dispatchBody((body) => ({ type: "user.message", text: body.text })));
  app.post(
    "/api/v1/setup-sessions/:id/secrets",
    rest,
    dispatchBody((body) => ({ type: "secret.submit", path: body.path, value: body.value })),
  );
  app.post(
    "/api/v1/setup-sessions/:id/secret-cancel",
    rest,
    dispatchBody((body) => ({ type: "secret.cancel", ...(body.path !== undefined ? { path: body.path } : {}) }), true),
  );
  app.patch(
    "/api/v1/setup-sessions/:id/form",
    rest,
    dispatchBody((body) => ({ type: "form.patch", base_version: body.base_version, ops: body.ops ?? [], ...(body.name !== undefined ? { name: body.name } : {}) })),
  );
  app.post("/api/v1/setup-sessions/:id/test", rest, dispatchBody(() => ({ type: "test.request" }), true));
  // REST twins of the widget's Cancel buttons, for a view whose socket is down (or curl).
  app.post(
    "/api/v1/setup-sessions/:id/oauth-cancel",
    rest,
    dispatchBody((body) => ({ type: "oauth.cancel", ...(body.path !== undefined ? { path: body.path } : {}) }), true),
  );
  app.post("/api/v1/setup-sessions/:id/cancel", rest, dispatchBody(() => ({ type: "session.cancel" }), true));

  app.get(
    "/api/v1/setup-sessions/:id/ws",
    // Browsers cannot set headers on a WebSocket: the token may come as ?token=.
    sessionAuth({ queryToken: true }),
    upgradeWebSocket((c) => {
      const sessionId = c.req.param("id") ?? "";
      let unsubscribe: (() => void) | undefined;
      let closed = false;
      return {
        async onOpen(_event, ws) {
          // A turn sends several events (the message echoed, the reply, the next question): the
          // socket is corked until the tick ends so they leave in one write, not a syscall each.
          // Streamed deltas still leave every tick. (ws keeps its net.Socket as `_socket`.)
          const socket = (ws.raw as { _socket?: { cork(): void; uncork(): void; writableCorked?: number } } | undefined)?._socket;
          let corked = false;
          const send = (event: ServerEvent) => {
            if (ws.readyState !== 1) return;
            if (socket && !corked) {
              corked = true;
              socket.cork();
              setImmediate(() => {
                corked = false;
                socket.uncork();
              });
            }
            ws.send(JSON.stringify(event));
          };
          try {
            if (live.attach) {
              const attached = await live.attach(sessionId, send);
              unsubscribe = attached.unsubscribe;
              send(snapshotEvent(attached.snapshot));
            } else {
              unsubscribe = sessions.subscribe(sessionId, send);
              send(snapshotEvent(await sessions.snapshot(sessionId)));
            }
            if (closed) unsubscribe();
          } catch (error) {
            deps.log.warn("setup session ws open failed", { sessionId, error: String(error) });
            ws.close(1011, "session unavailable");
          }
        },
        async onMessage(event, ws) {
          let parsed: unknown;
          // Events are JSON text; a binary frame is refused, never decoded (ws itself closes a
          // text frame that is not UTF-8 with 1007, and one over the body limit with 1009).
          if (typeof event.data !== "string") {
            if (ws.readyState === 1) ws.send(JSON.stringify({ type: "error", code: "invalid_event", message: "Send events as JSON text frames, not binary ones" }));
            return;
          }
          try {
            // The REST body's rules (valid JSON, not nested too deeply) hold on the ws too.
            parsed = parseJsonText(event.data);
          } catch (error) {
            const message = error instanceof ApiError ? error.message : "Messages must be JSON";
            ws.send(JSON.stringify({ type: "error", code: "invalid_event", message }));
            return;
          }
          try {
            const events = await sessions.dispatch(sessionId, parsed as ClientEvent);
            // Broadcast events reach this socket through the subscription; refusals only here.
            for (const caused of events) if (isCallerOnly(caused) && ws.readyState === 1) ws.send(JSON.stringify(caused));
          } catch (error) {
            const message = error instanceof ApiError ? error.message : "The server could not handle that message";
            if (!(error instanceof ApiError)) deps.log.error("setup session ws dispatch failed", { sessionId, error: String(error) });
            if (ws.readyState === 1) ws.send(JSON.stringify({ type: "error", code: "server_error", message }));
          }
        },
        onClose() {
          closed = true;
          unsubscribe?.();
        },
      };
    }),
  );

  return app as unknown as Hono;
}
