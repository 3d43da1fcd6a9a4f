// Wiring only: which node follows which. The nodes live in nodes/, the state in state.ts.
//
//   START ─▶ (route input) ─▶ chooseConnector ─▶ understand ─▶ apply ─▶ nextField ─▶ ask ⟲
//                          ├▶ understand                                     └▶ test ─▶ END | nextField
//                          ├▶ receive (secret / oauth / test request) ─▶ nextField
//                          └▶ nextField (start, form changed)
import { END, START, StateGraph, type BaseCheckpointSaver } from "@langchain/langgraph";
import { createApply, routeAfterApply } from "./nodes/apply.ts";
import { ask, routeInput } from "./nodes/ask.ts";
import { createChooseConnector, routeAfterChooseConnector } from "./nodes/choose-connector.ts";
import { createNextField, routeAfterNextField } from "./nodes/next-field.ts";
import { createReceive, routeAfterReceive } from "./nodes/receive.ts";
import type { AgentDeps } from "./nodes/runtime.ts";
import { createTestConnection, routeAfterTest } from "./nodes/test-connection.ts";
import { createUnderstand } from "./nodes/understand.ts";
import { AgentState } from "./state.ts";

const inputRoutes = { chooseConnector: "chooseConnector", understand: "understand", receive: "receive", nextField: "nextField" } as const;

export function buildSetupGraph(deps: AgentDeps, checkpointer: BaseCheckpointSaver) {
  return new StateGraph(AgentState)
    .addNode("chooseConnector", createChooseConnector(deps))
    .addNode("understand", createUnderstand(deps))
    .addNode("apply", createApply(deps))
    .addNode("receive", createReceive(deps))
    .addNode("nextField", createNextField(deps))
    .addNode("ask", ask)
    .addNode("test", createTestConnection(deps))
    .addConditionalEdges(START, routeInput, inputRoutes)
    .addConditionalEdges("ask", routeInput, inputRoutes)
    .addConditionalEdges("chooseConnector", routeAfterChooseConnector, { understand: "understand", nextField: "nextField", done: END })
    .addEdge("understand", "apply")
    .addConditionalEdges("apply", routeAfterApply, { nextField: "nextField", done: END })
    .addConditionalEdges("receive", routeAfterReceive, { nextField: "nextField", done: END })
    .addConditionalEdges("nextField", routeAfterNextField, { ask: "ask", test: "test" })
    .addConditionalEdges("test", routeAfterTest, { nextField: "nextField", done: END })
    .compile({ checkpointer });
}

export type SetupGraph = ReturnType<typeof buildSetupGraph>;
