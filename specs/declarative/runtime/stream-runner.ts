// One DeclarativeStream with a SimpleRetriever, ready to run: its slices (partitions × cursor
// windows) and, per slice, its pages (request, error handling, records, next token). A check
// reads the first page of the first slice; a read walks on from a position; a substream's
// parent is read through `records`.
import { sendRequest, type Decode } from "./http-client.ts";
import type { HttpRequester } from "./http-requester.ts";
import type { Paginator, PageToken } from "./paginators.ts";
import type { ParentStream, PartitionRouter } from "./partition-routers.ts";
import type { RecordSelector } from "./record-selector.ts";
import type { DatetimeBasedCursor } from "./datetime-cursor.ts";
import { combineParts, emptyParts, type RequestParts } from "./request-option.ts";
import type { RunContext } from "./run-context.ts";
import type { Slice } from "./templates.ts";

export interface SlicePlan {
  slice: Slice;
  /** What the partition router and cursor inject into the slice's requests. */
  parts: RequestParts;
}

export interface Page {
  records: Record<string, unknown>[];
  /** The token for the next page, or undefined on the last page. */
  next: PageToken;
  /** The error handler said IGNORE for this response. */
  ignored: boolean;
  status: number;
}

export interface RetrieverParts {
  requester: HttpRequester;
  paginator: Paginator;
  selector: RecordSelector;
  decode: Decode;
  router?: PartitionRouter;
  cursor?: DatetimeBasedCursor;
  ignoreSlicerOnPaginatedRequests: boolean;
}

export class StreamRunner implements ParentStream {
  constructor(
    readonly name: string,
    readonly parts: RetrieverParts,
  ) {}

  get requester(): HttpRequester {
    return this.parts.requester;
  }

  async *slices(run: RunContext): AsyncGenerator<SlicePlan> {
    const windows = this.parts.cursor ? [...this.parts.cursor.windows()] : [{ cursor: {}, parts: emptyParts() }];
    if (!this.parts.router) {
      for (const window of windows) yield { slice: { partition: {}, cursor: window.cursor }, parts: window.parts };
      return;
    }
    for await (const partition of this.parts.router.partitions(run)) {
      for (const window of windows) {
        yield { slice: { partition: partition.partition, cursor: window.cursor, extra: partition.extra }, parts: combineParts(partition.parts, window.parts) };
      }
    }
  }

  initialToken(): PageToken {
    return this.parts.paginator.initialToken();
  }

  /** The request a page would be sent as (for the coverage command's preview; nothing is sent). */
  prepare(run: RunContext, plan: SlicePlan, token: PageToken) {
    const { requester, paginator } = this.parts;
    const sliceParts = token && this.parts.ignoreSlicerOnPaginatedRequests ? emptyParts() : plan.parts;
    return requester.prepare(run, plan.slice, token, combineParts(paginator.parts(token), sliceParts), paginator.path(token));
  }

  async page(run: RunContext, plan: SlicePlan, token: PageToken): Promise<Page> {
    const { requester, paginator, selector, decode } = this.parts;
    const { response, ignored } = await sendRequest(run, () => this.prepare(run, plan, token), {
      decode,
      handler: requester.errorHandler,
      onUnauthorized: async () => (requester.authenticator.refresh ? requester.authenticator.refresh(run) : false),
    });
    if (ignored) return { records: [], next: undefined, ignored: true, status: response.status };
    const extracted = selector.extract(response.body).length;
    const records = selector.select(response.body, plan.slice, token);
    const next = paginator.nextToken({ response, extracted, lastRecord: records[records.length - 1], token });
    return { records, next, ignored: false, status: response.status };
  }

  async *records(run: RunContext): AsyncGenerator<{ record: Record<string, unknown>; partition: Record<string, unknown> }> {
    for await (const plan of this.slices(run)) {
      let token = this.initialToken();
      for (;;) {
        const page = await this.page(run, plan, token);
        for (const record of page.records) yield { record, partition: plan.slice.partition };
        if (!page.next) break;
        token = page.next;
      }
    }
  }
}
