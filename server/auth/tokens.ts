// Application tokens: random, shown once, stored only as a sha-256 hash.
import { createHash, randomBytes } from "node:crypto";
import type { ApiTokenRecord, Store } from "../store/types.ts";

export const DEFAULT_ORGANIZATION_ID = "org_default";
/** Application tokens carry this prefix so a setup-session token is told apart by its shape too. */
export const APPLICATION_TOKEN_PREFIX = "onr_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function generateApplicationToken(): string {
  return APPLICATION_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("base64url")}`;
}

/** Creates and stores a token; returns the token itself (the only time it exists in the clear). */
export async function createApplicationToken(
  store: Store,
  options: { name?: string; organizationId?: string; workspaceId?: string | null; token?: string } = {},
): Promise<{ token: string; record: ApiTokenRecord }> {
  const token = options.token ?? generateApplicationToken();
  const record: ApiTokenRecord = {
    id: newId("tok"),
    hash: hashToken(token),
    organizationId: options.organizationId ?? DEFAULT_ORGANIZATION_ID,
    workspaceId: options.workspaceId ?? null,
    name: options.name ?? "application token",
    created_at: new Date().toISOString(),
  };
  await store.putToken(record);
  return { token, record };
}
