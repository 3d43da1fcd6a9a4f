// Save & Test per endpoint for a generated connector: once its CheckStream passed, every stream
// is read for one page, and each that fails is excluded with a typed reason. Parents go first:
// a child whose parent is not among the connector's streams (deselected at review) or failed is
// excluded as `parent_endpoint_excluded` without a call. What a stream needs is read from the
// manifest itself (the config keys its templates name, its SubstreamPartitionRouter's parent),
// so any declarative connector can be tested this way.
import type { CheckReason, Definition, EntityTestReason, EntityTestResult } from "../types.ts";
import { loadedManifest } from "../declarative/manifest-cache.ts";
import { DeclarativeReadError, readDeclarativeRecords } from "../declarative/read.ts";
import type { RunOptions } from "../declarative/runtime/run-context.ts";
import { configFieldsOf } from "../declarative/runtime/config-fields.ts";

export interface EntityTestOptions extends Pick<RunOptions, "onSecretRefreshed"> {
  /** Bound for each entity's read (default 10 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

interface StreamFacts {
  name: string;
  parents: string[];
  configKeys: string[];
}

function facts(stream: Record<string, any>): StreamFacts {
  const router = stream.retriever?.partition_router;
  const routers = Array.isArray(router) ? router : router ? [router] : [];
  const parents = routers
    .filter((one) => one?.type === "SubstreamPartitionRouter")
    .flatMap((one) => (one.parent_stream_configs ?? []).map((config: any) => String(config?.stream?.name ?? "")))
    .filter(Boolean);
  // The stream's own requests only: a parent's settings are the parent's to report.
  const own = { ...stream, retriever: { ...stream.retriever, partition_router: undefined } };
  const keys = new Set(configFieldsOf(own).map((pointer) => pointer.split("/")[1]).filter(Boolean));
  return { name: String(stream.name), parents, configKeys: [...keys] };
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

const BY_CHECK_REASON: Partial<Record<CheckReason, EntityTestReason>> = {
  auth_failed: "insufficient_permission",
  permission_denied: "insufficient_permission",
  invalid_config: "missing_setup_value",
  unable_to_process_response: "unable_to_process_response",
};

function excluded(entity: string, reason: EntityTestReason, message: string, fields?: string[]): EntityTestResult {
  return { entity, status: "excluded", reason, message, ...(fields?.length ? { fields } : {}) };
}

/** Entities read at once: a connector with dozens of tables is tested in a fraction of the time, without flooding the API. */
const CONCURRENCY = 4;

export async function testEntities(definition: Definition, config: Record<string, unknown>, options: EntityTestOptions = {}): Promise<EntityTestResult[]> {
  const resolved = loadedManifest(definition)?.resolved;
  const streams: StreamFacts[] = (Array.isArray(resolved?.streams) ? resolved!.streams : []).map(facts);
  const names = new Set(streams.map((stream) => stream.name));
  const results = new Map<string, EntityTestResult>();
  // A field the spec gives a default is read with it (`config.get(key, default)`), never missing.
  const properties = (definition.connectionSpecification?.properties ?? {}) as Record<string, { default?: unknown }>;

  /** The verdict reached without a call, or undefined when the entity must be read. */
  const settled = (stream: StreamFacts): EntityTestResult | undefined => {
    const missingParent = stream.parents.find((parent) => !names.has(parent));
    if (missingParent) return excluded(stream.name, "parent_endpoint_excluded", `${stream.name} reads each record of ${missingParent}, which is not selected.`);
    const failedParent = stream.parents.find((parent) => results.get(parent)?.status === "excluded");
    if (failedParent) return excluded(stream.name, "parent_endpoint_excluded", `${stream.name} reads each record of ${failedParent}, which was excluded.`);
    const missing = stream.configKeys.filter((key) => isMissing(config[key]) && properties[key]?.default === undefined);
    if (missing.length) return excluded(stream.name, "missing_setup_value", `${stream.name} needs ${missing.map((key) => `"${key}"`).join(", ")}, which is not set.`, missing.map((key) => `/${key}`));
    return undefined;
  };

  const read = async (stream: StreamFacts): Promise<EntityTestResult> => {
    try {
      const page = await readDeclarativeRecords(definition, config, stream.name, { limit: 1, maxPages: 1, timeoutMs: options.timeoutMs ?? 10_000, signal: options.signal, onSecretRefreshed: options.onSecretRefreshed });
      return page.records.length > 0
        ? { entity: stream.name, status: "passed", message: `${stream.name} answered with records.` }
        : { entity: stream.name, status: "warning", reason: "empty_response", message: `${stream.name} answered, but with no records; it is kept.` };
    } catch (error) {
      if (error instanceof DeclarativeReadError) {
        const reason = BY_CHECK_REASON[error.reason as CheckReason] ?? "api_call_failure";
        return excluded(stream.name, reason, error.message, reason === "missing_setup_value" ? error.fields : undefined);
      }
      return excluded(stream.name, "api_call_failure", `${stream.name} could not be read: ${(error as Error).message}`);
    }
  };

  // In waves: an entity is read once every parent it has among the streams has its verdict.
  let pending = [...streams];
  while (pending.length && !options.signal?.aborted) {
    const ready = pending.filter((stream) => stream.parents.every((parent) => !names.has(parent) || results.has(parent)));
    // A cycle of parents (no manifest of ours has one) is read as it stands rather than never.
    const wave = ready.length ? ready : pending;
    for (let index = 0; index < wave.length; index += CONCURRENCY) {
      const batch = wave.slice(index, index + CONCURRENCY);
      const verdicts = await Promise.all(batch.map((stream) => settled(stream) ?? read(stream)));
      batch.forEach((stream, at) => results.set(stream.name, verdicts[at]));
    }
    pending = pending.filter((stream) => !results.has(stream.name));
  }
  for (const stream of pending) results.set(stream.name, excluded(stream.name, "api_call_failure", `${stream.name} was not reached before the test's time ran out.`));
  return streams.map((stream) => results.get(stream.name)!);
}

/** One line for a person: how many entities work, and why the others do not. */
export function entityTestSummary(results: EntityTestResult[]): string {
  const kept = results.filter((result) => result.status !== "excluded");
  const left = results.filter((result) => result.status === "excluded");
  const parts = [`${kept.length} of ${results.length} entities work`];
  if (left.length) parts.push(`excluded: ${left.map((result) => `${result.entity} (${result.reason})`).join(", ")}`);
  const empty = results.filter((result) => result.reason === "empty_response");
  if (empty.length) parts.push(`empty so far: ${empty.map((result) => result.entity).join(", ")}`);
  return `${parts.join("; ")}.`;
}
