// The connection test of a declarative connector: the manifest's CheckStream, as Airbyte runs it
// (the first page of the first slice of each named stream; records or an empty page both pass),
// with every failure turned into a typed reason and the config fields to fix: the secret the
// authenticator sent for a 401/403, the fields of the URL for a 404 or a DNS failure.
import type { CheckResult, Definition } from "../types.ts";
import { schemaAt } from "../schema-nav.ts";
import { isSecretPath } from "../secrets.ts";
import { secretValues } from "../checks/scrub.ts";
import { failed, networkFailure, succeeded, timedOut, type Target } from "../checks/outcome.ts";
import { ConfigValueError, DeclarativeRequestError, ManifestError, UnsupportedComponentError } from "./runtime/errors.ts";
import { RunContext, type RunOptions } from "./runtime/run-context.ts";
import { InterpolationError } from "./runtime/templates.ts";
import type { StreamRunner } from "./runtime/stream-runner.ts";
import { ManifestUnusable, openSource } from "./source.ts";

export interface DeclarativeCheckOptions extends Pick<RunOptions, "onSecretRefreshed" | "now" | "sleep"> {
  signal?: AbortSignal;
  timeoutMs?: number;
}

function titled(definition: Definition, path: string): string {
  const node = schemaAt(definition.connectionSpecification, path, {});
  return node?.title ? `"${node.title}"` : path.split("/").pop() ?? path;
}

/** The authenticator's fields, secrets first: what a refused credential points at. */
function credentialFields(definition: Definition, stream: StreamRunner): string[] {
  const fields = stream.requester.authenticator.fields;
  const secret = fields.filter((path) => isSecretPath(definition.connectionSpecification, path));
  return [...secret, ...fields.filter((path) => !secret.includes(path))];
}

/** The check streams named by the manifest's check component. */
function checkStreamNames(manifest: Record<string, any>): string[] {
  const check = manifest.check ?? {};
  if (check.type !== "CheckStream") throw new UnsupportedComponentError(String(check.type ?? "untyped check"), "/check");
  if (Array.isArray(check.dynamic_streams_check_configs) && check.dynamic_streams_check_configs.length > 0) {
    throw new UnsupportedComponentError("DynamicStreamCheckConfig", "/check/dynamic_streams_check_configs");
  }
  const names: string[] = (check.stream_names ?? []).map(String);
  if (names.length === 0) throw new ManifestError("CheckStream names no stream", "/check");
  return names;
}

function describe(definition: Definition, fields: string[]): string {
  return fields.length > 0 ? ` Check ${fields.map((path) => titled(definition, path)).join(" and ")}.` : "";
}

/** A runtime error as a check result: a typed reason, plain words and the fields to fix. */
export function failureOf(error: unknown, definition: Definition, stream: StreamRunner | undefined, timeoutMs: number): CheckResult {
  if (error instanceof ManifestUnusable) return failed("unsupported", error.message);
  if (error instanceof UnsupportedComponentError) {
    return failed("unsupported", `Onramp cannot test ${definition.displayName}: its manifest uses ${error.component} (at ${error.at}), which Onramp does not run.`);
  }
  if (error instanceof ManifestError) return failed("unsupported", `Onramp cannot test ${definition.displayName}: its manifest is not usable here: ${error.message}.`);
  if (error instanceof ConfigValueError) return failed("invalid_config", `${error.message}${describe(definition, error.fields)}`, error.fields);
  if (error instanceof InterpolationError) return failed("unknown", `A template of the connector's manifest could not be rendered with these settings: ${error.message}`);
  if (!(error instanceof DeclarativeRequestError)) return failed("unknown", `The test failed unexpectedly: ${String((error as Error)?.message ?? error)}`);
  const urlFields = stream?.requester.urlFields ?? [];
  const host = error.details.where?.split("/")[0];
  const target: Target = { what: host ? `the API at ${host}` : "the API", hostFields: urlFields, portFields: [], tlsFields: urlFields };
  const credentials = stream ? credentialFields(definition, stream) : [];
  switch (error.failure) {
    case "auth_failed":
      return failed("auth_failed", `${error.message} The credentials were not accepted.${describe(definition, credentials)}`, credentials);
    case "permission_denied": {
      // Many APIs answer 403 to a wrong key as well; only words about scopes or permissions
      // point past the key to the account's rights.
      const aboutRights = /permission|scope|not allowed|insufficient|access denied|not authori[sz]ed to access|plan/i.test(error.details.apiMessage ?? "");
      return aboutRights
        ? failed("permission_denied", `${error.message} The credentials were accepted but lack a permission this connector needs.${describe(definition, credentials)}`, credentials)
        : failed("auth_failed", `${error.message} The credentials were refused (or lack permission).${describe(definition, credentials)}`, credentials);
    }
    case "oauth_refresh":
      return failed("auth_failed", `${error.message} Sign in again, or check the client id and secret.`, credentials);
    case "not_found":
      return failed("not_found", `${error.message} The address does not exist.${describe(definition, urlFields)}`, urlFields);
    case "rate_limited":
      return failed("rate_limited", `${error.message} The API is rate limiting requests${error.details.retryAfter ? ` and asked to wait ${Math.ceil(error.details.retryAfter)} s` : ""}; test again later.`);
    case "server_error":
      return failed("unknown", `${error.message} The API had a server error; try again later.`);
    case "rejected":
      return failed("unknown", `${error.message}`);
    case "unreadable":
      return failed("unable_to_process_response", `${error.message} The connector cannot read this answer; the address may point at something other than the API.${describe(definition, urlFields)}`, urlFields);
    case "timeout":
      return timedOut(target, timeoutMs);
    case "network":
      return networkFailure(error.details.cause, target, timeoutMs) ?? failed("unreachable", `${error.message}`, urlFields);
  }
}

/** Runs the manifest's check for one config. Messages are scrubbed of every secret value known. */
export async function checkDeclarative(definition: Definition, config: Record<string, unknown>, options: DeclarativeCheckOptions = {}): Promise<CheckResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  // Finish a little before the caller's own deadline, so our words (which request, which field) win.
  const run = new RunContext({ ...options, deadline: Date.now() + Math.max(timeoutMs - 250, 100), requestTimeoutMs: timeoutMs });
  for (const value of secretValues(definition.connectionSpecification, config)) run.addSecret(value);
  let stream: StreamRunner | undefined;
  try {
    const source = openSource(definition, config, { now: options.now });
    const notes: string[] = [];
    for (const name of checkStreamNames(source.manifest)) {
      stream = source.stream(name);
      let plan;
      for await (const first of stream.slices(run)) {
        plan = first;
        break;
      }
      if (!plan) {
        notes.push(`the ${name} stream has nothing to read for these settings yet`);
        continue;
      }
      const page = await stream.page(run, plan, stream.initialToken());
      notes.push(page.records.length > 0 ? `the ${name} stream returned records` : `the ${name} stream answered with no records yet (an empty account passes, as in Airbyte)`);
    }
    const host = run.lastWhere?.split("/")[0];
    return succeeded(`Connected${host ? ` to ${host}` : ""}: ${notes.join("; ")}.`);
  } catch (error) {
    const result = failureOf(error, definition, stream, timeoutMs);
    return { ...result, message: run.scrub(result.message) };
  }
}
