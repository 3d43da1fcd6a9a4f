// RecordSelector: DpathExtractor (a field path, `*` expanding every key or item), RecordFilter
// (a condition per record) and the stream's transformations, in the CDK's order (filter, then
// transform, unless transform_before_filtering).
import { dpathGet, dpathValues } from "./dpath.ts";
import { UnsupportedComponentError } from "./errors.ts";
import { requestVariables, type Slice, type Templates } from "./templates.ts";
import type { Transformation } from "./transformations.ts";

export type Extractor = (body: unknown) => unknown[];

export function dpathExtractor(model: Record<string, any>, templates: Templates): Extractor {
  const fieldPath: unknown[] = model.field_path ?? [];
  return (body) => {
    if (fieldPath.length === 0) return Array.isArray(body) ? body : body && typeof body === "object" && Object.keys(body).length > 0 ? [body] : [];
    const path = fieldPath.map((segment) => templates.text(segment));
    const extracted = path.includes("*") ? dpathValues(body, path) : (dpathGet(body, path) ?? []);
    if (Array.isArray(extracted)) return extracted;
    // A truthy single value is one record (Python's `elif extracted`).
    if (extracted && !(typeof extracted === "object" && Object.keys(extracted).length === 0)) return [extracted];
    return [];
  };
}

export function extractor(model: Record<string, any>, templates: Templates, at: string): Extractor {
  if (model.type === "DpathExtractor") return dpathExtractor(model, templates);
  throw new UnsupportedComponentError(String(model.type ?? "untyped extractor"), at);
}

export class RecordSelector {
  constructor(
    readonly extract: Extractor,
    private readonly filter: string | undefined,
    private readonly templates: Templates,
    private readonly transformations: Transformation[],
    private readonly transformFirst: boolean,
  ) {}

  static build(model: Record<string, any>, templates: Templates, at: string, transformations: Transformation[]): RecordSelector {
    const extract = extractor(model.extractor ?? { type: "DpathExtractor", field_path: [] }, templates.with(model.extractor?.$parameters), `${at}/extractor`);
    const filter = model.record_filter;
    if (filter && filter.type !== "RecordFilter") throw new UnsupportedComponentError(String(filter.type), `${at}/record_filter`);
    return new RecordSelector(extract, filter?.condition || undefined, templates.with(filter?.$parameters ?? model.$parameters), transformations, model.transform_before_filtering === true);
  }

  /** The records of one decoded response, for one slice and page token. */
  select(body: unknown, slice: Slice, token: Record<string, unknown> | undefined): Record<string, unknown>[] {
    // Records are copied, so a transformation never changes the response a paginator reads next.
    const raw = this.extract(body).map((record) => (record && typeof record === "object" ? structuredClone(record) : record) as Record<string, unknown>);
    const transform = (records: Record<string, unknown>[]) => records.map((record) => this.transformations.reduce((current, apply) => apply(current, slice), record));
    const keep = (records: Record<string, unknown>[]) =>
      this.filter ? records.filter((record) => this.templates.boolean(this.filter, { ...requestVariables(slice, token), record })) : records;
    return this.transformFirst ? keep(transform(raw)) : transform(keep(raw));
  }
}
