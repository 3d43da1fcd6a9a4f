// What every form field needs from the form view, passed down as one object.
import type { FormOp } from "../../../agent/protocol.ts";

export interface FormContext {
  values: Record<string, unknown>;
  stored: Record<string, true>;
  errors: Record<string, string>;
  touched: Record<string, true>;
  patch(ops: FormOp[]): void;
  secret(path: string, value: string): void;
  touch(path: string): void;
}

export function fieldId(path: string): string {
  return "f" + (path.replace(/[^a-zA-Z0-9_-]/g, "_") || "_root");
}
