// Wiring only: which node follows which. The nodes live in nodes/, the state in state.ts.
//
//   START ─▶ (route input) ─▶ chooseConnector ─▶ understand ─▶ apply ─▶ [next field] ─▶ END
//                          ├▶ understand                                     └▶ test ─▶ END | [next field]
//                          ├▶ receive (secret / oauth / test request / form edit) ─▶ [next field]
//                          └▶ nextField (start, form changed before a connector)
//
// A turn is one run from START to END on the session's thread: the channels keep what the last
// run left (the question asked, the phase), so the next input starts from there. The graph used
// to wait in an `ask` node with interrupt(); a resumed run then re-ran that node first and ended
// by running it again to wait, two steps of every turn that did nothing else (LangGraph prepares
// a task, merges configs, hashes a task id and copies the channels for every step, and the
// interrupt is an error with a stack trace and a pending write in the checkpoint).
//
// A node's router runs inside the node's own step (`routed`): the node's update and where to go
// next leave together as one `Command`, instead of a conditional edge that, per step, re-reads
// the whole state and runs the router as a separate traced runnable.
//
// [next field] is the nextField node's function run inside the step of the node before it
// (`thenNextField`), for the same reason: every node that handed over to nextField did so
// unconditionally. A message turn is three steps (LangGraph's input step, understand, apply with
// the next question) where it was five. The nextField node stays for the turns that start with it.
import { Command, END, START, StateGraph, type BaseCheckpointSaver, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { createApply, routeAfterApply } from "./nodes/apply.ts";
import { createChooseConnector, routeAfterChooseConnector } from "./nodes/choose-connector.ts";
import { createNextField, routeAfterNextField } from "./nodes/next-field.ts";
import { createReceive, routeAfterReceive } from "./nodes/receive.ts";
import { routeInput } from "./nodes/route-input.ts";
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

/**
 * The node, then, when its router says "nextField", nextField's function on the state as the
 * node's update leaves it, in the same step; the two updates leave together (later keys win,
 * exact for the same reason as in `routed`) with nextField's route.
 */
function thenNextField<Route extends string>(
  node: Node,
  router: (state: AgentStateType) => Route | "nextField",
  ends: Record<Route, string>,
  nextField: Node,
) {
  return async (state: AgentStateType, config: LangGraphRunnableConfig) => {
    const update = await node(state, config);
    const after = { ...state, ...update } as AgentStateType;
    const route = router(after);
    if (route !== "nextField") return new Command({ update, goto: ends[route] });
    const next = await nextField(after, config);
    return new Command({ update: { ...update, ...next }, goto: afterNextField[routeAfterNextField({ ...after, ...next } as AgentStateType)] });
  };
}

const destinations = (ends: Record<string, string>) => ({ ends: Object.values(ends).filter((end) => end !== END) });

const inputRoutes = { chooseConnector: "chooseConnector", understand: "understand", receive: "receive", nextField: "nextField" } as const;
const afterNextField = { wait: END, test: "test" } as const;
// Where a node followed by [next field] may go: its own other routes, or wherever nextField sends.
const afterChooseConnector = { understand: "understand", done: END } as const;
const afterApply = { done: END } as const;
const afterReceive = { done: END } as const;
const afterTest = { done: END } as const;
const orNextField = (ends: Record<string, string>) => destinations({ ...ends, ...afterNextField });

export function buildSetupGraph(deps: AgentDeps, checkpointer: BaseCheckpointSaver) {
  const nextField = createNextField(deps);
  return new StateGraph(AgentState)
    .addNode("chooseConnector", thenNextField(createChooseConnector(deps), routeAfterChooseConnector, afterChooseConnector, nextField), orNextField(afterChooseConnector))
    .addNode("understand", createUnderstand(deps))
    .addNode("apply", thenNextField(createApply(deps), routeAfterApply, afterApply, nextField), orNextField(afterApply))
    .addNode("receive", thenNextField(createReceive(deps), routeAfterReceive, afterReceive, nextField), orNextField(afterReceive))
    .addNode("nextField", routed(nextField, routeAfterNextField, afterNextField), destinations(afterNextField))
    .addNode("test", thenNextField(createTestConnection(deps), routeAfterTest, afterTest, nextField), orNextField(afterTest))
    .addConditionalEdges(START, routeInput, inputRoutes)
    .addEdge("understand", "apply")
    .compile({ checkpointer });
}

export type SetupGraph = ReturnType<typeof buildSetupGraph>;
