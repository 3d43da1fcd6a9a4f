// Reads Airbyte connector registries (ONRAMP_CATALOG_REGISTRY: files or http(s) URLs) into the
// catalog. Every registry read fresh is cached in the data dir, so a restart without network
// still has it; a registry that can be read neither fresh nor from the cache leaves the catalog
// as it was (built-ins and folders keep working) and says why, in the log and in /healthz.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { definitionsFromRegistry, type CatalogLookup, type Definition } from "../../specs/index.ts";
import type { Logger } from "../deps.ts";

export interface RegistryStatus {
  /** The file or URL as configured. */
  source: string;
  /** loaded: read fresh; cached: the fresh read failed and the data dir's copy was used; failed: neither. */
  status: "loaded" | "cached" | "failed";
  /** Usable definitions the registry holds. */
  definitions: number;
  /** Added to the catalog (names it did not know yet). */
  added: number;
  /** Names the catalog already had: a built-in or a folder's definition wins over a registry's. */
  shadowed: number;
  /** Entries left out (tombstoned, no spec, a name given twice). */
  skipped: number;
  /** When the registry used was read from its source. */
  fetched_at?: string;
  /** Why the fresh read failed (status cached or failed). */
  error?: string;
}

export interface RegistryOptions {
  dataDir: string;
  timeoutMs?: number;
  log: Logger;
}

const isUrl = (source: string) => /^https?:\/\//i.test(source);

export function registryCacheFile(dataDir: string, source: string): string {
  const key = createHash("sha256").update(source).digest("hex").slice(0, 16);
  return path.join(dataDir, "catalog-cache", `registry-${key}.json`);
}

async function readFresh(source: string, timeoutMs: number): Promise<string> {
  if (!isUrl(source)) return readFile(source, "utf8");
  const response = await fetch(source, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "application/json" } }).catch((error: Error) => {
    throw new Error(error.name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : `cannot fetch it (${(error.cause as Error | undefined)?.message ?? error.message})`);
  });
  if (!response.ok) throw new Error(`the server answered HTTP ${response.status}`);
  return response.text();
}

async function writeCache(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, file);
}

/** The registry's definitions, fresh when possible, else the cached copy; never throws. */
export async function readRegistry(
  source: string,
  options: Pick<RegistryOptions, "dataDir" | "timeoutMs">,
): Promise<{ status: RegistryStatus["status"]; definitions: Definition[]; skipped: number; fetchedAt?: string; error?: string }> {
  const cacheFile = registryCacheFile(options.dataDir, source);
  let freshError: string;
  try {
    const text = await readFresh(source, options.timeoutMs ?? 30_000);
    const parsed = definitionsFromRegistry(JSON.parse(text), `registry:${source}`);
    await writeCache(cacheFile, text).catch(() => undefined);
    return { status: "loaded", definitions: parsed.definitions, skipped: parsed.skipped.length, fetchedAt: new Date().toISOString() };
  } catch (error) {
    freshError = error instanceof SyntaxError ? "it is not JSON" : (error as Error).message;
    if ((error as NodeJS.ErrnoException).code === "ENOENT") freshError = "no such file";
  }
  try {
    const [text, info] = await Promise.all([readFile(cacheFile, "utf8"), stat(cacheFile)]);
    const parsed = definitionsFromRegistry(JSON.parse(text), `registry:${source}`);
    return { status: "cached", definitions: parsed.definitions, skipped: parsed.skipped.length, fetchedAt: info.mtime.toISOString(), error: freshError };
  } catch {
    return { status: "failed", definitions: [], skipped: 0, error: freshError };
  }
}

/** Adds each configured registry's definitions the catalog does not have yet; one status per registry. */
export async function loadRegistries(catalog: CatalogLookup, sources: string[], options: RegistryOptions): Promise<RegistryStatus[]> {
  const statuses: RegistryStatus[] = [];
  for (const source of sources) {
    const read = await readRegistry(source, options);
    let added = 0;
    let shadowed = 0;
    for (const definition of read.definitions) {
      if (catalog.get(definition.name) || catalog.get(definition.id)) shadowed += 1;
      else {
        catalog.add(definition);
        added += 1;
      }
    }
    const status: RegistryStatus = {
      source,
      status: read.status,
      definitions: read.definitions.length,
      added,
      shadowed,
      skipped: read.skipped,
      ...(read.fetchedAt ? { fetched_at: read.fetchedAt } : {}),
      ...(read.error ? { error: read.error } : {}),
    };
    statuses.push(status);
    const counts = { added, shadowed, skipped: read.skipped };
    if (read.status === "loaded") options.log.info(`Catalog registry ${source}: ${added} connectors added`, counts);
    else if (read.status === "cached") {
      options.log.warn(`Catalog registry ${source} could not be read (${read.error}); using the copy cached at ${read.fetchedAt}`, counts);
    } else {
      options.log.warn(`Catalog registry ${source} could not be read (${read.error}) and no cached copy exists; only the other connectors are available`);
    }
  }
  return statuses;
}
