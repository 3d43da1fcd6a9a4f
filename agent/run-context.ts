// LangChain runs every runnable (each graph step, each channel write) inside its AsyncLocalStorage
// scope, and builds a LangSmith RunTree for that scope even when nothing traces: a uuid7 (random
// bytes), timestamps and environment look-ups several times per step, about a millisecond of a
// setup turn's few. When no tracer is configured, `untracedRunContext` makes that scope a plain
// object holding what LangChain and LangGraph read back from it (the step's config, under the key
// `getRunnableConfig()` reads; `interrupt()` depends on it) and nothing else. A run given its own
// callbacks, or a process where LangSmith tracing is configured, keeps LangChain's own path.
import { AsyncLocalStorageProviderSingleton, _CONTEXT_VARIABLES_KEY } from "@langchain/core/singletons";

type RunWithConfig = (config: Record<string, unknown> | undefined, callback: () => unknown, avoidCreatingRootRunTree?: boolean) => unknown;
interface Provider {
  runWithConfig: RunWithConfig;
  getInstance(): { getStore(): any; run(store: unknown, callback: () => unknown): unknown };
}

/** LangChain's key for the config of the runnable running now (see @langchain/core singletons). */
const LC_CHILD_KEY = Symbol.for("lc:child_config");
let installed: RunWithConfig | undefined;

/** True once untraced runs skip the RunTree (for tests and diagnostics). */
export function untracedRunContextInstalled(): boolean {
  return installed !== undefined;
}

/** Installs the plain scope for runs without callbacks; idempotent. Not called when tracing is on. */
export function untracedRunContext(): void {
  if (installed) return;
  const provider = AsyncLocalStorageProviderSingleton as unknown as Provider;
  const original = provider.runWithConfig.bind(provider);
  installed = original;
  provider.runWithConfig = (config, callback, avoidCreatingRootRunTree) => {
    // With callbacks a handler (a tracer) may want its RunTree; without a root one LangChain
    // stores no scope at all: both are left to LangChain.
    if (config?.callbacks !== undefined || avoidCreatingRootRunTree) return original(config, callback, avoidCreatingRootRunTree);
    const storage = provider.getInstance();
    const previous = storage.getStore();
    const scope: Record<PropertyKey, unknown> = { extra: { [LC_CHILD_KEY]: config } };
    if (previous?.[_CONTEXT_VARIABLES_KEY] !== undefined) scope[_CONTEXT_VARIABLES_KEY] = previous[_CONTEXT_VARIABLES_KEY];
    return storage.run(scope, callback);
  };
}
