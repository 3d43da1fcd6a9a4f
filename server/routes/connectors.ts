// /api/v1/integrations/connectors: create, list, get, patch, check (test and save), delete (202).
import { Hono } from "hono";
import { createDispatcher, runCheck, type Definition, type Dispatcher } from "../../specs/index.ts";
import type { AppDeps } from "../deps.ts";
import { authorizeInWorkspace, resolveWorkspace, type AppAuth, type AuthEnv } from "../auth/index.ts";
import type { ConnectorRecord } from "../store/types.ts";
import {
  checkAuthScheme,
  composeConfig,
  mergeDefaults,
  prepareConfig,
  readConfigInput,
  releaseSecrets,
  resolveDefinitionRef,
  savedDefinition,
  splitForView,
  validateResolved,
  type PreparedConfig,
} from "../connectors/connector-config.ts";
import { TEXT_LIMITS, invalidField, optionalString, optionalStringArray, readJsonObject } from "../json-body.ts";
import { saveConnector } from "../connectors/save-connector.ts";
import { suggestConnectorName } from "../connectors/connector-names.ts";
import { connectorListItem, connectorView } from "./serializers.ts";
import type { JobRunner } from "../jobs/job-runner.ts";
import { refreshPreparedConfig } from "../oauth/refresh-prepared.ts";
import { executeSummary } from "../connectors/execute-connector.ts";
import { isConfigFieldPath, storeRefreshedSecret, withRenewedSecret } from "../connectors/refreshed-secret.ts";

export interface ConnectorRouteOptions {
  jobs: JobRunner;
  /** Connection checks are real network calls; tests may bound them. */
  checkTimeoutMs?: number;
  /** The execute readers (specs/execute); the built-in ones unless a test brings its own. */
  dispatcher?: Dispatcher;
}

export async function deleteConnectorNow(deps: Pick<AppDeps, "store" | "secrets">, connector: ConnectorRecord): Promise<void> {
  for (const connection of await deps.store.listConnections({ workspaceId: connector.workspaceId, connectorId: connector.id })) {
    await deps.store.deleteConnection(connection.id);
  }
  await releaseSecrets(deps.secrets, Object.values(connector.secretRefs));
  await deps.secrets.deleteByOwner(`connector:${connector.id}`);
  await deps.store.deleteConnector(connector.id);
}

/** Finishes connector deletions a crash interrupted (their 202 was already answered). */
export async function resumeConnectorDeletions(deps: Pick<AppDeps, "store" | "secrets">, jobs: JobRunner): Promise<number> {
  const unfinished = (await deps.store.listUnfinishedJobs?.()) ?? [];
  const deletions = unfinished.filter((job) => job.kind === "connector.delete");
  for (const job of deletions) {
    jobs.resume(deps.store, job, async () => {
      const current = await deps.store.getConnector(job.targetId);
      if (current) await deleteConnectorNow(deps, current);
    });
  }
  return deletions.length;
}

export function connectorRoutes(deps: AppDeps, options: ConnectorRouteOptions): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  const { store, catalog, secrets } = deps;
  const base = "/api/v1/integrations/connectors";

  const dispatcher = options.dispatcher ?? createDispatcher();

  const view = async (connector: ConnectorRecord) => {
    const definition = catalog.get(connector.definitionId);
    const template = connector.sourceTemplateId ? await store.getTemplate(connector.sourceTemplateId) : undefined;
    return { ...connectorView(connector, definition, template, splitForView(definition, connector.configuration)), ...(await executeSummary(dispatcher, definition, connector)) };
  };

  const load = async (auth: AppAuth, id: string) => authorizeInWorkspace(store, auth, await store.getConnector(id), "connector", id);

  const definitionOf = (connector: ConnectorRecord): Definition => savedDefinition(catalog, connector);

  /** The connector as it would be after the body is applied; nothing is stored yet. */
  const plan = async (connector: ConnectorRecord, body: Record<string, unknown>) => {
    const definition = definitionOf(connector);
    const input = readConfigInput(body);
    const name = optionalString(body, "name", TEXT_LIMITS.name);
    if (name !== undefined && !name.trim()) throw invalidField("name", "name cannot be empty", "required");
    const streams = optionalStringArray(body, "streams");
    const config = composeConfig(definition, input, connector.configuration) ?? connector.configuration;
    checkAuthScheme(definition, input.credentials);
    const prepared = await prepareConfig(definition, secrets, config, connector.secretRefs);
    validateResolved(definition, prepared);
    return { definition, prepared, name: name ?? connector.name, streams };
  };

  const save = (
    connector: ConnectorRecord,
    planned: { definition: Definition; prepared: PreparedConfig; name: string; streams?: string[] },
  ): Promise<ConnectorRecord> =>
    saveConnector(
      deps,
      {
        workspaceId: connector.workspaceId,
        definition: planned.definition,
        name: planned.name,
        configuration: planned.prepared.masked,
        secretRefs: planned.prepared.keptRefs,
        newSecrets: planned.prepared.newSecrets,
        streams: planned.streams,
      },
      connector,
    );

  app.post(base, async (c) => {
    const auth = c.get("auth");
    const body = await readJsonObject(c);
    const workspace = await resolveWorkspace(store, auth, body);
    const { definition, template } = await resolveDefinitionRef(catalog, store, auth, body);
    const input = readConfigInput(body);
    const streams = optionalStringArray(body, "streams");
    const givenName = optionalString(body, "name", TEXT_LIMITS.name)?.trim();
    checkAuthScheme(definition, input.credentials);
    let config = composeConfig(definition, input, undefined) ?? {};
    if (template) config = mergeDefaults(template.defaultConfig, config);
    const prepared = await prepareConfig(definition, secrets, config, {});
    validateResolved(definition, prepared);
    const saved = await saveConnector(deps, {
      workspaceId: workspace.id,
      definition,
      name: givenName || (await suggestConnectorName(store, workspace.id, definition.displayName)),
      configuration: prepared.masked,
      secretRefs: prepared.keptRefs,
      newSecrets: prepared.newSecrets,
      sourceTemplateId: template?.id ?? null,
      // A template's stream selection is the default, as its default_config is for the config.
      streams: streams ?? template?.streams ?? [],
    });
    return c.json(await view(saved), 201);
  });

  app.get(base, async (c) => {
    const auth = c.get("auth");
    const workspace = await resolveWorkspace(store, auth, { workspace_id: c.req.query("workspace_id"), workspace_name: c.req.query("workspace_name") });
    // A name ("source-postgres") works here as it does on create; an unknown one matches nothing.
    const definitionRef = c.req.query("definition_id") || undefined;
    const definitionId = definitionRef === undefined ? undefined : (catalog.get(definitionRef)?.id ?? definitionRef);
    const connectors = await store.listConnectors({ workspaceId: workspace.id, definitionId });
    const data = [];
    for (const connector of connectors) {
      const template = connector.sourceTemplateId ? await store.getTemplate(connector.sourceTemplateId) : undefined;
      data.push(connectorListItem(connector, catalog.get(connector.definitionId), template));
    }
    return c.json({ data });
  });

  app.get(`${base}/:id`, async (c) => c.json(await view(await load(c.get("auth"), c.req.param("id")))));

  app.patch(`${base}/:id`, async (c) => {
    const connector = await load(c.get("auth"), c.req.param("id"));
    const body = await readJsonObject(c);
    return c.json(await view(await save(connector, await plan(connector, body))));
  });

  // "Test and save": the (optionally patched) config is checked with its secrets resolved here,
  // and stored only when the check succeeds.
  app.post(`${base}/:id/check`, async (c) => {
    const connector = await load(c.get("auth"), c.req.param("id"));
    const body = await readJsonObject(c, { optional: true });
    const planned = await plan(connector, body);
    const { definition } = planned;
    // An expired OAuth access token is renewed first; the new tokens are saved with the connector.
    const renewed = await refreshPreparedConfig(deps, definition, connector.workspaceId, planned.prepared);
    if (renewed.failure) return c.json({ ...renewed.failure, fields: renewed.failure.fields ?? [], saved: false });
    // What the check itself renewed (a declarative connector's OAuth refresh), path → value.
    const renewedByCheck = new Map<string, string>();
    const result = await runCheck(definition, renewed.prepared.resolved, {
      timeoutMs: options.checkTimeoutMs,
      onSecretRefreshed: (path, value) => void (isConfigFieldPath(path) && renewedByCheck.set(path, value)),
    });
    if (result.status !== "succeeded") {
      // Checked with the stored credentials, which the provider has now replaced (a rotated
      // refresh token no longer works): the connector keeps the new ones even though the test failed.
      if (planned.prepared.newSecrets.length === 0) {
        for (const [path, value] of renewedByCheck) await storeRefreshedSecret(deps, definition, connector.id, path, value, "testing the connection");
      }
      return c.json({ status: result.status, reason: result.reason ?? "unknown", message: result.message, fields: result.fields ?? [], saved: false, ...(result.entities ? { entities: result.entities } : {}) });
    }
    let prepared = renewed.prepared;
    for (const [path, value] of renewedByCheck) prepared = withRenewedSecret(prepared, path, value);
    // A generated connector keeps the entities its test did not exclude (of those asked for, when the body names streams).
    const kept = result.entities?.filter((entity) => entity.status !== "excluded").map((entity) => entity.entity);
    const streams = kept ? kept.filter((name) => !planned.streams || planned.streams.includes(name)) : planned.streams;
    const saved = await save(connector, { ...planned, prepared, streams });
    return c.json({ status: result.status, message: result.message, saved: true, connector: await view(saved), ...(result.entities ? { entities: result.entities } : {}) });
  });

  app.delete(`${base}/:id`, async (c) => {
    const connector = await load(c.get("auth"), c.req.param("id"));
    const job = await options.jobs.start(store, { kind: "connector.delete", workspaceId: connector.workspaceId, targetId: connector.id }, async () => {
      const current = await store.getConnector(connector.id);
      if (current) await deleteConnectorNow(deps, current);
    });
    return c.json({ job_id: job.id }, 202);
  });

  return app;
}
