// The setup agent's public surface. The server imports only these.
export { createSetupAgent, type SetupAgent, type SetupAgentOptions, type ModelSetting } from "./setup-agent.ts";
export { screenUserText, redactSecrets, REDACTED, type ScreenOptions, type ScreenResult } from "./screen-secrets.ts";
export { screenOptionsFor } from "./understand/screen-options.ts";
export {
  createModelGateway,
  type ModelGateway,
  type ModelGatewayOptions,
  type ModelMessage,
  type ModelReply,
  type ModelTool,
  type SentRecord,
} from "./model-gateway.ts";
export { LatestCheckpointSaver, type CheckpointRecords } from "./checkpointer.ts";
export { warmUp, definitionsToWalk, WARM_UP_MESSAGES } from "./warm-up.ts";
export { understandOffline } from "./understand/offline.ts";
export type { Decision, UnderstandContext } from "./understand/types.ts";
export type { AgentInput, SessionPort } from "./session-port.ts";
export * from "./protocol.ts";
