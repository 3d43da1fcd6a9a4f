// Turns a stored setup session into an eval case, so any real conversation becomes a regression
// case: `onramp sessions export <session_id> [--data-dir D] [--out FILE]`.
// What the store keeps is the transcript (user text already screened), the final form and the
// last test; from it: the first message is the opening, later ones are `say` turns; each stored
// secret becomes a fresh canary (never the real value); values no message mentions were typed in
// the form view and are replayed as a `form: set` turn; every final value is also a fact, so the
// simulated user can answer a question the recording never had.
// The store keeps no time of a form edit, so the form turn is played first of all: after the
// opening it would come too late whenever the agent saves on the opening. EVALS.md plays turns
// after `opening`, so a case with a form turn has no `opening`: its first message is a `say`
// turn after the form one.
import { randomBytes } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import YAML from "yaml";
import { createStore } from "../server/bootstrap.ts";
import { loadConfig, type Config } from "../server/config.ts";
import type { SessionRecord, Store } from "../server/store/types.ts";
import { Catalog, SECRET_MASK } from "../specs/index.ts";
import type { CatalogLookup, Definition } from "../specs/types.ts";
import { leafPointers } from "./json-pointer.ts";
import { gradedTestStatus, hasLiveCheck } from "./test-status.ts";
import type { EvalCase, Outcome, Turn } from "./types.ts";

type ExportedCase = Omit<EvalCase, "file">;

function setNested(target: Record<string, unknown>, pointer: string, value: unknown): void {
  const segments = pointer.split("/").slice(1).map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"));
  let node = target;
  segments.forEach((segment, index) => {
    if (index === segments.length - 1) node[segment] = value;
    else node = (node[segment] ??= {}) as Record<string, unknown>;
  });
}

function mentioned(value: unknown, messages: string[]): boolean {
  const texts = Array.isArray(value) ? value.map(String) : [String(value)];
  const haystack = messages.join("\n").toLowerCase();
  return texts.every((text) => haystack.includes(text.toLowerCase()));
}

function defaultAt(definition: Definition | undefined, pointer: string): unknown {
  let node: any = definition?.connectionSpecification;
  for (const segment of pointer.split("/").slice(1)) node = node?.properties?.[segment];
  return node?.default ?? node?.const;
}

export function sessionToCase(record: SessionRecord, catalog: CatalogLookup, opts: { canary?: () => string } = {}): ExportedCase {
  const canary = opts.canary ?? (() => `CANARY-${randomBytes(6).toString("hex")}`);
  const definition = record.form.definitionId ? catalog.get(record.form.definitionId) : undefined;
  const messages = record.transcript.filter((entry) => entry.role === "user").map((entry) => entry.text);
  const facts: Record<string, unknown> = {};
  const expected: Record<string, unknown> = {};
  const formSet: Record<string, unknown> = {};
  for (const [pointer, value] of leafPointers(record.form.values)) {
    if (value === SECRET_MASK || pointer in record.form.secrets) continue;
    setNested(expected, pointer, value);
    const fromChat = mentioned(value, messages);
    const isDefault = JSON.stringify(defaultAt(definition, pointer)) === JSON.stringify(value);
    if (!fromChat && !isDefault && typeof value !== "boolean") formSet[pointer] = value;
    else facts[pointer] = value;
  }
  for (const pointer of Object.keys(record.form.secrets)) {
    const secret = { secret: canary() };
    facts[pointer] = secret;
    setNested(expected, pointer, secret);
  }
  const formFirst = Object.keys(formSet).length > 0;
  const turns: Turn[] = formFirst ? [{ form: { set: formSet } }] : [];
  for (const text of formFirst ? messages : messages.slice(1)) turns.push({ say: text });
  const opening = formFirst ? undefined : messages[0];
  const test = record.lastTest;
  const outcome: Outcome = record.status === "completed" ? "saved" : test?.status === "failed" ? "test_failed" : "abandoned";
  return {
    id: `recorded/${definition?.name ?? "unknown"}/${record.id.slice(0, 8)}`,
    connector: definition?.name ?? record.form.definitionId ?? "unknown",
    ...(opening !== undefined ? { opening } : {}),
    facts,
    ...(turns.length ? { turns } : {}),
    expect: {
      outcome,
      ...(Object.keys(expected).length ? { config: expected } : {}),
      // As the test grader scores it: a "succeeded" without a live check only validated settings.
      ...(test ? { test: gradedTestStatus(test, definition ? hasLiveCheck(definition) : null) } : {}),
      ...(test?.status === "failed" && test.reason ? { failure_reason: test.reason } : {}),
      max_user_turns: Math.max(1, messages.length + Object.keys(record.form.secrets).length),
    },
  };
}

export async function exportSession(opts: { sessionId: string; config: Config; store?: Store }): Promise<string> {
  const store = opts.store ?? (await createStore(opts.config));
  await store.init();
  try {
    const record = await store.getSession(opts.sessionId);
    if (!record) throw new Error(`no stored session ${opts.sessionId} in ${opts.config.databaseUrl ? "the database" : opts.config.dataDir}`);
    const catalog = await Catalog.load({ dirs: opts.config.catalogDirs, builtins: true });
    const exported = sessionToCase(record, catalog);
    return `# Exported from setup session ${record.id} (${record.created_at}). Secrets are canaries, not the real values.\n${YAML.stringify(exported)}`;
  } finally {
    if (!opts.store) await store.close();
  }
}

export interface ExportIo {
  out(line: string): void;
  err(line: string): void;
}

/**
 * `onramp sessions export <session_id> [--data-dir D] [--out FILE]`, dispatched by server/cli.ts,
 * which hands over the positionals after "sessions export", its config and its parsed flags.
 */
export async function main(
  argv: string[],
  io: ExportIo,
  context: { config?: Config; flags?: Record<string, string | true> } = {},
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { "data-dir": { type: "string" }, out: { type: "string" } },
  });
  const flag = (name: "data-dir" | "out") => {
    const value = context.flags?.[name] ?? values[name];
    return typeof value === "string" ? value : undefined;
  };
  const sessionId = positionals[0];
  if (!sessionId) {
    io.err("usage: onramp sessions export <session_id> [--data-dir D] [--out FILE]");
    return 2;
  }
  const base = context.config ?? loadConfig();
  const dataDir = flag("data-dir");
  const config = dataDir ? { ...base, dataDir: path.resolve(dataDir), databaseUrl: undefined } : base;
  const text = await exportSession({ sessionId, config });
  const out = flag("out");
  if (out) {
    await writeFile(out, text);
    io.err(`wrote ${path.resolve(out)}`);
  } else io.out(text.trimEnd());
  return 0;
}
