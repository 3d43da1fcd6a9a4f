// Store records → API shapes (snake_case, secrets only ever as the mask).
import type { Definition } from "../../specs/types.ts";
import { definitionStreams } from "../../specs/streams.ts";
import type { ConnectionRecord, ConnectorRecord, JobRecord, SourceTemplateRecord, Workspace } from "../store/types.ts";

export function definitionSummary(definition: Definition): Record<string, unknown> {
  const idKey = definition.kind === "source" ? "sourceDefinitionId" : "destinationDefinitionId";
  return {
    [idKey]: definition.id,
    id: definition.id,
    name: definition.name,
    displayName: definition.displayName,
    kind: definition.kind,
    documentationUrl: definition.documentationUrl ?? null,
    icon: definition.icon ?? null,
    // The console's two tabs: Onramp's own connectors, and those loaded from Airbyte-format
    // catalogs (folders and registries).
    catalog: definition.origin === "builtin" ? "builtin" : "marketplace",
    supportLevel: definition.supportLevel ?? (definition.origin === "builtin" ? "builtin" : null),
    releaseStage: definition.releaseStage ?? null,
  };
}

export function definitionDetail(definition: Definition): Record<string, unknown> {
  return {
    ...definitionSummary(definition),
    connectionSpecification: definition.connectionSpecification,
    advanced_auth: definition.advanced_auth ?? null,
    check: definition.check ?? null,
    // The streams a connection can choose, where the definition lists them without a config.
    streams: Array.isArray(definition.streams) ? definition.streams : null,
  };
}

export function workspaceView(workspace: Workspace): Record<string, unknown> {
  return {
    id: workspace.id,
    workspace_id: workspace.id,
    name: workspace.name,
    organization_id: workspace.organizationId,
    created_at: workspace.created_at,
  };
}

/**
 * `mode` says where the summary came from: "template" when the connector was made from a source
 * template, "definition" when straight from a connector definition.
 */
export function summarizedSourceTemplate(
  connector: ConnectorRecord,
  definition: Definition | undefined,
  template: SourceTemplateRecord | undefined,
): Record<string, unknown> {
  if (template) {
    return { id: template.id, name: template.name, actor_definition_id: template.definitionId, icon: definition?.icon ?? null, mode: "template" };
  }
  return {
    id: connector.definitionId,
    name: definition?.displayName ?? connector.definitionId,
    actor_definition_id: connector.definitionId,
    icon: definition?.icon ?? null,
    mode: "definition",
  };
}

export function connectorListItem(
  connector: ConnectorRecord,
  definition: Definition | undefined,
  template: SourceTemplateRecord | undefined,
): Record<string, unknown> {
  return {
    id: connector.id,
    name: connector.name,
    summarized_source_template: summarizedSourceTemplate(connector, definition, template),
    created_at: connector.created_at,
    updated_at: connector.updated_at,
  };
}

export function connectorView(
  connector: ConnectorRecord,
  definition: Definition | undefined,
  template: SourceTemplateRecord | undefined,
  split?: { credentials: Record<string, unknown>; replication_config: Record<string, unknown> },
): Record<string, unknown> {
  return {
    id: connector.id,
    name: connector.name,
    workspace_id: connector.workspaceId,
    definition_id: connector.definitionId,
    connector_type: definition?.name ?? null,
    kind: connector.kind,
    source_template_id: connector.sourceTemplateId,
    // Stored configs already hold the mask at every secret path; secret ids stay server-side.
    configuration: connector.configuration,
    ...(split ?? {}),
    streams: connector.streams ?? [],
    // What a connection from this connector can choose among, where its definition lists streams.
    available_streams: definition ? (definitionStreams(definition, connector.configuration) ?? null) : null,
    summarized_source_template: summarizedSourceTemplate(connector, definition, template),
    created_at: connector.created_at,
    updated_at: connector.updated_at,
  };
}

export function connectionView(connection: ConnectionRecord): Record<string, unknown> {
  return {
    id: connection.id,
    name: connection.name,
    workspace_id: connection.workspaceId,
    source_id: connection.sourceId,
    destination_id: connection.destinationId,
    streams: connection.streams,
    destination_schema: connection.destinationSchema ?? null,
    created_at: connection.created_at,
    updated_at: connection.updated_at,
  };
}

export function templateView(template: SourceTemplateRecord, definition: Definition | undefined): Record<string, unknown> {
  return {
    id: template.id,
    name: template.name,
    actor_definition_id: template.definitionId,
    connector_type: definition?.name ?? null,
    icon: definition?.icon ?? null,
    default_config: template.defaultConfig,
    streams: template.streams,
    created_at: template.created_at,
  };
}

export function jobView(job: JobRecord): Record<string, unknown> {
  return {
    id: job.id,
    job_id: job.id,
    kind: job.kind,
    status: job.status,
    target_id: job.targetId,
    workspace_id: job.workspaceId,
    error: job.error,
    created_at: job.created_at,
    updated_at: job.updated_at,
  };
}
