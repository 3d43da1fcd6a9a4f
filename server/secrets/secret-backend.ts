// Where encrypted secret records are kept. Only ciphertext ever reaches a backend.
import { LowdbBackend } from "../store/lowdb-backend.ts";
import { MemoryBackend, type RecordBackend } from "../store/record-backend.ts";

export interface EncryptedSecret {
  id: string;
  workspaceId: string;
  owner: string;
  /** base64 of the 12-byte nonce, the GCM tag and the ciphertext. */
  iv: string;
  tag: string;
  ciphertext: string;
  created_at: string;
  updated_at: string;
}

export interface SecretBackend {
  get(id: string): Promise<EncryptedSecret | undefined>;
  put(record: EncryptedSecret): Promise<void>;
  delete(id: string): Promise<void>;
  idsByOwner(owner: string): Promise<string[]>;
  close(): Promise<void>;
}

/** One small file (or memory entry) per secret, with an owner index built on first need. */
export class RecordSecretBackend implements SecretBackend {
  readonly #records: RecordBackend;
  #owners: Map<string, Set<string>> | undefined;
  // id → owner, to keep the index right on reassign/delete without re-reading.
  readonly #ownerOf = new Map<string, string>();

  constructor(records: RecordBackend) {
    this.#records = records;
  }

  async #index(): Promise<Map<string, Set<string>>> {
    if (!this.#owners) {
      const owners = new Map<string, Set<string>>();
      for (const record of await this.#records.list<EncryptedSecret>("secrets")) {
        this.#ownerOf.set(record.id, record.owner);
        owners.set(record.owner, (owners.get(record.owner) ?? new Set()).add(record.id));
      }
      this.#owners = owners;
    }
    return this.#owners;
  }

  #unindex(id: string): void {
    const owner = this.#ownerOf.get(id);
    if (owner !== undefined) this.#owners?.get(owner)?.delete(id);
    this.#ownerOf.delete(id);
  }

  get(id: string): Promise<EncryptedSecret | undefined> {
    return this.#records.read<EncryptedSecret>("secrets", id);
  }

  async put(record: EncryptedSecret): Promise<void> {
    await this.#records.write("secrets", record.id, record);
    this.#unindex(record.id);
    this.#ownerOf.set(record.id, record.owner);
    if (this.#owners) this.#owners.set(record.owner, (this.#owners.get(record.owner) ?? new Set()).add(record.id));
  }

  async delete(id: string): Promise<void> {
    await this.#records.remove("secrets", id);
    this.#unindex(id);
  }

  async idsByOwner(owner: string): Promise<string[]> {
    return [...((await this.#index()).get(owner) ?? [])];
  }

  close(): Promise<void> {
    return this.#records.close();
  }
}

export function fileSecretBackend(dataDir: string): SecretBackend {
  return new RecordSecretBackend(new LowdbBackend(dataDir));
}

export function memorySecretBackend(): SecretBackend {
  return new RecordSecretBackend(new MemoryBackend());
}
