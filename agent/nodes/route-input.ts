// Where a turn starts: what woke the agent decides the first node. There is no waiting node: a
// turn is one graph run from START to END on the session's thread, and the state the last run
// left (the question asked, the phase) is what the next one starts from.
import type { AgentStateType } from "../state.ts";

export type InputRoute = "chooseConnector" | "understand" | "receive" | "nextField";

export function routeInput(state: AgentStateType): InputRoute {
  const input = state.input;
  if (!input || input.kind === "start") return "nextField";
  // A form edit is heard (receive says what changed) once a connector is being set up.
  if (input.kind === "form.changed") return input.paths?.length && state.phase !== "connector" ? "receive" : "nextField";
  if (input.kind === "message") return state.phase === "connector" ? "chooseConnector" : "understand";
  // A secret arrives only as "stored", the oauth popup only as its outcome; the rest is chat.
  return "receive";
}
