// A local OpenAI-compatible server for tests (127.0.0.1, random port): /v1/chat/completions
// answers from a script, as JSON or as an SSE stream when the request asks for `stream: true`.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedReply {
  text?: string;
  toolCalls?: Array<{ name: string; args: Record<string, unknown> }>;
  /** Answer with this HTTP status and an error body instead. */
  status?: number;
  /** Never answer (a model that times out). */
  hang?: boolean;
  /** Streamed: cut the connection after this many pieces of text (a connection dropped mid-reply). */
  dropAfter?: number;
}

export interface FakeOpenAI {
  baseUrl: string;
  /** Request bodies received, parsed. */
  requests: Array<Record<string, any>>;
  /** Replies given in order; the last one repeats. */
  replies: ScriptedReply[];
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => resolve(body));
    request.on("error", reject);
  });
}

function send(response: ServerResponse, body: Record<string, any>, stream: boolean, reply: ScriptedReply, model: string) {
  const created = Math.floor(Date.now() / 1000);
  const toolCalls = (reply.toolCalls ?? []).map((call, index) => ({
    index,
    id: `call_${index}`,
    type: "function",
    function: { name: call.name, arguments: JSON.stringify(call.args) },
  }));
  if (!stream) {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(
      JSON.stringify({
        id: "chatcmpl-test",
        object: "chat.completion",
        created,
        model,
        choices: [
          {
            index: 0,
            message: { role: "assistant", content: reply.text ?? null, ...(toolCalls.length ? { tool_calls: toolCalls.map(({ index: _index, ...call }) => call) } : {}) },
            finish_reason: toolCalls.length ? "tool_calls" : "stop",
          },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
      }),
    );
    return;
  }
  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const chunk = (delta: Record<string, unknown>, finish: string | null = null) =>
    response.write(
      `data: ${JSON.stringify({ id: "chatcmpl-test", object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`,
    );
  chunk({ role: "assistant", content: "" });
  // Text arrives in pieces, as a real model streams it.
  const pieces = (reply.text ?? "").match(/.{1,6}/gs) ?? [];
  for (const [index, piece] of pieces.entries()) {
    if (reply.dropAfter !== undefined && index >= reply.dropAfter) {
      // Let the pieces already written reach the client before the connection goes.
      setTimeout(() => response.socket?.destroy(), 50);
      return;
    }
    chunk({ content: piece });
  }
  for (const call of toolCalls) {
    const half = Math.ceil(call.function.arguments.length / 2);
    chunk({ tool_calls: [{ index: call.index, id: call.id, type: "function", function: { name: call.function.name, arguments: call.function.arguments.slice(0, half) } }] });
    chunk({ tool_calls: [{ index: call.index, function: { arguments: call.function.arguments.slice(half) } }] });
  }
  chunk({}, toolCalls.length ? "tool_calls" : "stop");
  response.write("data: [DONE]\n\n");
  response.end();
  void body;
}

export async function startFakeOpenAI(replies: ScriptedReply[] = []): Promise<FakeOpenAI> {
  const requests: Array<Record<string, any>> = [];
  const state = { replies };
  let served = 0;
  const server = createServer(async (request, response) => {
    if (request.method !== "POST" || !request.url?.endsWith("/chat/completions")) {
      response.writeHead(404).end();
      return;
    }
    const body = JSON.parse(await readBody(request));
    requests.push(body);
    const list = state.replies;
    const reply = list[Math.min(served++, list.length - 1)] ?? { text: "" };
    if (reply.hang) return;
    if (reply.status) {
      response.writeHead(reply.status, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: "scripted failure", type: "server_error" } }));
      return;
    }
    send(response, body, body.stream === true, reply, String(body.model ?? "test-model"));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    get replies() {
      return state.replies;
    },
    set replies(next) {
      state.replies = next;
      served = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
