// OAuth is offered only where it can work: a connector's OAuth option needs an OAuth client
// registered for its definition in the session's workspace (or organization-wide). Without one,
// every part of a setup session (the agent's questions, the form view, validation) sees the
// definition without its OAuth option, as if the connector had only its other ways to sign in.
// Where signing in is the only way, the option stays and the oauth.request says what an
// administrator must set up instead of opening a popup that would fail.
//
// The agent reads definitions from the catalog it was built with, and knows nothing of
// workspaces; so the session layer hands it `offerCatalog(catalog)`, whose look-ups answer for
// the workspace of the session action running (an AsyncLocalStorage scope per action).
import { AsyncLocalStorage } from "node:async_hooks";
import { parseAdvancedAuth, type CatalogLookup, type Definition, type JsonSchema } from "../../specs/index.ts";
import type { Store } from "../store/types.ts";

interface OfferScope {
  workspaceId: string;
  /** Definition id → whether an OAuth client is registered for it in this workspace. */
  clients: Map<string, boolean>;
}

const scope = new AsyncLocalStorage<OfferScope>();
const withoutOAuthCache = new WeakMap<Definition, Definition | null>();

/**
 * The definition without its OAuth option (and without advanced_auth), or null when OAuth is the
 * only way in (no oneOf to remove it from, or no other option). The same object each time, so
 * compiled validators are reused.
 */
export function withoutOAuthOption(definition: Definition): Definition | null {
  const cached = withoutOAuthCache.get(definition);
  if (cached !== undefined) return cached;
  const auth = parseAdvancedAuth(definition);
  let result: Definition | null = null;
  if (auth && auth.optionIndex !== null) {
    const segments = auth.path.split("/").slice(1).map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"));
    const copyAlong = (node: JsonSchema, depth: number): JsonSchema | null => {
      if (depth === segments.length) {
        const options: JsonSchema[] = node.oneOf ?? [];
        if (options.length < 2) return null;
        return { ...node, oneOf: options.filter((_option, index) => index !== auth.optionIndex) };
      }
      const child = node.properties?.[segments[depth]];
      const replaced = child ? copyAlong(child, depth + 1) : null;
      return replaced ? { ...node, properties: { ...node.properties, [segments[depth]]: replaced } } : null;
    };
    const schema = copyAlong(definition.connectionSpecification, 0);
    if (schema) {
      const { advanced_auth: _dropped, oauth: _endpoints, ...rest } = definition;
      result = { ...rest, connectionSpecification: schema };
    }
  }
  withoutOAuthCache.set(definition, result);
  return result;
}

async function hasClient(store: Store, definitionId: string, workspaceId: string): Promise<boolean> {
  const workspace = await store.getWorkspace(workspaceId);
  const client = await store.findOAuthClient(definitionId, workspaceId, workspace?.organizationId ?? "");
  return client !== undefined && (workspace !== undefined || client.workspaceId === workspaceId);
}

/** Checks (once per scope) whether `definition` may offer OAuth in the current scope's workspace. */
export async function noteOAuthOffer(store: Store, definition: Definition | undefined): Promise<void> {
  const current = scope.getStore();
  if (!current || !definition || !definition.advanced_auth || current.clients.has(definition.id)) return;
  current.clients.set(definition.id, await hasClient(store, definition.id, current.workspaceId));
}

/** Runs `task` with the OAuth offers of `workspaceId`, the session's definition checked first. */
export async function inOfferScope<T>(store: Store, workspaceId: string, definition: Definition | undefined, task: () => Promise<T>): Promise<T> {
  return scope.run({ workspaceId, clients: new Map() }, async () => {
    await noteOAuthOffer(store, definition);
    return task();
  });
}

/** What the current scope knows (an agent worker gets it with each run: agent-pool/). */
export function currentOffers(): { workspaceId: string; clients: Array<[string, boolean]> } | undefined {
  const current = scope.getStore();
  return current && { workspaceId: current.workspaceId, clients: [...current.clients] };
}

/** Runs `task` in a scope that already knows these offers (an agent worker, which has no store). */
export function inKnownOffers<T>(offers: { workspaceId: string; clients: Array<[string, boolean]> } | undefined, task: () => Promise<T>): Promise<T> {
  return offers ? scope.run({ workspaceId: offers.workspaceId, clients: new Map(offers.clients) }, task) : task();
}

/** Adds what another thread learned (a setDefinition run there) to the current scope. */
export function learnOffers(clients: Array<[string, boolean]>): void {
  const current = scope.getStore();
  for (const [definitionId, offered] of clients) current?.clients.set(definitionId, offered);
}

/** False when the current scope knows no OAuth client exists for the definition. */
export function oauthOffered(definitionId: string): boolean {
  return scope.getStore()?.clients.get(definitionId) !== false;
}

/** What a person is told when signing in is the only way and no client is registered. */
export function oauthUnavailableMessage(definition: Definition): string {
  return `Signing in to ${definition.displayName} needs an OAuth app that nobody has registered here yet. An administrator must add its client id and secret in the Onramp console (OAuth clients); then this setup can continue.`;
}

/**
 * The catalog as a session in the current scope sees it: OAuth options only where they work.
 * Everything but get/search goes to the catalog itself (a Proxy), so callers that use more of a
 * Catalog than CatalogLookup (loadDir, reports) keep working.
 */
const bases = new WeakMap<object, CatalogLookup>();

/** The catalog an `offerCatalog` view shows (the catalog itself for anything else). */
export function unviewedCatalog(catalog: CatalogLookup): CatalogLookup {
  return bases.get(catalog) ?? catalog;
}

export function offerCatalog<T extends CatalogLookup>(base: T): T {
  const view = (definition: Definition | undefined): Definition | undefined => {
    if (!definition?.advanced_auth || oauthOffered(definition.id)) return definition;
    return withoutOAuthOption(definition) ?? definition;
  };
  const get: CatalogLookup["get"] = (idOrName) => view(base.get(idOrName));
  const search: CatalogLookup["search"] = (query, limit) => base.search(query, limit).map((hit) => ({ ...hit, definition: view(hit.definition)! }));
  const proxy = new Proxy(base, {
    get(target, property) {
      if (property === "get") return get;
      if (property === "search") return search;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  bases.set(proxy, base);
  return proxy;
}
