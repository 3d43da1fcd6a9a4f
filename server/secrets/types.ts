// The only place a secret value lives. Everything else carries the secret id or the mask.

export interface SecretOwner {
  workspaceId: string;
  /** What the secret belongs to: "session:<id>", "connector:<id>", "oauth-client:<id>". */
  owner: string;
}

export interface SecretStore {
  /** Encrypts and stores a value; returns its id ("sec_..."). */
  put(value: string, owner: SecretOwner): Promise<string>;
  /** Decrypts a value; undefined when the id is unknown. */
  get(id: string): Promise<string | undefined>;
  /** Moves a secret to a new owner (a session's secret becoming a saved connector's). */
  reassign(id: string, owner: SecretOwner): Promise<void>;
  delete(id: string): Promise<void>;
  deleteByOwner(owner: string): Promise<number>;
}
