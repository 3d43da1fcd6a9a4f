// A declarative definition made ready to run for one config: its resolved manifest (refused when
// it did not resolve or validate, with the reason), a component factory, and its streams by name.
import type { Definition } from "../types.ts";
import { loadedManifest } from "./manifest-cache.ts";
import { ComponentFactory } from "./runtime/factory.ts";
import type { StreamRunner } from "./runtime/stream-runner.ts";
import type { Clock } from "./runtime/templates.ts";

/** Why a manifest cannot run at all (before any component is built). */
export class ManifestUnusable extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ManifestUnusable";
  }
}

export interface OpenSource {
  manifest: Record<string, any>;
  factory: ComponentFactory;
  streamNames(): string[];
  /** Builds the stream (throws UnsupportedComponentError, ManifestError, ConfigValueError). */
  stream(name: string): StreamRunner;
}

export function openSource(definition: Definition, config: Record<string, unknown>, clock: Clock = {}): OpenSource {
  const loaded = loadedManifest(definition);
  if (!loaded) throw new ManifestUnusable(`${definition.displayName} is not a declarative connector.`);
  if (loaded.error || !loaded.resolved) throw new ManifestUnusable(`The connector's manifest cannot be used: ${loaded.error ?? "it is empty"}.`);
  if (loaded.issues.length > 0) {
    const first = loaded.issues[0];
    throw new ManifestUnusable(`The connector's manifest does not meet Airbyte's declarative schema at ${first.path || "/"} (${first.message}), so Onramp cannot run it.`);
  }
  const manifest = loaded.resolved;
  const factory = new ComponentFactory(manifest, config, clock);
  const models = () => new Map(factory.streamModels().map((entry) => [String(entry.model.name), entry]));
  return {
    manifest,
    factory,
    streamNames: () => [...models().keys()],
    stream(name) {
      const entry = models().get(name);
      if (!entry) throw new ManifestUnusable(`The connector has no stream named ${name}.`);
      return factory.stream(entry.model, entry.at);
    },
  };
}
