// A declarative (Airbyte low-code) manifest becomes a Definition: `spec.connection_specification`
// is its spec (repaired like any other), `spec.advanced_auth` comes along, and `check` is
// "declarative". At catalog load only the manifest's top-level `spec:` block is parsed (a manifest
// is ~60 KB of YAML and the spec a few hundred lines of it); the whole manifest is read, resolved
// and validated on first use (manifest-cache.ts). When the block cannot be cut out cleanly (no
// top-level `spec:`, references or aliases inside it) the whole file is parsed instead.
import path from "node:path";
import { load as loadYaml } from "js-yaml";
import type { Definition } from "../types.ts";
import { definitionFromObject } from "../definition-file.ts";
import { resolveReferences } from "./resolve-references.ts";

const DECLARATIVE_TYPE = /^type:[ \t]*["']?DeclarativeSource["']?[ \t]*(#.*)?$/m;
const SPEC_LINE = /^spec:[ \t]*(#.*)?$/m;
// The next top-level key: a line starting with something other than space, comment or list dash.
const TOP_LEVEL_LINE = /^[^\s#-]/m;

const TOP_CHECK = /^check:[ \t]*(#.*)?$/m;
const TOP_STREAMS = /^(streams|dynamic_streams):[ \t]*(#.*)?$/m;

/**
 * True when a YAML text is a declarative manifest: `type: DeclarativeSource` at the top level,
 * or, as the CDK accepts (it adds the type when missing), a top-level `check:` with `streams:`.
 */
export function isDeclarativeText(text: string): boolean {
  return DECLARATIVE_TYPE.test(text) || (TOP_CHECK.test(text) && TOP_STREAMS.test(text));
}

/**
 * YAML the way the CDK reads it (PyYAML safe_load): a repeated key keeps its last value instead
 * of failing the file. js-yaml, because it parses these manifests about four times faster than
 * the `yaml` package the rest of the catalog uses (measured: 3.6 s against 11.8 s for the 375
 * shared manifests), and manifests are by far the largest files a catalog holds.
 */
export function parseManifestYaml(text: string): Record<string, any> {
  const value = loadYaml(text, { json: true });
  if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("the manifest is not a YAML mapping");
  return value as Record<string, any>;
}

/** `source-x.yaml` → `source-x`; `source-x/manifest.yaml` → `source-x`. */
export function manifestName(file: string): string {
  const base = path.basename(file).replace(/\.ya?ml$/i, "");
  return base === "manifest" ? path.basename(path.dirname(file)) : base;
}

function specBlock(text: string): Record<string, any> | undefined {
  const start = text.search(SPEC_LINE);
  if (start < 0) return undefined;
  const rest = text.slice(start);
  const lineEnd = rest.indexOf("\n");
  const next = lineEnd < 0 ? -1 : rest.slice(lineEnd + 1).search(TOP_LEVEL_LINE);
  const block = next < 0 ? rest : rest.slice(0, lineEnd + 1 + next);
  // A reference or an alias points outside the block: only the whole file can say what it means.
  if (block.includes("#/") || block.includes("$ref") || /(^|[\s:[,-])[*&][\w-]/.test(block)) return undefined;
  try {
    const spec = (loadYaml(block, { json: true }) as { spec?: unknown } | undefined)?.spec;
    return spec && typeof spec === "object" ? (spec as Record<string, any>) : undefined;
  } catch {
    return undefined;
  }
}

/** The manifest's `spec` (references resolved), reading as little of the text as it can. */
export function manifestSpec(text: string): Record<string, any> {
  const fast = specBlock(text);
  if (fast) return fast;
  const resolved = resolveReferences(parseManifestYaml(text));
  const spec = resolved.spec;
  if (!spec || typeof spec !== "object") throw new Error("the manifest has no spec");
  return spec;
}

function fromSpec(spec: Record<string, any>, name: string, origin: string): Definition {
  const definition = definitionFromObject({ name, spec }, origin);
  definition.check = "declarative";
  return definition;
}

/** A definition for a manifest file's text; the manifest itself is read again on first use. */
export function declarativeDefinitionFromText(text: string, file: string, origin: string = path.dirname(file)): Definition {
  const definition = fromSpec(manifestSpec(text), manifestName(file), origin);
  definition.declarative = { file: path.resolve(file) };
  return definition;
}

/** A definition for a manifest held in memory (a generated connector, a test). */
export function declarativeDefinition(manifest: Record<string, unknown>, name: string, origin = "manifest"): Definition {
  let spec: unknown;
  try {
    spec = resolveReferences(manifest).spec;
  } catch {
    // A dangling reference elsewhere must not stop setup; the check will name it.
    spec = manifest.spec;
  }
  if (!spec || typeof spec !== "object") throw new Error("the manifest has no spec");
  const definition = fromSpec(spec as Record<string, any>, name, origin);
  definition.declarative = { manifest };
  return definition;
}
