// Where the secret store's AES-256 key comes from: the operator's ONRAMP_SECRET_KEY, else a key
// file generated once in the data dir and readable only by its owner.
import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";

export const KEY_FILE_NAME = "secret.key";

/** Accepts 32 bytes as base64, base64url or hex. */
export function parseSecretKey(raw: string): Buffer {
  const text = raw.trim();
  const candidates = [
    /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, "hex") : undefined,
    Buffer.from(text, "base64"),
    Buffer.from(text, "base64url"),
  ];
  const key = candidates.find((candidate) => candidate?.length === 32);
  if (!key) throw new Error("ONRAMP_SECRET_KEY must be 32 bytes, written as base64 or hex (e.g. `openssl rand -base64 32`)");
  return key;
}

export async function resolveSecretKey(options: { secretKey?: string; dataDir: string }): Promise<Buffer> {
  if (options.secretKey) return parseSecretKey(options.secretKey);
  const file = path.join(options.dataDir, KEY_FILE_NAME);
  try {
    const key = parseSecretKey(await readFile(file, "utf8"));
    // A copied or restored data dir may have loosened the mode: the key stays owner-only.
    if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(options.dataDir, { recursive: true });
  const generated = randomBytes(32).toString("base64");
  try {
    // "wx": two processes starting at once must not overwrite each other's key.
    await writeFile(file, generated + "\n", { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return parseSecretKey(await readFile(file, "utf8"));
  }
  await chmod(file, 0o600);
  return parseSecretKey(generated);
}
