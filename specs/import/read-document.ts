// Text → a description object and its format. JSON or YAML (a JSON text is read as JSON first,
// its error clearer); a BOM is dropped. YAML that breaks the 1.2 rules in ways PyYAML forgives
// (a quoted scalar continued at the key's indent, seen in real Swagger files) is read again
// leniently with `yaml`'s error-tolerant document, and the fault becomes a warning.
import { parseDocument } from "yaml";
import { ImportError } from "./import-error.ts";
import type { DescriptionFormat } from "./types.ts";

export interface ReadDocument {
  document: Record<string, any>;
  format: DescriptionFormat;
  warnings: string[];
}

function parseText(text: string, warnings: string[]): unknown {
  const trimmed = text.replace(/^\uFEFF/, "").trim();
  if (!trimmed) throw new ImportError("unreadable_document", "The document is empty.");
  if (trimmed.startsWith("{")) {
    try {
      return JSON.parse(trimmed);
    } catch (error) {
      throw new ImportError("unreadable_document", `The document is not valid JSON: ${(error as Error).message}`);
    }
  }
  const strict = parseDocument(trimmed, { uniqueKeys: false });
  if (strict.errors.length === 0) return strict.toJS({ maxAliasCount: -1 });
  let value: unknown;
  try {
    value = parseDocument(trimmed, { uniqueKeys: false, strict: false }).toJS({ maxAliasCount: -1 });
  } catch {
    value = undefined;
  }
  if (!value || typeof value !== "object") {
    throw new ImportError("unreadable_document", `The document is neither JSON nor YAML: ${strict.errors[0].message.split("\n")[0]}`);
  }
  warnings.push(`The YAML has ${strict.errors.length} fault(s), read leniently; first: ${strict.errors[0].message.split("\n")[0]}`);
  return value;
}

export function detectFormat(document: Record<string, any>): DescriptionFormat {
  if (typeof document.openapi === "string") {
    if (/^3\.1\./.test(document.openapi)) return "openapi-3.1";
    if (/^3\.0(\.|$)/.test(document.openapi)) return "openapi-3.0";
    throw new ImportError("unsupported_format", `OpenAPI ${document.openapi} is not supported (3.0 and 3.1 are).`);
  }
  if (document.swagger !== undefined) {
    if (String(document.swagger) === "2.0") return "swagger-2.0";
    throw new ImportError("unsupported_format", `Swagger ${document.swagger} is not supported (2.0 is).`);
  }
  const schema = typeof document.info?.schema === "string" ? document.info.schema : "";
  if (Array.isArray(document.item) && document.info) {
    if (/v2\.0\.\d/.test(schema)) return "postman-2.0";
    if (/v2\.1\.\d/.test(schema) || !schema) return "postman-2.1";
    throw new ImportError("unsupported_format", `This Postman collection format (${schema}) is not supported (2.0 and 2.1 are).`);
  }
  throw new ImportError("unsupported_format", "The document is not an OpenAPI 3.x, Swagger 2.0 or Postman 2.x description (no `openapi`, `swagger` or Postman `info`/`item`).");
}

export function readDocument(text: string): ReadDocument {
  const warnings: string[] = [];
  const value = parseText(text, warnings);
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new ImportError("unreadable_document", "The document is not a JSON or YAML object.");
  }
  const document = value as Record<string, any>;
  return { document, format: detectFormat(document), warnings };
}
