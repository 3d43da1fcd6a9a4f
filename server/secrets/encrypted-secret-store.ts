// The only place a secret value lives: AES-256-GCM with a fresh nonce per write, the secret's id
// bound in as associated data so a ciphertext copied under another id does not decrypt.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { SecretOwner, SecretStore } from "./types.ts";
import type { EncryptedSecret, SecretBackend } from "./secret-backend.ts";

export function newSecretId(): string {
  return `sec_${randomBytes(16).toString("base64url")}`;
}

export class EncryptedSecretStore implements SecretStore {
  readonly #key: Buffer;
  readonly #backend: SecretBackend;

  constructor(options: { key: Buffer; backend: SecretBackend }) {
    if (options.key.length !== 32) throw new Error("The secret key must be 32 bytes");
    this.#key = options.key;
    this.#backend = options.backend;
  }

  #encrypt(id: string, value: string): Pick<EncryptedSecret, "iv" | "tag" | "ciphertext"> {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    cipher.setAAD(Buffer.from(id, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(value, "utf8"), cipher.final()]);
    return { iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), ciphertext: ciphertext.toString("base64") };
  }

  #decrypt(record: EncryptedSecret): string {
    const decipher = createDecipheriv("aes-256-gcm", this.#key, Buffer.from(record.iv, "base64"));
    decipher.setAAD(Buffer.from(record.id, "utf8"));
    decipher.setAuthTag(Buffer.from(record.tag, "base64"));
    try {
      return Buffer.concat([decipher.update(Buffer.from(record.ciphertext, "base64")), decipher.final()]).toString("utf8");
    } catch {
      // Never echo the ciphertext or key material; the id is enough to find the record.
      throw new Error(`Secret ${record.id} could not be decrypted: wrong ONRAMP_SECRET_KEY or a tampered record`);
    }
  }

  async put(value: string, owner: SecretOwner): Promise<string> {
    if (typeof value !== "string") throw new TypeError("A secret value must be a string");
    const id = newSecretId();
    const now = new Date().toISOString();
    await this.#backend.put({ id, workspaceId: owner.workspaceId, owner: owner.owner, ...this.#encrypt(id, value), created_at: now, updated_at: now });
    return id;
  }

  async get(id: string): Promise<string | undefined> {
    const record = await this.#backend.get(id);
    return record ? this.#decrypt(record) : undefined;
  }

  async reassign(id: string, owner: SecretOwner): Promise<void> {
    const record = await this.#backend.get(id);
    if (!record) throw new Error(`Unknown secret ${id}`);
    await this.#backend.put({ ...record, workspaceId: owner.workspaceId, owner: owner.owner, updated_at: new Date().toISOString() });
  }

  async delete(id: string): Promise<void> {
    await this.#backend.delete(id);
  }

  async deleteByOwner(owner: string): Promise<number> {
    const ids = await this.#backend.idsByOwner(owner);
    for (const id of ids) await this.#backend.delete(id);
    return ids.length;
  }

  close(): Promise<void> {
    return this.#backend.close();
  }
}
