// The one WebSocketServer setup every server (the real one and the test servers) uses, so a frame
// meets the same size limit as a REST body: `ws` refuses a larger frame (close code 1009) before
// reading it into memory, where its default would accept 100 MiB.
import { WebSocketServer } from "ws";
import type { Config } from "./config.ts";
import { DEFAULT_MAX_BODY_BYTES } from "./app.ts";

export function createWebSocketServer(config: Pick<Config, "maxBodyBytes">): WebSocketServer {
  return new WebSocketServer({ noServer: true, maxPayload: config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES });
}
