// Tells a sentence that answers other questions ("lat 52.52, lon 13.40, in metric units") from a
// passphrase, while a secret field is asked. Only the offline understander runs here, on the
// server, before anything reaches a model: a message it reads as values for named, non-secret
// fields is chat, not the secret being asked.
import type { Definition } from "../../specs/types.ts";
import { listFields } from "./fields.ts";
import { understandOffline } from "./offline.ts";

export function fillsOtherFields(text: string, definition: Definition, values: Record<string, unknown>, secretPath: string): boolean {
  // One word is the secret itself: only sentences are read for other fields.
  if (!/\s/.test(text.trim())) return false;
  const fields = listFields(definition);
  const named = understandOffline(text, { definition, pending: null, fields, values });
  return named.some(
    (decision) =>
      (decision.kind === "set" || decision.kind === "choose") &&
      decision.path !== secretPath &&
      fields.some((field) => field.path === decision.path && !field.secret),
  );
}
