// Conversations over a slice of the real Airbyte spec corpus with a plain scripted person: the
// agent must reach a saved connector on each, asking only through field.ask / secret mode.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Catalog } from "../specs/index.ts";
import { oauthOutputs } from "../specs/advanced-auth.ts";
import { CORPUS_DIR, corpusDefinition, corpusPresent } from "../specs/testing/corpus.ts";
import type { FieldAsk } from "./protocol.ts";
import { createSetupAgent } from "./setup-agent.ts";
import { converse } from "./testing/conversation.ts";
import { createMemoryCheckpoints, createMemoryPort } from "./memory-port.ts";

// A person who answers from the question itself: the spec's example, a date, a type-shaped value.
function answer(ask: FieldAsk): string {
  if (ask.kind === "choice") return ask.options?.[0]?.title ?? "1";
  if (ask.enum?.length) return String(ask.enum[0]);
  if (ask.default !== undefined) return "default";
  if (!ask.required) return "skip";
  if (/end_?date|until|to_date/i.test(ask.path)) return "until Dec 31st 2023";
  if (/date|start/i.test(ask.path)) return "since Jan 1st 2023";
  if (/url|endpoint|uri/i.test(ask.path)) return "https://api.example.com";
  if (typeof ask.example === "string" && !/\s/.test(ask.example)) return ask.example;
  return { integer: "5", number: "5", boolean: "yes", array: "alpha, beta", object: "{}" }[ask.type] ?? "value1";
}

const files = corpusPresent ? readdirSync(CORPUS_DIR).filter((file) => file.endsWith(".json")).sort() : [];
// Every 10th spec: a spread of sources and destinations, stable from run to run.
const sample = files.filter((_file, index) => index % 10 === 0).map((file) => file.replace(/\.json$/, ""));

describe.skipIf(!corpusPresent)("setup agent over Airbyte specs", () => {
  it.each(sample)("%s: reaches a saved connector", async (name) => {
    const catalog = await Catalog.load({ builtins: false });
    const definition = corpusDefinition(name);
    catalog.add(definition);
    const agent = createSetupAgent({ catalog, checkpoints: createMemoryCheckpoints(), model: { kind: "offline" } });
    const port = createMemoryPort({ definition, check: () => ({ status: "succeeded", message: "ok" }) });
    const chat = converse(agent, port);
    let events = await chat.send({ kind: "start" });
    for (let turn = 0; turn < 30 && !events.some((event) => event.type === "session.completed"); turn++) {
      const oauth = events.find((event) => event.type === "oauth.request");
      const pending = chat.pending();
      if (oauth) {
        // What the OAuth callback does: tokens go to the secret store, the agent hears "completed".
        for (const output of oauthOutputs(definition)) await port.storeSecret(output.path, "token-value");
        events = await chat.send({ kind: "oauth.completed", path: oauth.path });
        continue;
      }
      // Nothing asked: the agent waits for the go-ahead (a spec with nothing required, at the start).
      if (!pending) {
        events = await chat.say("go ahead");
        continue;
      }
      events = pending!.secret ? await chat.secret(pending!.path, "s3cret-value") : await chat.say(answer(pending!));
    }
    expect(port.saved, `${name}: not saved; last asked ${chat.pending()?.path}`).toHaveLength(1);
  });
});
