// The SessionPort handed to the agent for one action on one session. It works on the action's
// copy of the SessionRecord (saved once the action ends) and sends events through `emit`.
import type { SessionPort } from "../../agent/session-port.ts";
import { PROTOCOL_VERSION, type Author, type FieldErrorWire, type FormOp, type ServerEvent } from "../../agent/protocol.ts";
import {
  SECRET_MASK,
  describeError,
  runCheck,
  setAt,
  validatePaths,
  type CatalogLookup,
  type CheckResult,
  type Definition,
} from "../../specs/index.ts";
import type { Config } from "../config.ts";
import type { SecretStore } from "../secrets/types.ts";
import type { SessionRecord, Store } from "../store/types.ts";
import { revealSecrets } from "../secrets/seal-secrets.ts";
import { saveConnector } from "../connectors/save-connector.ts";
import { suggestConnectorName } from "../connectors/connector-names.ts";
import { isConfigFieldPath } from "../connectors/refreshed-secret.ts";
import { applyOps, emptyForm, type FormContext } from "./form-document.ts";
import { buildSnapshot } from "./session-state.ts";
import { noteOAuthOffer } from "./oauth-offer.ts";
import { refreshForCheck } from "../oauth/refresh.ts";
import { oauthStartUrl } from "../oauth/start-url.ts";

export interface SessionServices {
  config: Config;
  store: Store;
  secrets: SecretStore;
  catalog: CatalogLookup;
}

/** One serialised action on a session: its working record and the events it caused. */
export interface SessionAction {
  record: SessionRecord;
  events: ServerEvent[];
  emit(event: ServerEvent): void;
}

export function sessionOwner(record: SessionRecord): { workspaceId: string; owner: string } {
  return { workspaceId: record.workspaceId, owner: `session:${record.id}` };
}

export function definitionOf(record: SessionRecord, catalog: CatalogLookup): Definition | undefined {
  return record.form.definitionId ? catalog.get(record.form.definitionId) : undefined;
}

/** Secret ids the saved connector still uses; a session edit must never delete those. */
async function connectorSecretIds(record: SessionRecord, store: Store): Promise<Set<string>> {
  if (!record.connectorId) return new Set();
  const connector = await store.getConnector(record.connectorId);
  return new Set(Object.values(connector?.secretRefs ?? {}));
}

export async function formContext(
  record: SessionRecord,
  definition: Definition,
  services: SessionServices,
): Promise<FormContext> {
  return {
    definition,
    secrets: services.secrets,
    owner: sessionOwner(record),
    keep: await connectorSecretIds(record, services.store),
  };
}

function markChanged(record: SessionRecord, paths: string[]): void {
  const versions = { ...(record.pathVersions ?? {}) };
  for (const path of paths) versions[path] = record.form.version;
  record.pathVersions = versions;
}

/** Applies ops to the action's form and broadcasts them; the caller has checked conflicts. */
export async function patchSessionForm(
  action: SessionAction,
  ops: FormOp[],
  by: Author,
  services: SessionServices,
  /** A new connector name (already trimmed and checked), when the batch renames it. */
  name?: string,
): Promise<{ version: number; errors: FieldErrorWire[] }> {
  const definition = definitionOf(action.record, services.catalog);
  if (!definition) throw new Error("The session has no connector chosen yet");
  const batch = await applyOps(action.record.form, ops, await formContext(action.record, definition, services));
  action.record.form = name === undefined ? batch.form : { ...batch.form, name };
  markChanged(action.record, batch.touched);
  action.emit({ type: "form.patch", version: batch.form.version, ops: batch.ops, by, errors: batch.errors, ...(name === undefined ? {} : { name }) });
  return { version: batch.form.version, errors: batch.errors };
}

/** Stores `value` as the secret of `path` (whatever the schema says) and patches in id + mask. */
export async function putSessionSecret(
  action: SessionAction,
  path: string,
  value: string,
  by: Author,
  services: SessionServices,
): Promise<void> {
  const { record } = action;
  const id = await services.secrets.put(value, sessionOwner(record));
  const previous = record.form.secrets[path];
  if (previous && !(await connectorSecretIds(record, services.store)).has(previous)) {
    await services.secrets.delete(previous);
  }
  const version = record.form.version + 1;
  const definition = definitionOf(record, services.catalog);
  const values = setAt(record.form.values, path, SECRET_MASK);
  const errors: FieldErrorWire[] = definition
    ? validatePaths(definition, values, [path]).map((error) => ({
        path: error.path,
        keyword: error.keyword,
        message: describeError(error),
      }))
    : [];
  record.form = {
    ...record.form,
    version,
    values,
    secrets: { ...record.form.secrets, [path]: id },
    status: { ...record.form.status, [path]: errors.length > 0 ? "invalid" : "filled" },
  };
  markChanged(record, [path]);
  action.emit({ type: "form.patch", version, ops: [{ op: "set", path, value: SECRET_MASK }], by, errors });
}

function scrub(text: string, plain: string[]): string {
  let result = text;
  for (const value of plain) if (value.length >= 4) result = result.split(value).join(SECRET_MASK);
  return result;
}

/** Saves the form as the session's connector, the way the management API saves one. */
async function saveSessionConnector(action: SessionAction, services: SessionServices): Promise<{ connectorId: string }> {
  const { record } = action;
  const definition = definitionOf(record, services.catalog);
  if (!definition) throw new Error("The session has no connector chosen yet");
  const existing = record.connectorId ? await services.store.getConnector(record.connectorId) : undefined;
  const saved = await saveConnector(
    services,
    {
      workspaceId: record.workspaceId,
      definition,
      name: record.form.name || existing?.name || definition.displayName,
      configuration: record.form.values,
      secretRefs: { ...record.form.secrets },
      // A generated connector saves with the entities its test kept.
      ...(record.lastTest?.entities ? { streams: record.lastTest.entities.filter((entity) => entity.status !== "excluded").map((entity) => entity.entity) } : {}),
    },
    existing,
  );
  record.connectorId = saved.id;
  return { connectorId: saved.id };
}

export function createSessionPort(action: SessionAction, services: SessionServices): SessionPort {
  const { record } = action;
  return {
    sessionId: record.id,
    get connectorId() {
      return action.record.connectorId;
    },
    async readForm() {
      return structuredClone(action.record.form);
    },
    patchForm: (ops, by) => patchSessionForm(action, ops, by, services),
    async setDefinition(definition) {
      // Choosing the connector the session already has keeps its form (e.g. a prefilled edit).
      if (action.record.form.definitionId === definition.id) return;
      // Whether its OAuth option may be offered here, before anything reads the definition.
      await noteOAuthOffer(services.store, definition);
      const keep = await connectorSecretIds(action.record, services.store);
      for (const id of Object.values(action.record.form.secrets)) {
        if (!keep.has(id)) await services.secrets.delete(id);
      }
      services.catalog.get(definition.id) ?? services.catalog.add(definition);
      const name = await suggestConnectorName(services.store, action.record.workspaceId, definition.displayName);
      action.record.form = emptyForm(definition, action.record.form.version + 1, name);
      action.record.pathVersions = { "": action.record.form.version };
      action.record.pending = null;
      action.record.secretMode = null;
      action.record.oauthPending = null;
      action.emit({ type: "session.snapshot", protocol: PROTOCOL_VERSION, session: buildSnapshot(action.record, services.catalog) });
    },
    storeSecret: (path, value) => putSessionSecret(action, path, value, "agent", services),
    async testConnection(): Promise<CheckResult> {
      const definition = definitionOf(action.record, services.catalog);
      if (!definition) return { status: "failed", reason: "invalid_config", message: "No connector is chosen yet." };
      // The secrets resolved live only for the duration of the check.
      const { config, plain } = await revealSecrets(definition.connectionSpecification, action.record.form.values, action.record.form.secrets, services.secrets);
      // An expired OAuth access token is renewed from the stored refresh token first.
      const fresh = await refreshForCheck(services, {
        definition,
        workspaceId: action.record.workspaceId,
        config,
        persist: (path, value, secret) =>
          secret ? putSessionSecret(action, path, value, "oauth", services) : patchSessionForm(action, [{ op: "set", path, value }], "oauth", services).then(() => undefined),
      });
      if (fresh.failure) return fresh.failure;
      // A token the check renewed itself (a declarative connector's OAuth refresh) becomes the
      // session's secret at once: a rotated refresh token is the only one that still works.
      const renewed: string[] = [];
      const result = await runCheck(definition, fresh.config, {
        timeoutMs: 10_000,
        onSecretRefreshed: async (path, value) => {
          renewed.push(value);
          if (isConfigFieldPath(path)) await putSessionSecret(action, path, value, "oauth", services);
        },
      });
      return { ...result, message: scrub(result.message, [...plain, ...fresh.newSecrets, ...renewed]) };
    },
    saveConnector: () => saveSessionConnector(action, services),
    oauthStartUrl: (path) => oauthStartUrl(services.config.publicUrl, record.id, path),
    emit: (event) => action.emit(event),
    recentTurns: (count) => action.record.transcript.slice(-count).map((entry) => ({ ...entry })),
  };
}
