// The only place the graph waits. Everything said before a question happened in earlier nodes,
// so re-running this node on resume (LangGraph re-runs the whole node) repeats nothing.
import { interrupt } from "@langchain/langgraph";
import type { AgentInput } from "../session-port.ts";
import type { AgentStateType, AgentStateUpdate } from "../state.ts";

export type AfterAsk = "chooseConnector" | "understand" | "receive" | "nextField";

export function ask(state: AgentStateType): AgentStateUpdate {
  const input = interrupt<{ phase: string; pending: AgentStateType["pending"] }, AgentInput>({
    phase: state.phase,
    pending: state.pending,
  });
  // A secret arrives only as "stored"; the oauth popup only as its outcome; the rest is chat.
  return { input };
}

export function routeInput(state: AgentStateType): AfterAsk {
  const input = state.input;
  if (!input || input.kind === "start") return "nextField";
  // A form edit is heard (receive says what changed) once a connector is being set up.
  if (input.kind === "form.changed") return input.paths?.length && state.phase !== "connector" ? "receive" : "nextField";
  if (input.kind === "message") return state.phase === "connector" ? "chooseConnector" : "understand";
  return "receive";
}
