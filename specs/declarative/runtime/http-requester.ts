// HttpRequester: the URL (url_base + path, or url), method, request parameters, headers and body
// of the stream's requests, rendered for a slice and page token, merged with what the
// authenticator, paginator and slicer add (the CDK's combine_mappings), and turned into a fetch
// request. Values are stringified as Python's requests would (True, not true).
import { configFieldsOf } from "./config-fields.ts";
import { ConfigValueError, ManifestError, UnsupportedComponentError } from "./errors.ts";
import { combineParts, emptyParts, type RequestParts } from "./request-option.ts";
import type { Authenticator } from "./auth/authenticator.ts";
import type { ErrorHandler } from "./error-handler.ts";
import type { PreparedRequest } from "./http-client.ts";
import type { RunContext } from "./run-context.ts";
import { requestVariables, type Slice, type Templates } from "./templates.ts";

const METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]);

/** Python's str() of a request value. */
export function pythonText(value: unknown): string {
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null || value === undefined) return "None";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** urljoin(base + "/", path), as the CDK's _join_url: an absolute path replaces the base. */
export function joinUrl(base: string, path: string): string {
  if (!path) return base;
  const withSlash = base.endsWith("/") ? base : `${base}/`;
  try {
    return new URL(path, withSlash).toString();
  } catch {
    return `${withSlash}${path}`;
  }
}

export class HttpRequester {
  readonly method: string;
  /** Config fields the URL is built from (a subdomain, a region, a base URL). */
  readonly urlFields: string[];

  constructor(
    private readonly model: Record<string, any>,
    private readonly templates: Templates,
    readonly at: string,
    readonly authenticator: Authenticator,
    readonly errorHandler: ErrorHandler,
  ) {
    this.method = String(model.http_method ?? "GET").toUpperCase();
    if (!METHODS.has(this.method)) throw new ManifestError(`http_method ${model.http_method} is not supported`, at);
    if (model.url_base === undefined && model.url === undefined) throw new ManifestError("HttpRequester needs url_base or url", at);
    if (model.request_body && !["RequestBodyJsonObject", "RequestBodyUrlEncodedForm", "RequestBodyPlainText", "RequestBodyGraphQL"].includes(model.request_body.type)) {
      throw new UnsupportedComponentError(String(model.request_body.type), `${at}/request_body`);
    }
    if (model.fetch_properties_from_endpoint) throw new UnsupportedComponentError("PropertiesFromEndpoint", `${at}/fetch_properties_from_endpoint`);
    for (const [name, value] of Object.entries(model.request_parameters ?? {})) {
      if (value && typeof value === "object" && !Array.isArray(value) && (value as { type?: string }).type) {
        throw new UnsupportedComponentError(String((value as { type?: string }).type), `${at}/request_parameters/${name}`);
      }
    }
    this.urlFields = configFieldsOf([model.url_base, model.url]);
  }

  /** The URL for a slice and page token; `path` (a RequestPath page token) replaces the manifest's path. */
  url(slice: Slice, token: Record<string, unknown> | undefined, path?: string): string {
    const variables = requestVariables(slice, token);
    const base = this.model.url_base !== undefined ? this.templates.text(this.model.url_base, variables) : "";
    const url = this.model.url !== undefined ? this.templates.text(this.model.url, variables) : "";
    const ownPath = path ?? (this.model.path !== undefined ? this.templates.text(this.model.path, variables).replace(/^\/+/, "") : "");
    if (base) return joinUrl(base, ownPath);
    return ownPath ? joinUrl(url, ownPath) : url;
  }

  /** request_parameters, request_headers and the body, rendered. */
  ownParts(slice: Slice, token: Record<string, unknown> | undefined): RequestParts & { bodyText?: string } {
    const variables = requestVariables(slice, token);
    const parts: RequestParts & { bodyText?: string } = emptyParts();
    parts.params = this.templates.mapping(this.model.request_parameters, variables);
    parts.headers = this.templates.mapping(this.model.request_headers, variables);
    const body = this.model.request_body;
    if (body) {
      if (body.type === "RequestBodyPlainText") parts.bodyText = this.templates.text(body.value, variables);
      else if (body.type === "RequestBodyUrlEncodedForm") parts.bodyData = this.templates.mapping(body.value, variables);
      else parts.bodyJson = this.templates.mapping(body.value, variables);
    }
    if (this.model.request_body_json !== undefined) parts.bodyJson = this.templates.mapping(this.model.request_body_json, variables);
    if (this.model.request_body_data !== undefined) {
      if (typeof this.model.request_body_data === "string") {
        const value = this.templates.string(this.model.request_body_data, variables);
        if (value && typeof value === "object") parts.bodyData = value as Record<string, unknown>;
        else parts.bodyText = value === undefined || value === null ? "" : String(value);
      } else parts.bodyData = this.templates.mapping(this.model.request_body_data, variables);
    }
    return parts;
  }

  /** The whole request: own options, the authenticator's, then the retriever's (paginator, slicer). */
  async prepare(run: RunContext, slice: Slice, token: Record<string, unknown> | undefined, extra: RequestParts, path?: string): Promise<PreparedRequest> {
    const own = this.ownParts(slice, token);
    const merged = combineParts(own, await this.authenticator.parts(run), extra);
    const address = this.url(slice, token, path);
    let url: URL;
    try {
      url = new URL(address);
      if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http");
    } catch {
      throw new ConfigValueError(`The API address "${run.scrub(address)}" built from the settings is not a complete http(s) URL.`, this.urlFields);
    }
    for (const [name, value] of Object.entries(merged.params)) {
      if (value && typeof value === "object" && !Array.isArray(value)) throw new ManifestError(`the query parameter ${name} cannot be an object`, this.at);
      url.searchParams.delete(name);
      for (const item of Array.isArray(value) ? value : [value]) if (item !== null && item !== undefined) url.searchParams.append(name, pythonText(item));
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(merged.headers)) headers[name] = pythonText(value);
    let body: string | undefined;
    const hasJson = Object.keys(merged.bodyJson).length > 0;
    const hasData = Object.keys(merged.bodyData).length > 0 || own.bodyText !== undefined;
    if (hasJson && hasData) throw new ManifestError("a request cannot have both a JSON body and a form body", this.at);
    if (hasJson) {
      body = JSON.stringify(merged.bodyJson);
      if (!Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) headers["Content-Type"] = "application/json";
    } else if (own.bodyText !== undefined && Object.keys(merged.bodyData).length === 0) {
      body = own.bodyText;
    } else if (hasData) {
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(merged.bodyData)) for (const item of Array.isArray(value) ? value : [value]) form.append(name, pythonText(item));
      body = form.toString();
      if (!Object.keys(headers).some((name) => name.toLowerCase() === "content-type")) headers["Content-Type"] = "application/x-www-form-urlencoded";
    }
    if (!Object.keys(headers).some((name) => name.toLowerCase() === "accept")) headers.Accept = "application/json";
    if (!Object.keys(headers).some((name) => name.toLowerCase() === "user-agent")) headers["User-Agent"] = "onramp-declarative";
    return { method: this.method, url: url.toString(), headers, body: this.method === "GET" || this.method === "HEAD" ? undefined : body };
  }
}
