// Tests a connector's config for real. The config is validated first (a wrong type is not worth
// a network round trip), then the definition's check runs under a deadline; every result names
// a reason and the fields to fix, and its message is scrubbed of secret values.
import type { CheckResult, Definition } from "../types.ts";
import { SECRET_MASK } from "../types.ts";
import { validateConfig, describeError } from "../validate.ts";
import { questionAt } from "../walker.ts";
import { secretPaths } from "../secrets.ts";
import { getAt } from "../pointer.ts";
import { checkPostgres, postgresTarget } from "./postgres.ts";
import { checkMysql, mysqlTarget } from "./mysql.ts";
import { checkHttp, httpTarget } from "./http.ts";
import { failed, succeeded, timedOut, type Target } from "./outcome.ts";
import { scrubResult, secretValues } from "./scrub.ts";
import { checkDeclarative } from "../declarative/check.ts";
import { declarativeBlocker } from "../declarative/blocker.ts";
import { entityTestSummary, testEntities } from "../import/entity-test.ts";

export interface CheckOptions {
  /** Upper bound for the whole check; default 10 s. */
  timeoutMs?: number;
  /**
   * A declarative connector's OAuth refresh gave a new access token (or rotated the refresh
   * token): the value for the config field at `path` (a JSON pointer), to store as a secret.
   */
  onSecretRefreshed?: (path: string, value: string) => void | Promise<void>;
}

interface Probe {
  run(definition: Definition, config: Record<string, unknown>, timeoutMs: number, signal: AbortSignal, options: CheckOptions): Promise<CheckResult>;
  /** What the probe reaches: a timeout hit by the deadline names it as the driver itself would. */
  target(definition: Definition, config: Record<string, unknown>): Target;
}

const PROBES: Partial<Record<NonNullable<Definition["check"]>, Probe>> = {
  postgres: { run: checkPostgres, target: (_definition, config) => postgresTarget(config) },
  mysql: { run: checkMysql, target: (_definition, config) => mysqlTarget(config) },
  http: { run: checkHttp, target: httpTarget },
  declarative: {
    run: (definition, config, timeoutMs, signal, options) => checkDeclarative(definition, config, { timeoutMs, signal, onSecretRefreshed: options.onSecretRefreshed }),
    target: () => ({ what: "the API", hostFields: [], portFields: [], tlsFields: [] }),
  },
};

function invalid(definition: Definition, config: Record<string, unknown>): CheckResult | undefined {
  const errors = validateConfig(definition, config);
  const masked = secretPaths(definition.connectionSpecification, config).filter((path) => getAt(config, path) === SECRET_MASK);
  if (masked.length > 0) {
    return failed("invalid_config", "A secret is still the mask, not its stored value; enter it again.", masked);
  }
  if (errors.length === 0) return undefined;
  const words = errors.slice(0, 3).map((error) => describeError(error, questionAt(definition, error.path, config)));
  return failed("invalid_config", `The settings are not complete or not valid: ${words.join(" ")}`, [...new Set(errors.map((error) => error.path))]);
}

/** True when the definition's check really connects (not only validates the settings). */
export function hasLiveCheck(definition: Definition): boolean {
  if (definition.check === "declarative") return declarativeBlocker(definition) === undefined;
  return PROBES[definition.check ?? "none"] !== undefined;
}

export async function runCheck(definition: Definition, config: Record<string, unknown>, opts: CheckOptions = {}): Promise<CheckResult> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const secrets = secretValues(definition.connectionSpecification, config);
  const problem = invalid(definition, config);
  if (problem) return scrubResult(problem, secrets);
  const probe = PROBES[definition.check ?? "none"];
  // No live test: the settings are what was checked, and the words say so (the agent saves
  // with them; the eval grader counts the test as skipped). A declarative manifest whose check
  // needs a component Onramp does not run is such a connector too, and the words name it.
  const blocker = definition.check === "declarative" ? declarativeBlocker(definition) : undefined;
  if (!probe || blocker) {
    const message =
      definition.check === "sample"
        ? `${definition.displayName} makes up its own data, so there is nothing to connect to; the settings are valid.`
        : blocker
          ? `The settings are valid. Onramp cannot run ${definition.displayName}'s connection check (${blocker}), so the connection itself was not tried.`
          : `The settings are valid. Onramp has no live test for ${definition.displayName}, so the connection itself was not tried.`;
    return succeeded(message);
  }
  const tunnel = (config.tunnel_method as { tunnel_method?: string } | undefined)?.tunnel_method;
  if ((definition.check === "postgres" || definition.check === "mysql") && tunnel && tunnel !== "NO_TUNNEL") {
    return failed(
      "unknown",
      'Onramp cannot test through an SSH tunnel yet, so the connection was not tried. Choose "No Tunnel" if the database is reachable directly.',
      ["/tunnel_method"],
    );
  }
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(timedOut(probe.target(definition, config), timeoutMs));
    }, timeoutMs);
  });
  try {
    const result = await Promise.race([
      probe.run(definition, config, timeoutMs, controller.signal, opts).catch((error: unknown): CheckResult =>
        controller.signal.aborted ? timedOut(probe.target(definition, config), timeoutMs) : failed("unknown", `The check failed unexpectedly: ${String((error as Error)?.message ?? error)}`),
      ),
      deadline,
    ]);
    if (result.status !== "succeeded" || !definition.entityTest) return scrubResult(result, secrets);
    return scrubResult(await withEntityTests(definition, config, result, timeoutMs, opts), secrets);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

/**
 * A generated connector's test goes on past its check: every entity is read for one page (each
 * under the check's own time bound) and the result lists what works and why the rest does not.
 * No entity left means the test failed, with the reason most of them gave.
 */
async function withEntityTests(definition: Definition, config: Record<string, unknown>, check: CheckResult, timeoutMs: number, opts: CheckOptions): Promise<CheckResult> {
  // Each entity gets the check's own bound; the whole test at most six of them.
  const entities = await testEntities(definition, config, { timeoutMs, signal: AbortSignal.timeout(timeoutMs * 6), onSecretRefreshed: opts.onSecretRefreshed });
  const kept = entities.filter((entity) => entity.status !== "excluded");
  if (kept.length > 0 || entities.length === 0) return { ...check, message: `${check.message} ${entityTestSummary(entities)}`, entities };
  const reasons = entities.map((entity) => entity.reason);
  const common = reasons.sort((a, b) => reasons.filter((one) => one === b).length - reasons.filter((one) => one === a).length)[0];
  const reason = common === "insufficient_permission" ? "permission_denied" : common === "missing_setup_value" ? "invalid_config" : common === "unable_to_process_response" ? "unable_to_process_response" : "unknown";
  const fields = [...new Set(entities.flatMap((entity) => entity.fields ?? []))];
  return { status: "failed", reason, message: `The connection works, but no entity could be read: ${entityTestSummary(entities)}`, ...(fields.length ? { fields } : {}), entities };
}
