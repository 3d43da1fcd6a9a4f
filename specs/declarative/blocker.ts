// Without sending anything: can this declarative connector's check run, and what is the first
// request it would send? The check is built and started in preview mode (runtime/run-context.ts):
// the first request is captured instead of sent, token exchanges are stood in for. Used by
// hasLiveCheck (through declarativeBlocker, once per definition) and the coverage command.
import type { Definition } from "../types.ts";
import { exampleConfig } from "../example-config.ts";
import { secretValues } from "../checks/scrub.ts";
import { ConfigValueError, ManifestError, PreviewedRequest, UnsupportedComponentError } from "./runtime/errors.ts";
import { RunContext } from "./runtime/run-context.ts";
import { InterpolationError } from "./runtime/templates.ts";
import { ManifestUnusable, openSource } from "./source.ts";

export interface RequestPreview {
  /** The check stream (a substream's first request is its parent's, which the check sends first). */
  stream: string;
  method: string;
  /** Secrets masked. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export type PreviewOutcome =
  | { ok: true; request: RequestPreview }
  | { ok: false; /** The component type that blocks, when one does. */ component?: string; reason: string; structural: boolean };

function checkNames(manifest: Record<string, any>): string[] {
  const check = manifest.check ?? {};
  if (check.type !== "CheckStream") throw new UnsupportedComponentError(String(check.type ?? "untyped check"), "/check");
  if (Array.isArray(check.dynamic_streams_check_configs) && check.dynamic_streams_check_configs.length > 0) throw new UnsupportedComponentError("DynamicStreamCheckConfig", "/check/dynamic_streams_check_configs");
  return (check.stream_names ?? []).map(String);
}

/** The first request the check would send for `config`, or why it cannot run. */
export async function previewCheckRequest(definition: Definition, config: Record<string, unknown>, now?: () => Date): Promise<PreviewOutcome> {
  const run = new RunContext({ preview: true, now });
  for (const value of secretValues(definition.connectionSpecification, config)) run.addSecret(value);
  let current = "";
  try {
    const source = openSource(definition, config, { now });
    const names = checkNames(source.manifest);
    if (names.length === 0) throw new ManifestError("CheckStream names no stream", "/check");
    for (const name of names) {
      current = name;
      const stream = source.stream(name);
      for await (const plan of stream.slices(run)) {
        await stream.page(run, plan, stream.initialToken());
      }
    }
    return { ok: false, reason: "the check would send no request (no slice to read)", structural: false };
  } catch (error) {
    if (error instanceof PreviewedRequest) {
      const { method, url, headers, body } = error.request;
      const masked = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, run.scrub(value)]));
      return { ok: true, request: { stream: current, method, url: run.scrub(url), headers: masked, body: body === undefined ? undefined : run.scrub(body) } };
    }
    if (error instanceof UnsupportedComponentError) return { ok: false, component: error.component, reason: error.message, structural: true };
    if (error instanceof ManifestUnusable || error instanceof ManifestError) return { ok: false, reason: error.message, structural: true };
    if (error instanceof ConfigValueError || error instanceof InterpolationError) return { ok: false, reason: run.scrub(error.message), structural: false };
    return { ok: false, reason: run.scrub(String((error as Error)?.message ?? error)), structural: false };
  }
}

// The preview cannot tell which stream's requester built the request; the check stream's name
// is what the person recognises, so it is reported as is.
function source_stream_of(_url: string, stream: string): string {
  return stream;
}

const blockers = new WeakMap<object, { blocker?: string }>();

/**
 * Why this declarative definition's check cannot run (a component Onramp does not run, a
 * manifest that does not validate), or undefined when it can. Decided once per definition by
 * building the check streams' components with an example config (synchronous: nothing is sent);
 * a failure that depends on the settings does not count.
 */
export function declarativeBlocker(definition: Definition): string | undefined {
  const source = definition.declarative;
  if (!source) return "the definition carries no manifest";
  let known = blockers.get(source);
  if (!known) {
    known = {};
    try {
      const opened = openSource(definition, exampleConfig(definition));
      for (const name of checkNames(opened.manifest)) opened.stream(name);
    } catch (error) {
      if (error instanceof UnsupportedComponentError || error instanceof ManifestUnusable || error instanceof ManifestError) known.blocker = error.message;
    }
    blockers.set(source, known);
  }
  return known.blocker;
}
