// Test helper: a definition for one of the real manifests kept in ./fixtures.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Definition } from "../../types.ts";
import { declarativeDefinitionFromText } from "../load-manifest.ts";

export const FIXTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures");

export function fixtureDefinition(name: string): Definition {
  const file = path.join(FIXTURES_DIR, `${name}.yaml`);
  return declarativeDefinitionFromText(readFileSync(file, "utf8"), file);
}
