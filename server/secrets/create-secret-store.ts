import { randomBytes } from "node:crypto";
import { EncryptedSecretStore } from "./encrypted-secret-store.ts";
import { fileSecretBackend, memorySecretBackend, type SecretBackend } from "./secret-backend.ts";
import { resolveSecretKey } from "./secret-key.ts";

/** The data-dir secret store (or a given backend, e.g. Postgres), keyed from config or the key file. */
export async function createSecretStore(options: {
  dataDir: string;
  secretKey?: string;
  backend?: SecretBackend;
}): Promise<EncryptedSecretStore> {
  const key = await resolveSecretKey({ secretKey: options.secretKey, dataDir: options.dataDir });
  return new EncryptedSecretStore({ key, backend: options.backend ?? fileSecretBackend(options.dataDir) });
}

/** In memory with a random key: for tests that need no persistence. */
export function createMemorySecretStore(): EncryptedSecretStore {
  return new EncryptedSecretStore({ key: randomBytes(32), backend: memorySecretBackend() });
}
