export {
  applicationAuth,
  authenticateApplication,
  assertWorkspaceAccess,
  assertOrganizationWide,
  authorizeInWorkspace,
  bearerToken,
  forbidden,
  resolveWorkspace,
  type AppAuth,
  type AuthEnv,
} from "./application-auth.ts";
export {
  APPLICATION_TOKEN_PREFIX,
  DEFAULT_ORGANIZATION_ID,
  createApplicationToken,
  generateApplicationToken,
  hashToken,
  newId,
} from "./tokens.ts";
