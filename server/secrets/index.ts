export type { SecretOwner, SecretStore } from "./types.ts";
export { EncryptedSecretStore, newSecretId } from "./encrypted-secret-store.ts";
export { resolveSecretKey, parseSecretKey, KEY_FILE_NAME } from "./secret-key.ts";
export {
  fileSecretBackend,
  memorySecretBackend,
  RecordSecretBackend,
  type EncryptedSecret,
  type SecretBackend,
} from "./secret-backend.ts";
export { createSecretStore, createMemorySecretStore } from "./create-secret-store.ts";
