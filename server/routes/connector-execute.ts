// POST /api/v1/integrations/connectors/:id/execute { entity, action, params: { limit, cursor } }
// → { data, next_cursor }, and GET .../connectors/:id/entities → { data: [{ name, actions, ... }] }.
// Bodies are checked with the one Ajv instance before anything is read; nothing is ever written.
import { Hono } from "hono";
import type { ErrorObject } from "ajv";
import { MAX_CURSOR_LENGTH, ajv, createDispatcher, type Dispatcher } from "../../specs/index.ts";
import type { AppDeps } from "../deps.ts";
import { authorizeInWorkspace, type AuthEnv } from "../auth/index.ts";
import { ApiError, type ErrorItem } from "../http-error.ts";
import { readJsonObject } from "../json-body.ts";
import { savedDefinition } from "../connectors/connector-config.ts";
import { SUPPORTED_ACTIONS, connectorEntities, executeList } from "../connectors/execute-connector.ts";

export interface ConnectorExecuteOptions {
  /** The execute readers (specs/execute); the built-in ones unless a test brings its own. */
  dispatcher?: Dispatcher;
  /** Deadline of one execute or entity listing; default the dispatcher's (30 s). */
  executeTimeoutMs?: number;
}

interface ExecuteBody {
  entity: string;
  action: string;
  params?: { limit?: number; cursor?: string | null };
}

const validateBody = ajv.compile<ExecuteBody>({
  type: "object",
  required: ["entity", "action"],
  additionalProperties: false,
  properties: {
    entity: { type: "string", minLength: 1, maxLength: 1000 },
    action: { type: "string", minLength: 1, maxLength: 100 },
    params: {
      type: "object",
      additionalProperties: false,
      properties: {
        // Above the cap is not an error: the answer is capped and next_cursor continues.
        limit: { type: "integer", minimum: 1 },
        cursor: { type: ["string", "null"], maxLength: MAX_CURSOR_LENGTH },
      },
    },
  },
});

/** An Ajv error about the body as an envelope item: the field as a dotted name, in plain words. */
function bodyError(error: ErrorObject): ErrorItem {
  const segments = error.instancePath.split("/").filter(Boolean);
  if (error.keyword === "required") segments.push(String(error.params.missingProperty));
  if (error.keyword === "additionalProperties") segments.push(String(error.params.additionalProperty));
  const field = segments.join(".") || null;
  const name = field ?? "The body";
  const params = error.params as Record<string, any>;
  const words: Record<string, string> = {
    required: `${name} is required`,
    additionalProperties: `${name} is not a field of an execute request (entity, action, params: { limit, cursor })`,
    type: `${name} must be ${params.type === "integer" ? "a whole number" : Array.isArray(params.type) ? params.type.join(" or ") : `a ${params.type}`}`,
    minimum: `${name} must be at least ${params.limit}`,
    minLength: `${name} must not be empty`,
    maxLength: `${name} must be at most ${params.limit} characters long`,
  };
  return { field, message: words[error.keyword] ?? `${name} ${error.message}`, error_code: error.keyword };
}

function readBody(body: Record<string, unknown>): ExecuteBody {
  if (!validateBody(body)) {
    const items = (validateBody.errors ?? []).map(bodyError);
    throw new ApiError(422, `Invalid execute request: ${items[0]?.message ?? "the body does not match"}`, items);
  }
  if (!(SUPPORTED_ACTIONS as readonly string[]).includes(body.action)) {
    const message = `Unsupported action "${body.action}"; supported actions: ${SUPPORTED_ACTIONS.join(", ")}`;
    throw new ApiError(422, message, [{ field: "action", message, error_code: "action_not_supported" }]);
  }
  return body;
}

export function connectorExecuteRoutes(deps: AppDeps, options: ConnectorExecuteOptions = {}): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const base = "/api/v1/integrations/connectors";
  const dispatcher = options.dispatcher ?? createDispatcher();

  const load = async (auth: AuthEnv["Variables"]["auth"], id: string) => {
    const connector = await authorizeInWorkspace(deps.store, auth, await deps.store.getConnector(id), "connector", id);
    return { connector, definition: savedDefinition(deps.catalog, connector) };
  };

  app.post(`${base}/:id/execute`, async (c) => {
    const { connector, definition } = await load(c.get("auth"), c.req.param("id"));
    const body = readBody(await readJsonObject(c));
    const page = await executeList(deps, dispatcher, definition, connector, {
      entity: body.entity,
      limit: body.params?.limit,
      cursor: body.params?.cursor,
      timeoutMs: options.executeTimeoutMs,
      // A client that hangs up stops the read.
      signal: c.req.raw.signal,
    });
    return c.json(page);
  });

  app.get(`${base}/:id/entities`, async (c) => {
    const { connector, definition } = await load(c.get("auth"), c.req.param("id"));
    const data = await connectorEntities(deps, dispatcher, definition, connector, { timeoutMs: options.executeTimeoutMs, signal: c.req.raw.signal });
    return c.json({ data });
  });

  return app;
}
