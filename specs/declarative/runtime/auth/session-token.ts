// SessionTokenAuthenticator (log in with a login_requester, read the token at
// session_token_path, send it as a bearer token or an API key) and the older
// LegacySessionTokenAuthenticator (a stored session token, else username/password posted to
// login_url). The token is obtained once per run.
import { configFieldsOf } from "../config-fields.ts";
import { dpathGet } from "../dpath.ts";
import { DeclarativeRequestError, ManifestError, UnsupportedComponentError } from "../errors.ts";
import { decodeJson, sendRequest } from "../http-client.ts";
import type { HttpRequester } from "../http-requester.ts";
import { emptyParts, RequestOption } from "../request-option.ts";
import type { RunContext } from "../run-context.ts";
import { EMPTY_SLICE, type Templates } from "../templates.ts";
import type { Authenticator } from "./authenticator.ts";
import type { ErrorHandler } from "../error-handler.ts";

export function sessionTokenAuthenticator(model: Record<string, any>, templates: Templates, at: string, login: HttpRequester): Authenticator {
  const path: string[] = (model.session_token_path ?? []).map((segment: unknown) => templates.text(segment));
  if (path.length === 0) throw new ManifestError("SessionTokenAuthenticator needs session_token_path", at);
  const how = model.request_authentication ?? { type: "Bearer" };
  if (how.type !== "Bearer" && how.type !== "ApiKey") throw new UnsupportedComponentError(String(how.type), `${at}/request_authentication`);
  const option = how.type === "ApiKey" ? new RequestOption(how.inject_into ?? {}, templates, `${at}/request_authentication/inject_into`) : undefined;
  const key = `session ${at}`;
  return {
    fields: [...login.authenticator.fields, ...configFieldsOf([model.login_requester?.request_body_json, model.login_requester?.request_body_data, model.login_requester?.request_parameters, model.login_requester?.request_headers, model.login_requester?.request_body])],
    async parts(run) {
      let token = run.tokens.get(key)?.token ?? (run.preview ? "<session token from the login request>" : undefined);
      if (!token) {
        const { response } = await sendRequest(run, () => login.prepare(run, EMPTY_SLICE, undefined, emptyParts()), { decode: decodeJson, handler: login.errorHandler });
        const value = dpathGet(response.body, path);
        if (typeof value !== "string" && typeof value !== "number") {
          throw new DeclarativeRequestError("unreadable", `The login request answered without a session token at ${path.join("/")}.`, { status: response.status });
        }
        token = String(value);
        run.addSecret(token);
        run.tokens.set(key, { token, expiresAt: Number.POSITIVE_INFINITY });
      }
      const parts = emptyParts();
      if (option) option.inject(parts, token);
      else parts.headers.Authorization = `Bearer ${token}`;
      return parts;
    },
  };
}

export function legacySessionTokenAuthenticator(model: Record<string, any>, templates: Templates, at: string, errorHandler: ErrorHandler): Authenticator {
  const header = templates.text(model.header);
  if (!header) throw new ManifestError("LegacySessionTokenAuthenticator needs header", at);
  const key = `legacy session ${at}`;
  return {
    fields: configFieldsOf([model.session_token, model.username, model.password]),
    async parts(run) {
      let token = templates.text(model.session_token) || run.tokens.get(key)?.token || (run.preview ? "<session token from the login request>" : undefined);
      if (!token) {
        const url = new URL(templates.text(model.login_url), templates.text(model.api_url).replace(/\/?$/, "/")).toString();
        const body = JSON.stringify({ username: templates.text(model.username), password: templates.text(model.password) });
        run.addSecret(templates.text(model.password));
        const { response } = await sendRequest(run, async () => ({ method: "POST", url, headers: { "Content-Type": "application/json", Accept: "application/json" }, body }), { decode: decodeJson, handler: errorHandler });
        const value = dpathGet(response.body, [templates.text(model.session_token_response_key)]);
        if (typeof value !== "string" || !value) throw new DeclarativeRequestError("unreadable", "The login request answered without a session token.", { status: response.status });
        token = value;
        run.tokens.set(key, { token, expiresAt: Number.POSITIVE_INFINITY });
      }
      run.addSecret(token);
      const parts = emptyParts();
      parts.headers[header] = token;
      return parts;
    },
  };
}
