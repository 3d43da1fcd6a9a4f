// First-start state: the `default` workspace and an application token to call the API with.
import type { Store } from "./store/types.ts";
import type { Config } from "./config.ts";
import { DEFAULT_ORGANIZATION_ID, createApplicationToken, hashToken, newId } from "./auth/index.ts";

export const DEFAULT_WORKSPACE_NAME = "default";

export interface FirstStart {
  createdDefaultWorkspace: boolean;
  /** Set only when this start generated a token: the one moment it exists in the clear. */
  generatedToken?: string;
  /** True when ONRAMP_API_TOKEN was given (and is now accepted). */
  configuredToken: boolean;
}

export async function ensureDefaults(
  store: Store,
  config: Pick<Config, "apiToken">,
  options: { generateToken?: boolean } = {},
): Promise<FirstStart> {
  const result: FirstStart = { createdDefaultWorkspace: false, configuredToken: false };
  if (!(await store.findWorkspaceByName(DEFAULT_ORGANIZATION_ID, DEFAULT_WORKSPACE_NAME))) {
    await store.putWorkspace({ id: newId("ws"), name: DEFAULT_WORKSPACE_NAME, organizationId: DEFAULT_ORGANIZATION_ID, created_at: new Date().toISOString() });
    result.createdDefaultWorkspace = true;
  }
  if (config.apiToken) {
    result.configuredToken = true;
    if (!(await store.findTokenByHash(hashToken(config.apiToken)))) {
      await createApplicationToken(store, { token: config.apiToken, name: "ONRAMP_API_TOKEN" });
    }
  } else if (options.generateToken !== false && (await store.listTokens()).length === 0) {
    result.generatedToken = (await createApplicationToken(store, { name: "first start" })).token;
  }
  return result;
}

/** How to use the API, printed once on the first start. */
export function firstStartMessage(firstStart: FirstStart, baseUrl: string): string | undefined {
  if (!firstStart.generatedToken) return undefined;
  return [
    "",
    "Onramp created an application token (shown only this once; store it somewhere safe):",
    "",
    `  ${firstStart.generatedToken}`,
    "",
    "Open the console (the token travels in the URL fragment, never to the server's logs):",
    `  ${baseUrl}/#token=${firstStart.generatedToken}`,
    "",
    "Call the management API with it, e.g.:",
    `  curl -H "Authorization: Bearer <token>" ${baseUrl}/api/v1/workspaces`,
    "Make another with `npx onramp token create [--workspace NAME]`, or set ONRAMP_API_TOKEN.",
    "",
  ].join("\n");
}
