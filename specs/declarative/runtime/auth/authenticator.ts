// What every authenticator gives a request, and the simple ones: API key, bearer, basic, none,
// and the selective authenticator that picks one by a config value.
import { getAt, toPointer } from "../../../pointer.ts";
import { configFieldsOf } from "../config-fields.ts";
import { ConfigValueError, ManifestError } from "../errors.ts";
import { emptyParts, RequestOption, type RequestParts } from "../request-option.ts";
import type { RunContext } from "../run-context.ts";
import type { Templates } from "../templates.ts";

export interface Authenticator {
  /** The header, query parameter or body field the authenticator adds to a request. */
  parts(run: RunContext): Promise<RequestParts>;
  /** Config fields whose values it sends: what a 401 points at. */
  readonly fields: string[];
  /** After a 401: true when a new token was obtained and one more try is worth it. */
  refresh?(run: RunContext): Promise<boolean>;
}

export const noAuth = (): Authenticator => ({ parts: async () => emptyParts(), fields: [] });

function rendered(templates: Templates, template: unknown, run: RunContext): string {
  const value = templates.text(template);
  run.addSecret(value);
  return value;
}

export function apiKeyAuthenticator(model: Record<string, any>, templates: Templates, at: string): Authenticator {
  // `header` is the old spelling of inject_into: { inject_into: header, field_name }.
  const option = model.inject_into
    ? new RequestOption(model.inject_into, templates.with(model.inject_into.$parameters ?? model.$parameters), `${at}/inject_into`)
    : model.header
      ? new RequestOption({ inject_into: "header", field_name: model.header }, templates, at)
      : undefined;
  if (!option) throw new ManifestError("ApiKeyAuthenticator needs inject_into or header", at);
  return {
    fields: configFieldsOf(model.api_token),
    async parts(run) {
      const parts = emptyParts();
      option.inject(parts, rendered(templates, model.api_token, run));
      return parts;
    },
  };
}

export function bearerAuthenticator(model: Record<string, any>, templates: Templates): Authenticator {
  return {
    fields: configFieldsOf(model.api_token),
    async parts(run) {
      const parts = emptyParts();
      parts.headers.Authorization = `Bearer ${rendered(templates, model.api_token, run)}`;
      return parts;
    },
  };
}

export function basicAuthenticator(model: Record<string, any>, templates: Templates): Authenticator {
  return {
    fields: configFieldsOf([model.username, model.password]),
    async parts(run) {
      const username = rendered(templates, model.username, run);
      const password = model.password === undefined ? "" : rendered(templates, model.password, run);
      const token = Buffer.from(`${username}:${password}`).toString("base64");
      run.addSecret(token);
      const parts = emptyParts();
      parts.headers.Authorization = `Basic ${token}`;
      return parts;
    },
  };
}

/** SelectiveAuthenticator: the authenticator named by the config value at authenticator_selection_path. */
export function selectiveAuthenticator(
  model: Record<string, any>,
  config: Record<string, unknown>,
  at: string,
  build: (model: Record<string, any>, at: string) => Authenticator,
): Authenticator {
  const path: string[] = (model.authenticator_selection_path ?? []).map(String);
  const pointer = toPointer(path);
  const value = getAt(config, pointer);
  const options = model.authenticators ?? {};
  const chosen = typeof value === "string" || typeof value === "number" ? options[String(value)] : undefined;
  if (!chosen) {
    throw new ConfigValueError(`The setting at ${pointer} (${JSON.stringify(value ?? null)}) names none of the ways this connector signs in (${Object.keys(options).join(", ")}).`, [pointer]);
  }
  return build(chosen, `${at}/authenticators/${String(value)}`);
}
