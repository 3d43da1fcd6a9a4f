// Validates every incoming client event (ws message or REST twin body) before it touches a
// session: one JSON Schema per ClientEvent type, compiled once. A bad event changes nothing.
import { TEXT_LIMITS } from "../json-body.ts";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { ClientEvent, ClientEventType } from "../../agent/protocol.ts";

export const MAX_TEXT = 20_000;
export const MAX_NAME = TEXT_LIMITS.name;
const MAX_OPS = 200;

const pointer = { type: "string", maxLength: 1000, pattern: "^(/.*)?$" } as const;

const formOp = {
  type: "object",
  required: ["op", "path"],
  additionalProperties: false,
  properties: {
    op: { enum: ["set", "unset"] },
    path: pointer,
    value: {},
  },
} as const;

const schemas: Record<ClientEventType, object> = {
  "user.message": {
    type: "object",
    required: ["type", "text"],
    additionalProperties: false,
    properties: { type: { const: "user.message" }, text: { type: "string", minLength: 1, maxLength: MAX_TEXT } },
  },
  "secret.submit": {
    type: "object",
    required: ["type", "path", "value"],
    additionalProperties: false,
    properties: {
      type: { const: "secret.submit" },
      path: pointer,
      value: { type: "string", minLength: 1, maxLength: MAX_TEXT },
    },
  },
  "secret.cancel": {
    type: "object",
    required: ["type"],
    additionalProperties: false,
    properties: { type: { const: "secret.cancel" }, path: pointer },
  },
  "form.patch": {
    type: "object",
    required: ["type", "base_version", "ops"],
    additionalProperties: false,
    properties: {
      type: { const: "form.patch" },
      base_version: { type: "integer", minimum: 0 },
      ops: { type: "array", maxItems: MAX_OPS, items: formOp },
      name: { type: "string", maxLength: MAX_NAME },
    },
    // Something to change: ops, a new name, or both.
    anyOf: [{ properties: { ops: { type: "array", minItems: 1 } } }, { required: ["name"], properties: { name: { type: "string" } } }],
  },
  "view.switch": {
    type: "object",
    required: ["type", "view"],
    additionalProperties: false,
    properties: { type: { const: "view.switch" }, view: { enum: ["agent", "form"] } },
  },
  "oauth.cancel": {
    type: "object",
    required: ["type"],
    additionalProperties: false,
    properties: { type: { const: "oauth.cancel" }, path: pointer },
  },
  "test.request": {
    type: "object",
    required: ["type"],
    additionalProperties: false,
    properties: { type: { const: "test.request" } },
  },
  "session.cancel": {
    type: "object",
    required: ["type"],
    additionalProperties: false,
    properties: { type: { const: "session.cancel" } },
  },
};

/** Every event type a client may send (the reliability suite generates bad ones of each). */
export const CLIENT_EVENT_TYPES = Object.keys(schemas) as ClientEventType[];

const ajv = new Ajv({ allErrors: false, strict: true });
const validators = new Map<string, ValidateFunction>(
  Object.entries(schemas).map(([type, schema]) => [type, ajv.compile(schema)]),
);

export type ClientEventCheck =
  | { ok: true; event: ClientEvent }
  | { ok: false; message: string; field?: string; code?: string };

function describe(error: ErrorObject | undefined): { message: string; field?: string; code?: string } {
  if (!error) return { message: "The event is not valid" };
  const at = error.instancePath || "";
  // Said in words a person acts on; the draft stays in the widget to shorten.
  if (at === "/text" && error.keyword === "maxLength") {
    return { message: `That message is too long to send (the limit is ${MAX_TEXT.toLocaleString("en")} characters). Shorten it, or put long values such as keys in the form.`, field: at, code: "message_too_long" };
  }
  if (at === "/name" && error.keyword === "maxLength") {
    return { message: `A connector name can be at most ${MAX_NAME} characters long.`, field: at, code: "invalid_name" };
  }
  if (error.keyword === "anyOf") return { message: "A form edit needs ops or a new name", field: "/ops" };
  if (error.keyword === "additionalProperties") {
    return { message: `Unknown property "${String(error.params.additionalProperty)}"`, field: at || undefined };
  }
  if (error.keyword === "required") {
    return { message: `Missing property "${String(error.params.missingProperty)}"`, field: at || undefined };
  }
  return { message: `${at || "event"} ${error.message ?? "is not valid"}`, field: at || undefined };
}

export function checkClientEvent(input: unknown): ClientEventCheck {
  if (input === null || typeof input !== "object" || Array.isArray(input)) {
    return { ok: false, message: "An event must be a JSON object with a type" };
  }
  const type = (input as { type?: unknown }).type;
  const validate = typeof type === "string" ? validators.get(type) : undefined;
  if (!validate) return { ok: false, message: `Unknown event type "${String(type)}"`, field: "/type" };
  if (validate(input)) return { ok: true, event: input as ClientEvent };
  return { ok: false, ...describe(validate.errors?.[0]) };
}
