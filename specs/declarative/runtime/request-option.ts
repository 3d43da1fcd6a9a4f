// RequestOption (inject a value into a query parameter, header, form body or JSON body) and the
// merge of the option sets a request is built from, as the CDK's combine_mappings: the same key
// from two places with two different values is a manifest fault, not a silent overwrite.
import { ManifestError } from "./errors.ts";
import type { Templates } from "./templates.ts";

export type InjectInto = "request_parameter" | "header" | "body_data" | "body_json";

export interface RequestParts {
  params: Record<string, unknown>;
  headers: Record<string, unknown>;
  bodyJson: Record<string, unknown>;
  bodyData: Record<string, unknown>;
}

export const emptyParts = (): RequestParts => ({ params: {}, headers: {}, bodyJson: {}, bodyData: {} });

const PART: Record<InjectInto, keyof RequestParts> = { request_parameter: "params", header: "headers", body_data: "bodyData", body_json: "bodyJson" };

export class RequestOption {
  readonly injectInto: InjectInto;
  constructor(
    private readonly model: Record<string, any>,
    private readonly templates: Templates,
    at: string,
  ) {
    if (!(model.inject_into in PART)) throw new ManifestError(`RequestOption inject_into "${model.inject_into}" is not one of ${Object.keys(PART).join(", ")}`, at);
    if (!model.field_name && !Array.isArray(model.field_path)) throw new ManifestError("RequestOption needs field_name or field_path", at);
    this.injectInto = model.inject_into;
  }

  /** Sets `value` at the option's place in `parts` (a nested path for a JSON body's field_path). */
  inject(parts: RequestParts, value: unknown): void {
    const target = parts[PART[this.injectInto]];
    if (Array.isArray(this.model.field_path) && this.injectInto === "body_json") {
      const path = this.model.field_path.map((segment: unknown) => this.templates.text(segment));
      let node: Record<string, unknown> = target;
      for (const segment of path.slice(0, -1)) {
        if (!node[segment] || typeof node[segment] !== "object") node[segment] = {};
        node = node[segment] as Record<string, unknown>;
      }
      node[path[path.length - 1]] = value;
      return;
    }
    const name = this.model.field_name ?? this.model.field_path?.[this.model.field_path.length - 1];
    target[this.templates.text(name)] = value;
  }
}

function mergeInto(target: Record<string, unknown>, source: Record<string, unknown>, nested: boolean, where: string): void {
  for (const [key, value] of Object.entries(source)) {
    if (!(key in target)) {
      target[key] = value;
      continue;
    }
    const existing = target[key];
    const bothObjects = nested && existing && value && typeof existing === "object" && typeof value === "object" && !Array.isArray(existing) && !Array.isArray(value);
    if (bothObjects) mergeInto(existing as Record<string, unknown>, value as Record<string, unknown>, nested, where);
    else if (JSON.stringify(existing) !== JSON.stringify(value)) throw new ManifestError(`the ${where} "${key}" is set twice with different values`, "");
  }
}

/** Merges option sets in order (requester, authenticator, paginator, slicer), refusing conflicts. */
export function combineParts(...sets: RequestParts[]): RequestParts {
  const out = emptyParts();
  for (const set of sets) {
    mergeInto(out.params, set.params, false, "query parameter");
    mergeInto(out.headers, set.headers, false, "header");
    mergeInto(out.bodyJson, set.bodyJson, true, "JSON body field");
    mergeInto(out.bodyData, set.bodyData, false, "form body field");
  }
  return out;
}
