// Wiring only: which node follows which. The nodes live in nodes/, the state in state.ts.
//
//   START ─▶ (route input) ─▶ chooseConnector ─▶ understand ─▶ apply ─▶ nextField ─▶ ask ⟲
//                          ├▶ understand                                     └▶ test ─▶ END | nextField
//                          ├▶ receive (secret / oauth / test request / form edit) ─▶ nextField
//                          └▶ nextField (start, form changed before a connector)
//
// A node's router runs inside the node's own step (`routed`): the node's update and where to go
// next leave together as one `Command`, instead of a conditional edge that, per step, re-reads
// the whole state and runs the router as a separate traced runnable. Every turn is a graph run,
// so that per-step cost is paid on every message.
import { Command, END, START, StateGraph, type BaseCheckpointSaver, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { createApply, routeAfterApply } from "./nodes/apply.ts";
import { ask, routeInput } from "./nodes/ask.ts";
import { createChooseConnector, routeAfterChooseConnector } from "./nodes/choose-connector.ts";
import { createNextField, routeAfterNextField } from "./nodes/next-field.ts";
import { createReceive, routeAfterReceive } from "./nodes/receive.ts";
import type { AgentDeps } from "./nodes/runtime.ts";
import { createTestConnection, routeAfterTest } from "./nodes/test-connection.ts";
import { createUnderstand } from "./nodes/understand.ts";
import { AgentState, type AgentStateType, type AgentStateUpdate } from "./state.ts";

type Node = (state: AgentStateType, config: LangGraphRunnableConfig) => AgentStateUpdate | Promise<AgentStateUpdate>;

/**
 * The node, then its router on the state as the update leaves it. Merging the update over the
 * state is exact because every channel of AgentState keeps the last value written.
 */
function routed<Route extends string>(node: Node, router: (state: AgentStateType) => Route, ends: Record<Route, string>) {
  return async (state: AgentStateType, config: LangGraphRunnableConfig) => {
    const update = await node(state, config);
    return new Command({ update, goto: ends[router({ ...state, ...update } as AgentStateType)] });
  };
}

const inputRoutes = { chooseConnector: "chooseConnector", understand: "understand", receive: "receive", nextField: "nextField" } as const;
const destinations = (ends: Record<string, string>) => ({ ends: Object.values(ends).filter((end) => end !== END) });

const afterChooseConnector = { understand: "understand", nextField: "nextField", done: END } as const;
const afterApply = { nextField: "nextField", done: END } as const;
const afterReceive = { nextField: "nextField", done: END } as const;
const afterNextField = { ask: "ask", test: "test" } as const;
const afterTest = { nextField: "nextField", done: END } as const;

export function buildSetupGraph(deps: AgentDeps, checkpointer: BaseCheckpointSaver) {
  return new StateGraph(AgentState)
    .addNode("chooseConnector", routed(createChooseConnector(deps), routeAfterChooseConnector, afterChooseConnector), destinations(afterChooseConnector))
    .addNode("understand", createUnderstand(deps))
    .addNode("apply", routed(createApply(deps), routeAfterApply, afterApply), destinations(afterApply))
    .addNode("receive", routed(createReceive(deps), routeAfterReceive, afterReceive), destinations(afterReceive))
    .addNode("nextField", routed(createNextField(deps), routeAfterNextField, afterNextField), destinations(afterNextField))
    .addNode("ask", routed(ask, routeInput, inputRoutes), destinations(inputRoutes))
    .addNode("test", routed(createTestConnection(deps), routeAfterTest, afterTest), destinations(afterTest))
    .addConditionalEdges(START, routeInput, inputRoutes)
    .addEdge("understand", "apply")
    .compile({ checkpointer });
}

export type SetupGraph = ReturnType<typeof buildSetupGraph>;
