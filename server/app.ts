// The HTTP edge: every route module mounted on one Hono app, and the single place where errors
// become the envelope { message, errors }. No stack trace ever leaves the process.
import { Hono } from "hono";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppDeps } from "./deps.ts";
import { ApiError } from "./http-error.ts";
import { applicationAuth, type AuthEnv } from "./auth/index.ts";
import { malformedJson } from "./json-body.ts";
import { pathIdGuard } from "./record-id.ts";
import { healthRoutes } from "./routes/health.ts";
import { definitionRoutes } from "./routes/definitions.ts";
import { importRoutes } from "./routes/imports.ts";
import { workspaceRoutes } from "./routes/workspaces.ts";
import { connectorRoutes } from "./routes/connectors.ts";
import { connectorExecuteRoutes } from "./routes/connector-execute.ts";
import { createDispatcher, type Dispatcher } from "../specs/index.ts";
import { connectionRoutes } from "./routes/connections.ts";
import { templateRoutes } from "./routes/templates.ts";
import { jobRoutes } from "./routes/jobs.ts";
import { JobRunner } from "./jobs/job-runner.ts";
import { setupSessionRoutes } from "./routes/setup-sessions.ts";
import { oauthRoutes } from "./oauth/routes.ts";
import { widgetAssetRoutes } from "./routes/widget-assets.ts";

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

// Setup-session endpoints below the collection (/api/v1/setup-sessions/:id/...) take the
// session token, checked by their own routes; everything else under /api/v1 takes an
// application token.
const SESSION_SCOPED = /^\/api\/v1\/setup-sessions\/[^/]+/;

function envelope(c: Context, error: ApiError): Response {
  if (error.status === 401) c.header("WWW-Authenticate", 'Bearer realm="onramp"');
  return c.json(error.toEnvelope(), error.status as ContentfulStatusCode);
}

// A RangeError comes from what a request carried (nesting past the call stack, an impossible
// date or length), so it is the caller's to fix: a 400, never a 500. json-body.ts refuses deep
// bodies before they get this far; this is the net under every other path.
const OUT_OF_RANGE = "The request could not be processed: a value in it is out of range or nested too deeply";

export function toApiError(error: unknown): ApiError | undefined {
  if (error instanceof ApiError) return error;
  if (error instanceof SyntaxError) return malformedJson("The body is not valid JSON");
  if (error instanceof RangeError) return new ApiError(400, OUT_OF_RANGE, [{ field: null, message: OUT_OF_RANGE, error_code: "invalid_input" }]);
  if (error instanceof HTTPException) {
    const message = error.message || (error.status === 401 ? "Unauthorized" : "Request failed");
    return new ApiError(error.status, message, [{ field: null, message, error_code: `http_${error.status}` }]);
  }
  return undefined;
}

export interface AppOptions {
  jobs?: JobRunner;
  /** The execute readers; the built-in ones unless a test registers its own (specs/execute). */
  dispatcher?: Dispatcher;
  /** Deadline of one execute (default 30 s). */
  executeTimeoutMs?: number;
}

export function createApp(deps: AppDeps, options: AppOptions = {}): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const jobs = options.jobs ?? new JobRunner({ log: deps.log });
  const maxBodyBytes = deps.config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  app.onError((error, c) => {
    const known = toApiError(error);
    // Where it was thrown is logged (a RangeError may still be a server bug), not its message,
    // which may quote a value of the request.
    if (error instanceof RangeError) {
      deps.log.warn("Request refused: a value out of range", { method: c.req.method, path: c.req.path, frames: error.stack?.split("\n").slice(1, 6).join("\n") });
    }
    if (known) return envelope(c, known);
    deps.log.error("Unhandled error", { method: c.req.method, path: c.req.path, error: (error as Error)?.message, stack: (error as Error)?.stack });
    return envelope(c, new ApiError(500, "Internal server error", [{ field: null, message: "Something went wrong on the server", error_code: "internal" }]));
  });

  app.notFound((c) =>
    envelope(c, new ApiError(404, `No route for ${c.req.method} ${c.req.path}`, [{ field: null, message: "Not found", error_code: "not_found" }])),
  );

  // Path only: a query string may carry a session token (the widget's ws URL).
  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    deps.log.debug("request", { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) });
  });

  app.use("*", pathIdGuard());

  const tooLarge = () => {
    throw new ApiError(413, `The request body is larger than ${maxBodyBytes} bytes`, [
      { field: null, message: "Body too large", error_code: "payload_too_large" },
    ]);
  };
  const streamedBodyLimit = bodyLimit({ maxSize: maxBodyBytes, onError: tooLarge });
  app.use("*", async (c, next) => {
    // hono's bodyLimit reads c.req.raw.body, which makes @hono/node-server build a whole web
    // Request and stream for every request (a GET's too) and read the body through it. With a
    // Content-Length (and no chunking) the header decides, as bodyLimit itself does then, and the
    // body is read on the server's direct path; only a chunked body is counted as it streams.
    if (c.req.header("transfer-encoding") === undefined) {
      const length = c.req.header("content-length");
      if (length !== undefined) return Number.parseInt(length, 10) > maxBodyBytes ? tooLarge() : next();
      if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    }
    return streamedBodyLimit(c, next);
  });

  const requireApplicationToken = applicationAuth({ store: deps.store });
  app.use("/api/v1/*", async (c, next) => {
    if (SESSION_SCOPED.test(c.req.path)) return next();
    return requireApplicationToken(c, next);
  });

  app.route("/", healthRoutes(deps));
  app.route("/", importRoutes(deps));
  app.route("/", definitionRoutes(deps));
  app.route("/", workspaceRoutes(deps));
  const dispatcher = options.dispatcher ?? createDispatcher();
  app.route("/", connectorRoutes(deps, { jobs, dispatcher }));
  app.route("/", connectorExecuteRoutes(deps, { dispatcher, executeTimeoutMs: options.executeTimeoutMs }));
  app.route("/", connectionRoutes(deps));
  app.route("/", templateRoutes(deps));
  app.route("/", jobRoutes(deps));
  app.route("/", setupSessionRoutes(deps) as unknown as Hono<AuthEnv>);
  app.route("/", oauthRoutes(deps) as unknown as Hono<AuthEnv>);
  app.route("/", widgetAssetRoutes(deps) as unknown as Hono<AuthEnv>);
  return app;
}
