// Record against a local OpenAI-compatible server, then replay with that server gone.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../server/config.ts";
import { cassettePath, startCassetteProxy } from "./cassette-proxy.ts";
import type { EvalCase } from "./types.ts";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function fakeOpenAI(): Promise<{ url: string; calls: string[]; close(): Promise<void> }> {
  const calls: string[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      calls.push(`${request.headers.authorization} ${body}`);
      const question = JSON.parse(body).messages.at(-1).content;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ id: "c1", object: "chat.completion", choices: [{ index: 0, message: { role: "assistant", content: `echo: ${question}` } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    calls,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function ask(baseUrl: string, content: string): Promise<string> {
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "gpt-test", messages: [{ role: "user", content }] }),
  });
  const data = (await response.json()) as any;
  return data.choices?.[0]?.message?.content ?? `error ${response.status}: ${data.error?.message}`;
}

describe("cassette proxy", () => {
  it("records model responses beside the case and replays them without the upstream", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "onramp-cassette-"));
    dirs.push(dir);
    const caseDef: EvalCase = { id: "x/recorded", connector: "source-sample-data", file: path.join(dir, "recorded.yaml"), expect: {} };
    const upstream = await fakeOpenAI();
    const config = loadConfig({ ONRAMP_MODEL: "openai:gpt-test", OPENAI_API_KEY: "sk-local-test", OPENAI_BASE_URL: upstream.url });

    const recorder = (await startCassetteProxy({ config, record: true }))!;
    const recordedBase = (await recorder.configFor(caseDef)).openaiBaseUrl!;
    expect(await ask(recordedBase, "first")).toBe("echo: first");
    expect(await ask(recordedBase, "second")).toBe("echo: second");
    expect(recorder.modelLog(caseDef)()).toHaveLength(2);
    await recorder.stop();
    await upstream.close();
    expect(upstream.calls[0]).toContain("Bearer sk-local-test");
    const cassette = JSON.parse(await readFile(cassettePath(caseDef.file), "utf8"));
    expect(cassette.interactions).toHaveLength(2);
    expect(cassettePath(caseDef.file)).toBe(path.join(dir, "recorded.cassette.json"));

    // Replay: no key, upstream closed; requests are matched by content, not only by order.
    const replayConfig = loadConfig({ ONRAMP_MODEL: "openai:gpt-test", OPENAI_BASE_URL: upstream.url });
    const player = (await startCassetteProxy({ config: replayConfig, record: false }))!;
    const replayBase = (await player.configFor(caseDef)).openaiBaseUrl!;
    expect(await ask(replayBase, "second")).toBe("echo: second");
    expect(await ask(replayBase, "first")).toBe("echo: first");
    expect(await ask(replayBase, "third")).toMatch(/no more responses/);
    expect(player.modelLog(caseDef)().join("\n")).toContain("third");
    await player.stop();
  });

  it("refuses to replay a case without a cassette and never forwards its requests", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "onramp-cassette-"));
    dirs.push(dir);
    const caseDef: EvalCase = { id: "x/unrecorded", connector: "source-sample-data", file: path.join(dir, "unrecorded.yaml"), expect: {} };
    const upstream = await fakeOpenAI();
    const config = loadConfig({ ONRAMP_MODEL: "openai:gpt-test", OPENAI_API_KEY: "sk-local-test", OPENAI_BASE_URL: upstream.url });
    const player = (await startCassetteProxy({ config, record: false }))!;
    await expect(player.configFor(caseDef)).rejects.toThrow(/no cassette for x\/unrecorded .*; run with --record/);
    // Even a request that reaches the proxy for that case is answered there.
    expect(await ask(`${player.url}/case/${encodeURIComponent(caseDef.id)}`, "hello")).toMatch(/error 500: no cassette/);
    await player.stop();
    await upstream.close();
    expect(upstream.calls).toHaveLength(0);
  });

  it("is not started for the offline model, and --record demands an OpenAI model", async () => {
    expect(await startCassetteProxy({ config: loadConfig({}), record: false })).toBeNull();
    await expect(startCassetteProxy({ config: loadConfig({}), record: true })).rejects.toThrow(/OpenAI model/);
  });
});
