// A whole Onramp server built in-process for one case (temp data dir, the case's definitions
// added to the catalog), listening on a free 127.0.0.1 port so OAuth redirects reach it.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import type { ServerEvent, SessionSnapshot } from "../../agent/protocol.ts";
import { createApp } from "../../server/app.ts";
import { createSetupAgent, type SetupAgent } from "../../agent/index.ts";
import { agentModelOptions, buildDeps, createCheckpointer } from "../../server/bootstrap.ts";
import { callbackUrl, putOAuthClient } from "../../server/oauth/index.ts";
import { startOidcServer, type OidcTestServer } from "../../server/oauth/testing/oidc-server.ts";
import { createSessionManager } from "../../server/sessions/index.ts";
import type { Config } from "../../server/config.ts";
import { memoryLogger } from "../../server/log.ts";
import type { AppDeps } from "../../server/deps.ts";
import { Catalog, parseAdvancedAuth } from "../../specs/index.ts";
import type { Definition } from "../../specs/types.ts";
import { capturedOutput } from "../output-capture.ts";
import type { EvalCase } from "../types.ts";
import { resolveSecrets, splitExisting } from "./resolve-secrets.ts";
import { storedFiles } from "./stored-files.ts";
import type { SessionDriver } from "./types.ts";

export interface InProcessOptions {
  /** The harness's base config (model, OpenAI key and base URL); data dir and port are per case. */
  base: Config;
  /** What went to the model, when the harness records it (the recording proxy). */
  modelLog?: () => string[];
  /** Adjusts the catalog for the case (e.g. points OAuth endpoints at the test provider). */
  prepare?: (deps: AppDeps, definition: Definition) => Promise<void>;
  /** Use (and keep) this data dir instead of a temp one: an exported session is read from it. */
  dataDir?: string;
}

function needsOAuth(definition: Definition): boolean {
  return Boolean(definition.oauth || parseAdvancedAuth(definition));
}

/** A real OAuth provider (oidc-provider) for this case's server, registered as the definition's client. */
async function provideOAuth(deps: AppDeps, definition: Definition): Promise<OidcTestServer> {
  const provider = await startOidcServer({ redirectUris: [callbackUrl(deps.config)] });
  await putOAuthClient(
    deps,
    definition.id,
    {
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      workspaceId: null,
      authorizeUrl: provider.authorizeUrl,
      tokenUrl: provider.tokenUrl,
      // As an operator would: a provider grants nothing to a request without scopes, so a
      // definition that names none is given the provider's basic one.
      scopes: definition.oauth?.scopes?.length ? definition.oauth.scopes : ["openid"],
    },
    "eval-org",
  );
  return provider;
}

export async function startInProcess(caseDef: EvalCase, opts: InProcessOptions): Promise<SessionDriver> {
  const dataDir = opts.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), "onramp-eval-")));
  let handler: ((request: Request) => Response | Promise<Response>) | null = null;
  const server = createAdaptorServer({
    fetch: (request: Request) => (handler ? handler(request) : new Response("starting", { status: 503 })),
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const publicUrl = `http://127.0.0.1:${port}`;
  const config: Config = {
    ...opts.base,
    port,
    host: "127.0.0.1",
    dataDir,
    publicUrl,
    databaseUrl: undefined,
    redisUrl: undefined,
    apiToken: `eval-${randomBytes(12).toString("hex")}`,
    secretKey: randomBytes(32).toString("base64"),
    logLevel: "debug",
  };
  const log = memoryLogger("debug");
  // The agent is built here rather than by buildDeps so that its model gateway's log is at hand.
  let agent: SetupAgent | undefined;
  const deps = await buildDeps(config, {
    log,
    sessions: async (base) => {
      agent = createSetupAgent({
        catalog: base.catalog,
        checkpointer: await createCheckpointer(config, base.store),
        ...agentModelOptions(config),
      });
      return createSessionManager({ config, store: base.store, secrets: base.secrets, catalog: base.catalog, log: base.log, agent });
    },
  });
  const app = createApp(deps);
  handler = (request) => app.fetch(request);

  if (caseDef.definitions) {
    const extra = await Catalog.load({ dirs: [caseDef.definitions], builtins: false });
    for (const definition of extra.list()) deps.catalog.add(definition);
  }
  // Exactly a name or an id: a fuzzy match would hide a typo in a case.
  const definition = deps.catalog.get(caseDef.connector);
  if (!definition) throw new Error(`unknown connector "${caseDef.connector}"`);
  await opts.prepare?.(deps, definition);
  const oauth = needsOAuth(definition) ? await provideOAuth(deps, definition) : null;

  const now = new Date().toISOString();
  const workspaceId = randomUUID();
  await deps.store.putWorkspace({ id: workspaceId, name: `eval-${caseDef.id}`, organizationId: "eval-org", created_at: now });
  let connectorId: string | null = null;
  if (caseDef.existing) {
    connectorId = randomUUID();
    const { masked, secrets } = splitExisting(definition, caseDef.existing.config);
    const secretRefs: Record<string, string> = {};
    for (const [pointer, value] of Object.entries(secrets)) {
      secretRefs[pointer] = await deps.secrets.put(value, { workspaceId, owner: `connector:${connectorId}` });
    }
    await deps.store.putConnector({
      id: connectorId,
      workspaceId,
      definitionId: definition.id,
      kind: definition.kind,
      name: caseDef.existing.name ?? `${definition.displayName} (existing)`,
      configuration: masked,
      secretRefs,
      sourceTemplateId: null,
      created_at: now,
      updated_at: now,
    });
  }

  const pushed: ServerEvent[] = [];
  const created = await deps.sessions.create({ workspaceId, definitionId: definition.id, connectorId, allowedOrigin: null });
  const sessionId = created.session_id;
  const unsubscribe = deps.sessions.subscribe(sessionId, (event) => pushed.push(event));
  let subscribedSeen = false;

  return {
    sessionId,
    definition,
    async send(event) {
      const before = pushed.length;
      const returned = await deps.sessions.dispatch(sessionId, event);
      await new Promise((resolve) => setImmediate(resolve));
      if (pushed.length > before) subscribedSeen = true;
      // The live subscription is the transcript; the returned events stand in only if it is silent.
      if (!subscribedSeen) pushed.push(...returned);
      return pushed.splice(0);
    },
    drain: () => pushed.splice(0),
    snapshot: () => deps.sessions.snapshot(sessionId),
    async finalConfig(snapshot: SessionSnapshot) {
      const saved = snapshot.connectorId ? await deps.store.getConnector(snapshot.connectorId) : undefined;
      const get = (id: string) => deps.secrets.get(id);
      const config = saved
        ? await resolveSecrets(saved.configuration, saved.secretRefs, get)
        : await resolveSecrets(snapshot.form.values, snapshot.form.secrets, get);
      return { config, unresolvedSecrets: [] };
    },
    isCallback: (url) => url.origin === publicUrl && url.pathname.startsWith("/oauth/callback"),
    async leakSources() {
      const sent = (agent?.gateway.sent() ?? []).map((entry) => JSON.stringify(entry));
      return {
        model: [...sent, ...(opts.modelLog?.() ?? [])],
        logs: [...log.lines, ...capturedOutput()],
        files: await storedFiles(dataDir),
      };
    },
    async close() {
      unsubscribe();
      await deps.close().catch(() => {});
      await oauth?.close();
      (server as any).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!opts.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
