// An OpenAI-compatible HTTP proxy on 127.0.0.1 that the agent's OPENAI_BASE_URL points at, one
// path prefix per case (/case/<id>/...). It records what the model answered into a cassette
// beside the case (--record), replays the cassette when there is one (no network, no key), and
// keeps every request body, which is exactly what was sent to the model (for no_leak).
// Only --record ever reaches the real endpoint: a replayed case without a cassette fails
// ("no cassette; run with --record") instead of quietly spending a key and the network.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "../server/config.ts";
import { CASSETTE_SUFFIX } from "./load-cases.ts";
import type { EvalCase } from "./types.ts";

export interface Interaction {
  method: string;
  path: string;
  requestHash: string;
  status: number;
  contentType: string;
  body: string;
}

export interface Cassette {
  caseId: string;
  model: string;
  recordedAt: string;
  interactions: Interaction[];
}

export function cassettePath(caseFile: string): string {
  return caseFile.replace(/\.(ya?ml|json)$/i, "") + CASSETTE_SUFFIX;
}

/** Hash of a request body with volatile keys dropped, so a replay finds the same question. */
export function requestHash(body: string): string {
  let canonical = body;
  try {
    const parsed = JSON.parse(body);
    delete parsed.user;
    canonical = JSON.stringify(parsed);
  } catch {
    // not JSON: hash as is
  }
  return createHash("sha256").update(canonical).digest("hex").slice(0, 32);
}

interface CaseTape {
  caseDef: EvalCase;
  sent: string[];
  replay: Interaction[] | null;
  used: Set<number>;
  recorded: Interaction[];
}

export interface CassetteProxy {
  /** Config for one case: its own base URL on the proxy (loads its cassette when replaying). */
  configFor(caseDef: EvalCase): Promise<Partial<Config>>;
  modelLog(caseDef: EvalCase): () => string[];
  stop(): Promise<void>;
  url: string;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function startCassetteProxy(opts: {
  config: Config;
  record: boolean;
}): Promise<CassetteProxy | null> {
  const { config, record } = opts;
  if (config.model.kind !== "openai") {
    if (record) throw new Error("--record needs an OpenAI model (--model openai:<model>)");
    return null;
  }
  const model = config.model.model;
  const upstream = (config.openaiBaseUrl ?? "https://api.openai.com/v1").replace(/\/+$/, "");
  if (record && !config.openaiApiKey) throw new Error("--record needs OPENAI_API_KEY");
  const tapes = new Map<string, CaseTape>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const match = (request.url ?? "").match(/^\/case\/([^/]+)(\/.*)$/);
    const tape = match ? tapes.get(decodeURIComponent(match[1])) : undefined;
    if (!match || !tape) {
      response.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"unknown case"}}');
      return;
    }
    const body = await readBody(request);
    tape.sent.push(body);
    const hash = requestHash(body);
    const subPath = match[2];
    if (!record && !tape.replay) {
      response.writeHead(500, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: noCassette(tape.caseDef) } }));
      return;
    }
    if (tape.replay && !record) {
      let index = tape.replay.findIndex((item, at) => !tape.used.has(at) && item.requestHash === hash);
      if (index < 0) index = tape.replay.findIndex((_, at) => !tape.used.has(at));
      if (index < 0) {
        response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { message: `cassette of ${tape.caseDef.id} has no more responses` } }));
        return;
      }
      tape.used.add(index);
      const item = tape.replay[index];
      response.writeHead(item.status, { "content-type": item.contentType }).end(item.body);
      return;
    }
    const upstreamResponse = await fetch(`${upstream}${subPath}`, {
      method: request.method,
      headers: {
        "content-type": "application/json",
        authorization: `Bearer ${config.openaiApiKey ?? ""}`,
        accept: String(request.headers.accept ?? "application/json"),
      },
      body: request.method === "GET" ? undefined : body,
    });
    const text = await upstreamResponse.text();
    const contentType = upstreamResponse.headers.get("content-type") ?? "application/json";
    if (record) {
      tape.recorded.push({ method: request.method ?? "POST", path: subPath, requestHash: hash, status: upstreamResponse.status, contentType, body: text });
    }
    response.writeHead(upstreamResponse.status, { "content-type": contentType }).end(text);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      if (!response.headersSent) response.writeHead(502, { "content-type": "application/json" });
      response.end(JSON.stringify({ error: { message: `proxy: ${(error as Error).message}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function register(caseDef: EvalCase): CaseTape {
    let tape = tapes.get(caseDef.id);
    if (!tape) {
      tape = { caseDef, sent: [], replay: null, used: new Set(), recorded: [] };
      tapes.set(caseDef.id, tape);
    }
    return tape;
  }

  return {
    url,
    async configFor(caseDef) {
      const tape = register(caseDef);
      if (!record) {
        tape.replay = (await loadCassette(caseDef.file))?.interactions ?? null;
        if (!tape.replay) throw new Error(noCassette(caseDef));
      }
      return {
        openaiBaseUrl: `${url}/case/${encodeURIComponent(caseDef.id)}`,
        // The OpenAI client wants a key even when a cassette answers.
        openaiApiKey: config.openaiApiKey ?? "sk-replay-from-cassette",
      };
    },
    modelLog(caseDef) {
      const tape = register(caseDef);
      return () => tape.sent;
    },
    async stop() {
      (server as any).closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (!record) return;
      for (const tape of tapes.values()) {
        if (!tape.recorded.length) continue;
        const cassette: Cassette = { caseId: tape.caseDef.id, model, recordedAt: new Date().toISOString(), interactions: tape.recorded };
        await writeFile(cassettePath(tape.caseDef.file), JSON.stringify(cassette, null, 2) + "\n");
      }
    },
  };
}

function noCassette(caseDef: EvalCase): string {
  return `no cassette for ${caseDef.id} (${cassettePath(caseDef.file)}); run with --record`;
}

/** Loads a case's cassette into the proxy before the case runs (replay mode). */
export async function loadCassette(caseFile: string): Promise<Cassette | null> {
  const file = cassettePath(caseFile);
  if (!existsSync(file)) return null;
  return JSON.parse(await readFile(file, "utf8")) as Cassette;
}
