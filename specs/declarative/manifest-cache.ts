// The resolved manifest of a declarative definition, made on first use and kept: read (from the
// file, or the manifest held in memory), references resolved, types and $parameters propagated
// as the CDK does, then validated against the vendored declarative schema. A manifest that fails
// any step is still returned, with the reason, so setup goes on and the check can say why.
import { readFileSync } from "node:fs";
import type { DeclarativeManifestSource, Definition } from "../types.ts";
import { parseManifestYaml } from "./load-manifest.ts";
import { resolveReferences } from "./resolve-references.ts";
import { propagateManifest } from "./propagate-components.ts";
import { validateManifest, type ManifestIssue } from "./validate-manifest.ts";

export interface LoadedManifest {
  /** The manifest after references, default types and $parameters: what the runtime reads. */
  resolved?: Record<string, any>;
  /** Why the manifest could not even be resolved (unreadable, a dangling reference). */
  error?: string;
  /** Where it does not meet the declarative schema (empty when it validates). */
  issues: ManifestIssue[];
}

const cache = new WeakMap<DeclarativeManifestSource, LoadedManifest>();

/** Resolves, propagates and validates one manifest object. */
export function prepareManifest(raw: Record<string, unknown>): LoadedManifest {
  try {
    const manifest = "type" in raw ? raw : { ...raw, type: "DeclarativeSource" };
    const resolved = propagateManifest(resolveReferences(manifest));
    return { resolved, issues: validateManifest(resolved) };
  } catch (error) {
    return { error: (error as Error).message, issues: [] };
  }
}

function read(source: DeclarativeManifestSource): LoadedManifest {
  if (source.manifest) return prepareManifest(source.manifest);
  if (!source.file) return { error: "the definition names no manifest", issues: [] };
  let raw: Record<string, unknown>;
  try {
    raw = parseManifestYaml(readFileSync(source.file, "utf8"));
  } catch (error) {
    return { error: `the manifest could not be read: ${(error as Error).message}`, issues: [] };
  }
  return prepareManifest(raw);
}

/** The definition's manifest, resolved and validated (once per definition); undefined when it has none. */
export function loadedManifest(definition: Definition): LoadedManifest | undefined {
  const source = definition.declarative;
  if (!source) return undefined;
  let loaded = cache.get(source);
  if (!loaded) {
    loaded = read(source);
    cache.set(source, loaded);
  }
  return loaded;
}
