// Reading a stream's records for `execute(entity, "list")`: across slices and pages up to a
// limit, resumable through an opaque cursor that encodes where the read stopped (slice index,
// the page token of the page being read, and how many of its records were already returned, so
// a limit that cuts a page in the middle loses nothing).
import type { CheckReason, Definition } from "../types.ts";
import { secretValues } from "../checks/scrub.ts";
import { failureOf } from "./check.ts";
import { RunContext, type RunOptions } from "./runtime/run-context.ts";
import type { StreamRunner } from "./runtime/stream-runner.ts";
import type { PageToken } from "./runtime/paginators.ts";
import { openSource } from "./source.ts";

export interface ReadOptions extends Pick<RunOptions, "onSecretRefreshed" | "now" | "sleep"> {
  /** Most records to return (1..10,000; default 100). */
  limit?: number;
  /** `nextCursor` of the previous read, to go on from there. */
  cursor?: string;
  signal?: AbortSignal;
  /** Upper bound for the whole read (default 60 s). */
  timeoutMs?: number;
  /** Most pages to request in one read (default 50), so empty date windows cannot run on and on. */
  maxPages?: number;
}

export interface ReadResult {
  records: Record<string, unknown>[];
  /** Opaque; pass back as `cursor` to read on. Null when the stream is exhausted. */
  nextCursor: string | null;
}

/** A read that could not be done: bad input, or the API failing (with the check's reason and fields). */
export class DeclarativeReadError extends Error {
  constructor(
    readonly reason: CheckReason | "bad_request",
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
    this.name = "DeclarativeReadError";
  }
}

interface Position {
  v: 1;
  /** Stream name: a cursor of another stream is refused. */
  s: string;
  /** Slice index. */
  i: number;
  /** Resume inside the slice at page token `p` (else the slice starts over). */
  m: boolean;
  p: PageToken | null;
  /** Records of that page already returned. */
  k: number;
}

const encode = (position: Position) => Buffer.from(JSON.stringify(position)).toString("base64url");

function decode(cursor: string, stream: string): Position {
  let position: Position;
  try {
    position = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new DeclarativeReadError("bad_request", "The cursor is not one this API gave out.", ["cursor"]);
  }
  if (position?.v !== 1 || typeof position.i !== "number" || typeof position.k !== "number") throw new DeclarativeReadError("bad_request", "The cursor is not one this API gave out.", ["cursor"]);
  if (position.s !== stream) throw new DeclarativeReadError("bad_request", `The cursor belongs to the ${position.s} stream, not ${stream}.`, ["cursor"]);
  return position;
}

/** The streams (entities) of a declarative definition, by name. */
export function declarativeStreams(definition: Definition, config: Record<string, unknown> = {}): string[] {
  try {
    return openSource(definition, config).streamNames();
  } catch {
    return [];
  }
}

export async function readDeclarativeRecords(definition: Definition, config: Record<string, unknown>, streamName: string, options: ReadOptions = {}): Promise<ReadResult> {
  const limit = options.limit ?? 100;
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new DeclarativeReadError("bad_request", "limit must be a whole number from 1 to 10000.", ["limit"]);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxPages = options.maxPages ?? 50;
  const run = new RunContext({ ...options, deadline: Date.now() + timeoutMs, requestTimeoutMs: Math.min(30_000, timeoutMs) });
  for (const value of secretValues(definition.connectionSpecification, config)) run.addSecret(value);
  let stream: StreamRunner | undefined;
  try {
    const source = openSource(definition, config, { now: options.now });
    if (!source.streamNames().includes(streamName)) {
      throw new DeclarativeReadError("bad_request", `${definition.displayName} has no entity named ${streamName}. It has: ${source.streamNames().join(", ")}.`, ["entity"]);
    }
    const start = options.cursor ? decode(options.cursor, streamName) : undefined;
    stream = source.stream(streamName);
    const records: Record<string, unknown>[] = [];
    let pages = 0;
    let index = 0;
    for await (const plan of stream.slices(run)) {
      if (start && index < start.i) {
        index++;
        continue;
      }
      const resuming = start && index === start.i && start.m;
      let token: PageToken = resuming ? (start.p ?? undefined) : stream.initialToken();
      let skip = resuming ? start.k : 0;
      if (records.length >= limit || pages >= maxPages) return { records, nextCursor: encode({ v: 1, s: streamName, i: index, m: false, p: null, k: 0 }) };
      for (;;) {
        const page = await stream.page(run, plan, token);
        pages++;
        const fresh = page.records.slice(skip);
        const room = limit - records.length;
        if (fresh.length > room) {
          records.push(...fresh.slice(0, room));
          return { records, nextCursor: encode({ v: 1, s: streamName, i: index, m: true, p: token ?? null, k: skip + room }) };
        }
        records.push(...fresh);
        if (!page.next) break;
        token = page.next;
        skip = 0;
        if (records.length >= limit || pages >= maxPages) return { records, nextCursor: encode({ v: 1, s: streamName, i: index, m: true, p: token ?? null, k: 0 }) };
      }
      index++;
    }
    return { records, nextCursor: null };
  } catch (error) {
    if (error instanceof DeclarativeReadError) throw error;
    const result = failureOf(error, definition, stream, timeoutMs);
    throw new DeclarativeReadError(result.reason ?? "unknown", run.scrub(result.message), result.fields ?? []);
  }
}
