// Turns one file of a definitions folder into a Definition. Accepts the shared corpus format
// ({ name, kind, definitionId, connectionSpecification, ... }), a bare Airbyte spec.json
// ({ documentationUrl, connectionSpecification, advanced_auth }), a `spec` command message
// ({ type: "SPEC", spec }) and a low-code manifest's `spec:` (snake_case keys).
import { createHash } from "node:crypto";
import path from "node:path";
import type { CheckKind, ConnectorKind, Definition } from "./types.ts";
import { repairSchema } from "./repair.ts";
import { formatAccepts } from "./ajv.ts";

// Our own namespace for name-derived ids, so the same name always gets the same id.
const NAMESPACE = "5f0c8d1e-3b7a-4c52-9e61-0a4f2d8b7c39";

/** A stable UUID (version 5 layout: SHA-1 of namespace + name) for a definition name. */
export function uuidFromName(name: string): string {
  const namespace = Buffer.from(NAMESPACE.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(namespace).update(name).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Connectors whose upstream config keys our real checks understand. */
const CHECK_BY_NAME: Record<string, CheckKind> = {
  "source-postgres": "postgres",
  "destination-postgres": "postgres",
  "source-alloydb": "postgres",
  "source-mysql": "mysql",
  "destination-mysql": "mysql",
  "source-mariadb": "mysql",
};

function titleCase(words: string): string {
  return words.replace(/[-_]+/g, " ").replace(/\b\w/g, (letter) => letter.toUpperCase());
}

export function definitionFromObject(raw: Record<string, any>, origin: string, fileName?: string): Definition {
  const body: Record<string, any> = raw.type === "SPEC" && raw.spec ? raw.spec : raw.spec && !raw.connectionSpecification ? raw.spec : raw;
  const specification = body.connectionSpecification ?? body.connection_specification;
  if (!specification || typeof specification !== "object") {
    throw new Error("no connectionSpecification object");
  }
  const baseName = fileName ? path.basename(fileName).replace(/\.(json|ya?ml)$/i, "").replace(/\.spec$/, "") : undefined;
  const name: string = raw.name ?? body.name ?? baseName ?? specification.title;
  if (!name) throw new Error("no name and no file name to derive one from");
  const kind: ConnectorKind =
    raw.kind === "destination" || raw.kind === "source" ? raw.kind : name.startsWith("destination-") ? "destination" : "source";
  const { schema, repairs } = repairSchema(specification, { formatAccepts });
  const definition: Definition = {
    id: raw.definitionId ?? raw.id ?? raw.sourceDefinitionId ?? raw.destinationDefinitionId ?? uuidFromName(name),
    name,
    kind,
    displayName: raw.displayName ?? titleCase(name.replace(/^(source|destination)-/, "")),
    documentationUrl: body.documentationUrl ?? body.documentation_url ?? raw.documentationUrl,
    connectionSpecification: schema,
    origin,
    check: (raw.check as CheckKind | undefined) ?? CHECK_BY_NAME[name] ?? "none",
  };
  const advancedAuth = body.advanced_auth ?? raw.advanced_auth;
  if (advancedAuth) definition.advanced_auth = advancedAuth;
  if (raw.oauth) definition.oauth = raw.oauth;
  if (raw.httpCheck) definition.httpCheck = raw.httpCheck;
  if (raw.icon) definition.icon = raw.icon;
  if (repairs.length > 0) definition.repairs = repairs;
  return definition;
}
