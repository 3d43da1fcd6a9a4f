// Picks the reader of a definition and runs it under the rules every reader shares: the limit's
// bounds, a deadline, reading across the reader's pages up to the limit, an entity check for
// readers whose entities need no connection, and no secret value in an error message.
import type { Definition } from "../types.ts";
import { secretValues } from "../checks/scrub.ts";
import { SECRET_MASK } from "../types.ts";
import { ExecuteError, cannotExecute } from "./execute-error.ts";
import { BUILTIN_READERS } from "./readers.ts";
import { namesList } from "./entity-names.ts";
import type { EntityInfo, EntityReader, Readers, RecordPage, SecretRefreshed } from "./types.ts";

export const DEFAULT_LIMIT = 100;
/** The most records one execute returns; a larger limit is capped (next_cursor continues). */
export const MAX_LIMIT = 1000;
export const DEFAULT_EXECUTE_TIMEOUT_MS = 30_000;

export interface EntitiesOptions {
  signal?: AbortSignal;
  /** Deadline for the whole call; default 30 s. */
  timeoutMs?: number;
  onSecretRefreshed?: SecretRefreshed;
}

export interface ListRecordsOptions extends EntitiesOptions {
  /** 1.., capped at MAX_LIMIT; default DEFAULT_LIMIT. */
  limit?: number;
  cursor?: string | null;
}

export interface Dispatcher {
  /** The registry key of the definition's reader, or undefined when it cannot execute. */
  readerKey(definition: Definition): string | undefined;
  canExecute(definition: Definition): boolean;
  /** True when listing the entities reaches the system (a database); false when it is known offline. */
  entitiesNeedConnection(definition: Definition): boolean;
  entitiesOf(definition: Definition, config: Record<string, unknown>, options?: EntitiesOptions): Promise<EntityInfo[]>;
  listRecords(definition: Definition, config: Record<string, unknown>, entity: string, options?: ListRecordsOptions): Promise<RecordPage>;
}

function timeoutError(definition: Definition, timeoutMs: number): ExecuteError {
  return new ExecuteError("source_failed", `Reading from ${definition.displayName} took longer than ${timeoutMs} ms and was stopped.`, { reason: "timeout" });
}

function validLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new ExecuteError("invalid_params", "limit must be a whole number of at least 1");
  return Math.min(limit, MAX_LIMIT);
}

function checkPage(definition: Definition, page: RecordPage, asked: number): RecordPage {
  const wellFormed =
    page &&
    Array.isArray(page.data) &&
    page.data.every((record) => record !== null && typeof record === "object" && !Array.isArray(record)) &&
    (page.next_cursor === null || typeof page.next_cursor === "string");
  if (!wellFormed) throw new ExecuteError("source_failed", `The ${definition.displayName} reader returned a malformed page.`, { reason: "unknown" });
  if (page.data.length > asked) {
    // Cutting the page here would lose the records between the cut and the reader's cursor.
    throw new ExecuteError("source_failed", `The ${definition.displayName} reader returned ${page.data.length} records where ${asked} were asked.`, { reason: "unknown" });
  }
  return page;
}

/**
 * Runs `work` with a signal that aborts at the deadline or with the caller's signal; a reader
 * that ignores the signal is still cut off at the deadline. Every error leaves as an
 * ExecuteError whose message holds no secret of the config (nor a value refreshed meanwhile).
 */
async function guarded<T>(
  definition: Definition,
  config: Record<string, unknown>,
  options: EntitiesOptions,
  work: (context: { signal: AbortSignal; deadline: number; onSecretRefreshed: SecretRefreshed }) => Promise<T>,
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_EXECUTE_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const controller = new AbortController();
  const secrets = secretValues(definition.connectionSpecification, config);
  const onSecretRefreshed: SecretRefreshed = async (path, value) => {
    if (typeof value === "string" && value.length >= 3) secrets.push(value);
    await options.onSecretRefreshed?.(path, value);
  };
  const forward = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", forward, { once: true });
  if (options.signal?.aborted) forward();
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      const error = timeoutError(definition, timeoutMs);
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  const scrub = (error: ExecuteError) => {
    let message = error.message;
    for (const secret of [...secrets].sort((a, b) => b.length - a.length)) message = message.split(secret).join(SECRET_MASK);
    return error.withMessage(message);
  };
  try {
    return await Promise.race([work({ signal: controller.signal, deadline, onSecretRefreshed }), expired]);
  } catch (error) {
    if (error instanceof ExecuteError) throw scrub(error);
    if (controller.signal.aborted && controller.signal.reason instanceof ExecuteError) throw scrub(controller.signal.reason);
    const detail = String((error as Error)?.message ?? error);
    throw scrub(new ExecuteError("source_failed", `Reading from ${definition.displayName} failed: ${detail}`, { reason: "unknown" }));
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", forward);
    controller.abort();
  }
}

export function createDispatcher(readers: Readers = BUILTIN_READERS): Dispatcher {
  const readerKey = (definition: Definition): string | undefined => {
    const key = definition.reader ?? definition.check;
    return key !== undefined && Object.hasOwn(readers, key) ? key : undefined;
  };

  const readerOf = (definition: Definition): EntityReader => {
    const key = readerKey(definition);
    if (key === undefined) throw cannotExecute(definition);
    return readers[key]!;
  };

  const entitiesOf: Dispatcher["entitiesOf"] = async (definition, config, options = {}) => {
    const reader = readerOf(definition);
    return guarded(definition, config, options, ({ signal, deadline, onSecretRefreshed }) =>
      reader.entities(definition, config, { signal, timeoutMs: Math.max(1, deadline - Date.now()), onSecretRefreshed }),
    );
  };

  const listRecords: Dispatcher["listRecords"] = async (definition, config, entity, options = {}) => {
    const reader = readerOf(definition);
    const limit = validLimit(options.limit);
    return guarded(definition, config, options, async ({ signal, deadline, onSecretRefreshed }) => {
      const context = () => ({ signal, timeoutMs: Math.max(1, deadline - Date.now()), onSecretRefreshed });
      if (!reader.entitiesNeedConnection) {
        const entities = await reader.entities(definition, config, context());
        if (!entities.some((candidate) => candidate.name === entity)) {
          throw new ExecuteError("entity_not_found", `This ${definition.displayName} connector has no entity "${entity}"; its entities: ${namesList(entities)}.`);
        }
      }
      const data: Array<Record<string, unknown>> = [];
      let cursor = options.cursor ?? null;
      const seen = new Set<string>();
      for (;;) {
        const asked = limit - data.length;
        const page = checkPage(definition, await reader.list(definition, config, entity, { ...context(), limit: asked, cursor }), asked);
        data.push(...page.data);
        if (page.next_cursor === null || data.length >= limit) return { data, next_cursor: page.next_cursor };
        // A reader handing back a cursor it already gave would page forever.
        if (page.next_cursor === cursor || seen.has(page.next_cursor)) {
          throw new ExecuteError("source_failed", `The ${definition.displayName} reader did not move past its cursor.`, { reason: "unknown" });
        }
        seen.add(page.next_cursor);
        cursor = page.next_cursor;
      }
    });
  };

  return {
    readerKey,
    canExecute: (definition) => readerKey(definition) !== undefined,
    entitiesNeedConnection: (definition) => readerOf(definition).entitiesNeedConnection,
    entitiesOf,
    listRecords,
  };
}

const builtin = createDispatcher();

/** The entities of a connector, with the built-in readers. */
export const entitiesOf = builtin.entitiesOf;
/** One execute "list", with the built-in readers. */
export const listRecords = builtin.listRecords;
/** Whether the built-in readers can execute this definition. */
export const canExecute = builtin.canExecute;
