import { describe, expect, it } from "vitest";
import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { Annotation, Command, MemorySaver, StateGraph, interrupt } from "@langchain/langgraph";
import { untracedRunContext, untracedRunContextInstalled } from "./run-context.ts";

// langsmith is LangChain's dependency, not ours: the RunTree is told by its class name.
const isRunTree = (scope: unknown) => (scope as { constructor?: { name?: string } } | undefined)?.constructor?.name === "RunTree";

const State = Annotation.Root({ asked: Annotation<string>, answer: Annotation<string> });

describe("untracedRunContext", () => {
  it("runs steps without a RunTree, keeping the step's config for interrupt() and resume", async () => {
    untracedRunContext();
    expect(untracedRunContextInstalled()).toBe(true);
    const scopes: unknown[] = [];
    const configs: unknown[] = [];
    const graph = new StateGraph(State)
      .addNode("ask", (state) => {
        scopes.push(AsyncLocalStorageProviderSingleton.getInstance().getStore());
        configs.push(AsyncLocalStorageProviderSingleton.getRunnableConfig()?.configurable?.thread_id);
        return { answer: interrupt(`which ${state.asked}?`) as string };
      })
      .addEdge("__start__", "ask")
      .compile({ checkpointer: new MemorySaver() });
    const config = { configurable: { thread_id: "t-1" } };
    const first = await graph.invoke({ asked: "host" }, config);
    expect((first as { __interrupt__?: Array<{ value: unknown }> }).__interrupt__?.[0]?.value).toBe("which host?");
    const resumed = await graph.invoke(new Command({ resume: "db.internal" }), config);
    expect(resumed.answer).toBe("db.internal");
    expect(configs).toEqual(["t-1", "t-1"]);
    expect(scopes.length).toBe(2);
    for (const scope of scopes) expect(isRunTree(scope)).toBe(false);
  });

  it("leaves a run with callbacks to LangChain (a tracer gets its RunTree)", async () => {
    untracedRunContext();
    let scope: unknown;
    await AsyncLocalStorageProviderSingleton.runWithConfig({ callbacks: [] }, () => {
      scope = AsyncLocalStorageProviderSingleton.getInstance().getStore();
    });
    expect(isRunTree(scope)).toBe(true);
  });
});
