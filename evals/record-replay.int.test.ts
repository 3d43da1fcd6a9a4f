// --record against a local OpenAI-compatible server (never the internet), then the same case
// replayed from its cassette with that server gone and no API key.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { startFakeOpenAI } from "../agent/testing/fake-openai.ts";
import { cassettePath } from "./cassette-proxy.ts";
import { main } from "./cli.ts";

const dirs: string[] = [];
afterAll(async () => {
  vi.restoreAllMocks();
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function quietly(run: () => Promise<number>): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const grab = ((chunk: unknown) => (lines.push(String(chunk)), true)) as any;
  vi.spyOn(process.stdout, "write").mockImplementation(grab);
  vi.spyOn(process.stderr, "write").mockImplementation(grab);
  try {
    return { code: await run(), output: lines.join("") };
  } finally {
    vi.restoreAllMocks();
  }
}

describe("record and replay", () => {
  it("stores the model's answers beside the case and replays them offline", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "onramp-record-"));
    dirs.push(dir);
    const caseFile = path.join(dir, "users.yaml");
    await writeFile(
      caseFile,
      [
        "id: record/users",
        "connector: source-sample-data",
        'opening: "Some sample data please, the one about what people do"',
        "facts:",
        "  /dataset: events",
        "expect:",
        "  outcome: saved",
        "  config: { dataset: events }",
        "  not_asked: [/dataset]",
      ].join("\n"),
    );
    const fake = await startFakeOpenAI();
    fake.replies = [{ toolCalls: [{ name: "set_fields", args: { fields: [{ path: "/dataset", value: "events" }] } }] }];
    const json = path.join(dir, "recorded.json");
    const recorded = await quietly(() =>
      main(["--cases", dir, "--model", "openai:fake-model", "--record", "--json", json], {
        OPENAI_API_KEY: "sk-local-only",
        OPENAI_BASE_URL: fake.baseUrl,
      }),
    );
    await fake.close();
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(recorded.output).toContain("1 passed, 0 failed");
    const cassette = JSON.parse(await readFile(cassettePath(caseFile), "utf8"));
    expect(cassette.caseId).toBe("record/users");
    expect(JSON.stringify(cassette)).not.toContain("sk-local-only");
    expect(cassette.interactions.length).toBe(fake.requests.length);

    // Replay: the fake server is closed and no key is set; only the cassette can answer.
    const replayJson = path.join(dir, "replayed.json");
    const replayed = await quietly(() =>
      main(["--cases", dir, "--model", "openai:fake-model", "--json", replayJson], { OPENAI_BASE_URL: fake.baseUrl }),
    );
    expect(replayed.output).toContain("1 passed, 0 failed");
    const first = JSON.parse(await readFile(json, "utf8")).cases[0];
    const second = JSON.parse(await readFile(replayJson, "utf8")).cases[0];
    const userEvents = (report: any) => report.transcript.filter((item: any) => item.from === "user").map((item: any) => item.event);
    expect(userEvents(second)).toEqual(userEvents(first));
    expect(second.finalConfig).toEqual(first.finalConfig);

    // Without the cassette the case fails, naming the fix, and the endpoint is never called,
    // even one that is up and has a key for it.
    await rm(cassettePath(caseFile));
    const live = await startFakeOpenAI();
    live.replies = [{ toolCalls: [{ name: "set_fields", args: { fields: [{ path: "/dataset", value: "events" }] } }] }];
    const without = await quietly(() =>
      main(["--cases", dir, "--model", "openai:fake-model"], { OPENAI_API_KEY: "sk-local-only", OPENAI_BASE_URL: live.baseUrl }),
    );
    await live.close();
    expect(live.requests).toHaveLength(0);
    expect(without.output).toMatch(/FAIL record\/users .*no cassette for record\/users .*; run with --record/);
    expect(without.output).toContain("0 passed, 1 failed");
  });
});
