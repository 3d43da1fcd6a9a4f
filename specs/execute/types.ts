// The shapes of execute: what a connector exposes (entities) and how a reader hands back records.
// A reader is one entry of the registry in readers.ts; the dispatcher (dispatcher.ts) is the only
// caller of readers, and adds what every reader would otherwise repeat: the limit's bounds, the
// deadline, reading across pages, the entity check for readers whose entities need no connection,
// and scrubbing secrets out of error messages.
import type { Definition } from "../types.ts";

/** One thing a connector can list records of: a stream, a table, a view. */
export interface EntityInfo {
  /** What `execute` takes as `entity`: "users", "public.orders", "orders". */
  name: string;
  /** What it is at the source: "stream", "table", "view", ... */
  kind?: string;
  /** The fields that identify a record, when the source says. */
  primary_key?: string[];
}

/** The actions `execute` knows; every reader supports all of them. */
export const EXECUTE_ACTIONS = ["list"] as const;
export type ExecuteAction = (typeof EXECUTE_ACTIONS)[number];

/**
 * Called by a reader that renewed a credential while reading (an OAuth access token): `path` is
 * the JSON pointer of the config field, `value` its new value. The caller stores it as the
 * connector's secret; the reader keeps using the value it already has.
 */
export type SecretRefreshed = (path: string, value: string) => Promise<void> | void;

export interface ReadContext {
  /** Aborted at the deadline or when the caller gives up; a reader stops its I/O on it. */
  signal: AbortSignal;
  /** What is left of the deadline, for a driver's own timeouts (statement_timeout, ...). */
  timeoutMs: number;
  onSecretRefreshed: SecretRefreshed;
}

export interface ReaderListOptions extends ReadContext {
  /** 1..MAX_LIMIT. A reader returns at most this many records. */
  limit: number;
  /** A cursor this reader returned before, or null for the first page. */
  cursor: string | null;
}

export interface RecordPage {
  data: Array<Record<string, unknown>>;
  /** Resumes right after the last record of `data`; null when there is nothing more. */
  next_cursor: string | null;
}

/**
 * A way of reading records, keyed in the registry by `definition.reader ?? definition.check`.
 * `list` may return fewer than `limit` records with a cursor (one page of an API); the
 * dispatcher then calls it again with that cursor until the limit is met or the cursor is null.
 * It must never return more than `limit` records: a reader that stops inside a page of the
 * source makes a cursor that resumes inside that page.
 */
export interface EntityReader {
  /**
   * True when entities() reaches the system (a database's tables). False when they follow from
   * the definition and the non-secret config (streams): the dispatcher then checks `entity`
   * itself, and the API lists them with the connector.
   */
  entitiesNeedConnection: boolean;
  entities(definition: Definition, config: Record<string, unknown>, context: ReadContext): Promise<EntityInfo[]>;
  /** Records of `entity`; throws ExecuteError("entity_not_found") for one it does not have. */
  list(definition: Definition, config: Record<string, unknown>, entity: string, options: ReaderListOptions): Promise<RecordPage>;
}

export type Readers = Readonly<Record<string, EntityReader>>;
