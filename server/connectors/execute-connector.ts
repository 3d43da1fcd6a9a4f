// execute on a saved connector: its secrets are put back here, in the server, only for the read;
// a credential the reader renews on the way (an OAuth access token) is stored as the connector's
// secret; an ExecuteError becomes the API's envelope. No secret value reaches a response, a log
// line or an error message (the dispatcher scrubs its messages; nothing here logs a value).
import { ExecuteError, cannotExecute, type Definition, type Dispatcher, type EntityInfo, type RecordPage } from "../../specs/index.ts";
import type { AppDeps } from "../deps.ts";
import { ApiError } from "../http-error.ts";
import { revealSecrets } from "../secrets/seal-secrets.ts";
import type { ConnectorRecord } from "../store/types.ts";
import { isConfigFieldPath, storeRefreshedSecret } from "./refreshed-secret.ts";

export type ExecuteDeps = Pick<AppDeps, "store" | "secrets" | "log">;

/** The actions every executable connector supports, for the "unknown action" answer. */
export const SUPPORTED_ACTIONS = ["list"] as const;

/** An entity as the API shows it: what it is and what can be done with it. */
export type EntityView = EntityInfo & { actions: string[] };

const STATUS: Record<ExecuteError["code"], number> = {
  cannot_execute: 422,
  entity_not_found: 404,
  invalid_cursor: 422,
  invalid_params: 422,
  source_failed: 502,
};

const FIELD: Partial<Record<ExecuteError["code"], string>> = {
  entity_not_found: "entity",
  invalid_cursor: "params.cursor",
  invalid_params: "params.limit",
};

/**
 * The envelope for an ExecuteError. A source failure is 502 (504 for a timeout) with the
 * reason as error_code and the config fields to fix as `field`s, as a connection check names them.
 */
export function executeApiError(error: ExecuteError): ApiError {
  if (error.code === "source_failed") {
    const reason = error.reason ?? "unknown";
    const fields = error.fields.length > 0 ? error.fields : [null];
    return new ApiError(reason === "timeout" ? 504 : 502, error.message, fields.map((field) => ({ field, message: error.message, error_code: reason })));
  }
  return new ApiError(STATUS[error.code], error.message, [{ field: FIELD[error.code] ?? null, message: error.message, error_code: error.code }]);
}

function rethrow(error: unknown): never {
  throw error instanceof ExecuteError ? executeApiError(error) : error;
}

/** The connector's config with its stored secrets put back: for the read only, never shown. */
async function resolvedConfig(deps: ExecuteDeps, definition: Definition, connector: ConnectorRecord): Promise<Record<string, unknown>> {
  const revealed = await revealSecrets(definition.connectionSpecification, connector.configuration, connector.secretRefs, deps.secrets);
  if (revealed.missing.length > 0) {
    throw new ApiError(
      409,
      "A secret of this connector is no longer stored; send it again (PATCH the connector) before executing",
      revealed.missing.map((path) => ({ field: path, message: "No stored secret for this field", error_code: "secret_missing" })),
    );
  }
  return revealed.config;
}

/** A credential the reader renewed while reading, stored as the connector's secret before it goes on. */
function renewedSecretStore(deps: ExecuteDeps, definition: Definition, connectorId: string) {
  return async (path: string, value: string): Promise<void> => {
    if (!isConfigFieldPath(path)) {
      throw new ExecuteError("source_failed", "The reader renewed a credential at a path that is not a field of the config.", { reason: "unknown" });
    }
    await storeRefreshedSecret(deps, definition, connectorId, path, value, "executing");
  };
}

export interface ExecuteListInput {
  entity: string;
  limit?: number;
  cursor?: string | null;
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** One "list" of `entity` on a saved connector. */
export async function executeList(
  deps: ExecuteDeps,
  dispatcher: Dispatcher,
  definition: Definition,
  connector: ConnectorRecord,
  input: ExecuteListInput,
): Promise<RecordPage> {
  if (!dispatcher.canExecute(definition)) rethrow(cannotExecute(definition));
  const config = await resolvedConfig(deps, definition, connector);
  try {
    return await dispatcher.listRecords(definition, config, input.entity, {
      limit: input.limit,
      cursor: input.cursor,
      timeoutMs: input.timeoutMs,
      signal: input.signal,
      onSecretRefreshed: renewedSecretStore(deps, definition, connector.id),
    });
  } catch (error) {
    rethrow(error);
  }
}

function withActions(entities: EntityInfo[]): EntityView[] {
  return entities.map((entity) => ({ ...entity, actions: [...SUPPORTED_ACTIONS] }));
}

/** Every entity of the connector, reaching the system when the reader must (a database's tables). */
export async function connectorEntities(
  deps: ExecuteDeps,
  dispatcher: Dispatcher,
  definition: Definition,
  connector: ConnectorRecord,
  options: { timeoutMs?: number; signal?: AbortSignal } = {},
): Promise<EntityView[]> {
  if (!dispatcher.canExecute(definition)) rethrow(cannotExecute(definition));
  const config = await resolvedConfig(deps, definition, connector);
  try {
    return withActions(
      await dispatcher.entitiesOf(definition, config, {
        ...options,
        onSecretRefreshed: renewedSecretStore(deps, definition, connector.id),
      }),
    );
  } catch (error) {
    rethrow(error);
  }
}

/**
 * What the connector view says about execute, without reaching the system and without putting a
 * secret back: `entities` where they follow from the definition and the stored (masked) config,
 * null where listing them needs a live connection (GET .../entities) or nothing can execute.
 */
export async function executeSummary(dispatcher: Dispatcher, definition: Definition | undefined, connector: ConnectorRecord): Promise<{ executable: boolean; entities: EntityView[] | null }> {
  if (!definition || !dispatcher.canExecute(definition)) return { executable: false, entities: null };
  if (dispatcher.entitiesNeedConnection(definition)) return { executable: true, entities: null };
  try {
    return { executable: true, entities: withActions(await dispatcher.entitiesOf(definition, connector.configuration, { timeoutMs: 2000 })) };
  } catch (error) {
    // A manifest whose streams cannot run at all is not executable, whatever its reader.
    if (error instanceof ExecuteError && error.code === "cannot_execute") return { executable: false, entities: null };
    // A config the reader cannot list from (it changed shape) still shows the connector.
    return { executable: true, entities: null };
  }
}
