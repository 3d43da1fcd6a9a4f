// Partition routers: ListPartitionRouter (one partition per listed value) and
// SubstreamPartitionRouter (one per record of a parent stream, read page by page as needed), and
// the cartesian product when a retriever lists several. Partitions come lazily: a check needs
// only the first, which needs only the parent's first page.
import { configFieldsOf } from "./config-fields.ts";
import { dpathGet } from "./dpath.ts";
import { ConfigValueError, ManifestError, UnsupportedComponentError } from "./errors.ts";
import { combineParts, emptyParts, RequestOption, type RequestParts } from "./request-option.ts";
import type { RunContext } from "./run-context.ts";
import type { Templates } from "./templates.ts";

export interface Partition {
  partition: Record<string, unknown>;
  extra?: Record<string, unknown>;
  parts: RequestParts;
}

export interface PartitionRouter {
  partitions(run: RunContext): AsyncGenerator<Partition>;
}

/** What a substream router needs of its parent: its records, in order. */
export interface ParentStream {
  name: string;
  records(run: RunContext): AsyncGenerator<{ record: Record<string, unknown>; partition: Record<string, unknown> }>;
}

export function listPartitionRouter(model: Record<string, any>, templates: Templates, at: string): PartitionRouter {
  const option = model.request_option ? new RequestOption(model.request_option, templates, `${at}/request_option`) : undefined;
  return {
    async *partitions() {
      const field = templates.text(model.cursor_field);
      const values = typeof model.values === "string" ? templates.string(model.values) : model.values;
      if (!Array.isArray(values)) {
        throw new ConfigValueError(`The list of ${field || "values"} this connector reads one by one is not a list (${JSON.stringify(values)}).`, configFieldsOf(model.values));
      }
      for (const raw of values) {
        const value = typeof raw === "string" ? templates.string(raw) : raw;
        const parts = emptyParts();
        option?.inject(parts, value);
        yield { partition: { [field]: value }, parts };
      }
    },
  };
}

export function substreamPartitionRouter(model: Record<string, any>, templates: Templates, at: string, parentOf: (config: Record<string, any>, at: string) => ParentStream): PartitionRouter {
  const configs: Array<Record<string, any>> = model.parent_stream_configs ?? [];
  if (configs.length === 0) throw new ManifestError("SubstreamPartitionRouter has no parent_stream_configs", at);
  const plans = configs.map((config, index) => {
    const where = `${at}/parent_stream_configs/${index}`;
    const own = templates.with(config.$parameters);
    return {
      parent: parentOf(config.stream, `${where}/stream`),
      key: own.text(config.parent_key).split("/"),
      field: own.text(config.partition_field),
      option: config.request_option ? new RequestOption(config.request_option, own, `${where}/request_option`) : undefined,
      extra: (config.extra_fields ?? []).map((path: unknown[]) => path.map((segment) => own.text(segment))) as string[][],
    };
  });
  return {
    async *partitions(run) {
      for (const plan of plans) {
        for await (const { record, partition } of plan.parent.records(run)) {
          const value = dpathGet(record, plan.key);
          if (value === undefined || value === null) continue;
          const parts = emptyParts();
          plan.option?.inject(parts, value);
          const extra: Record<string, unknown> = {};
          for (const path of plan.extra) extra[path.join(".")] = dpathGet(record, path);
          yield { partition: { [plan.field]: value, parent_slice: partition }, extra, parts };
        }
      }
    },
  };
}

/** Several routers: every combination of their partitions, merged (the CDK's CartesianProductStreamSlicer). */
export function cartesianProduct(routers: PartitionRouter[]): PartitionRouter {
  if (routers.length === 1) return routers[0];
  return {
    async *partitions(run) {
      async function* from(index: number, acc: Partition): AsyncGenerator<Partition> {
        if (index === routers.length) {
          yield acc;
          return;
        }
        for await (const next of routers[index].partitions(run)) {
          yield* from(index + 1, { partition: { ...acc.partition, ...next.partition }, extra: { ...acc.extra, ...next.extra }, parts: combineParts(acc.parts, next.parts) });
        }
      }
      yield* from(0, { partition: {}, extra: {}, parts: emptyParts() });
    },
  };
}

export function unsupportedRouter(model: Record<string, any>, at: string): never {
  throw new UnsupportedComponentError(String(model?.type ?? "untyped partition router"), at);
}
