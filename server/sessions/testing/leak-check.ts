// Searches everywhere a secret must never appear: the model gateway's log, every event and
// response sent, the logs, and every file under the data dir (the encrypted secret store
// included: only ciphertext lives there, so the plaintext must not be found in it either).
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

export interface LeakSource {
  label: string;
  text: string;
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath ?? (entry as { path: string }).path, entry.name));
}

/** The places (labels or file paths) where any of the canaries was found; empty when none. */
export async function findLeaks(canaries: string[], sources: LeakSource[], dataDirs: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const source of sources) {
    for (const canary of canaries) if (source.text.includes(canary)) found.push(source.label);
  }
  for (const dir of dataDirs) {
    for (const file of await filesUnder(dir)) {
      const text = await readFile(file, "utf8").catch(() => "");
      for (const canary of canaries) if (text.includes(canary)) found.push(file);
    }
  }
  return found;
}
