// Test helper: the shared Airbyte spec corpus, when it sits beside the repo.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Definition } from "../types.ts";
import { definitionFromObject } from "../definition-file.ts";

export const CORPUS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../shared/airbyte-specs");
export const corpusPresent = existsSync(CORPUS_DIR);
if (!corpusPresent) console.warn(`[skip] ${CORPUS_DIR} is absent: tests on real Airbyte specs are skipped`);

export function corpusDefinition(name: string): Definition {
  const file = path.join(CORPUS_DIR, `${name}.json`);
  return definitionFromObject(JSON.parse(readFileSync(file, "utf8")), CORPUS_DIR, file);
}
