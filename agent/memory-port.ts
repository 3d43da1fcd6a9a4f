// An in-memory SessionPort: a plain form document validated with the real specs code, a Map
// standing in for the secret store, and a scripted connection check. The agent's tests use it,
// and so does its warm-up (warm-up.ts), which must touch no store, secret or model.
import { randomUUID } from "node:crypto";
import { SECRET_MASK, setAt, unsetAt, validatePaths, type CheckResult, type Definition } from "../specs/index.ts";
import type { Author, FormDocument, FormOp, ServerEvent, TranscriptEntry } from "./protocol.ts";
import type { SessionPort } from "./session-port.ts";

export interface MemoryPort extends SessionPort {
  form: FormDocument;
  events: ServerEvent[];
  /** secret id → value: the only place a secret value lives in these tests. */
  secretValues: Map<string, string>;
  checks: CheckResult[];
  saved: Array<{ connectorId: string; values: Record<string, unknown> }>;
  /** Events since the last call. */
  take(): ServerEvent[];
  /** A form-view edit (by "form"), as the session layer would apply it. */
  editForm(ops: FormOp[]): void;
  /** What the session layer keeps: chat as screened (added by the caller) and the agent's messages. */
  transcript: TranscriptEntry[];
  /** The definition the form is for, as the session layer knows it (to screen chat with its names). */
  definition(): Definition | null;
}

export function createMemoryPort(opts: {
  definition?: Definition | null;
  check?: (values: Record<string, unknown>, secrets: Record<string, string>) => CheckResult;
  sessionId?: string;
  /** A session opened on a saved connector: its id and its form (values with masks, secret ids). */
  connector?: { id: string; values: Record<string, unknown>; secrets: Record<string, string>; secretValues: Record<string, string> };
}): MemoryPort {
  let cursor = 0;
  const definitions = new Map<string, Definition>();
  if (opts.definition) definitions.set(opts.definition.id, opts.definition);
  const port: MemoryPort = {
    sessionId: opts.sessionId ?? randomUUID(),
    connectorId: opts.connector?.id ?? null,
    form: {
      version: 0,
      definitionId: opts.definition?.id ?? null,
      name: "",
      values: structuredClone(opts.connector?.values ?? {}),
      secrets: { ...opts.connector?.secrets },
      status: {},
    },
    events: [],
    secretValues: new Map(Object.entries(opts.connector?.secretValues ?? {})),
    checks: [],
    saved: [],
    transcript: [],
    recentTurns: (count) => port.transcript.slice(-count).map((entry) => ({ ...entry })),
    take() {
      const out = port.events.slice(cursor);
      cursor = port.events.length;
      return out;
    },
    async readForm() {
      return structuredClone(port.form);
    },
    async patchForm(ops, by: Author) {
      apply(ops);
      port.emit({ type: "form.patch", version: port.form.version, ops, by });
      const definition = definitions.get(port.form.definitionId ?? "");
      const errors = definition ? validatePaths(definition, port.form.values, ops.map((op) => op.path)) : [];
      return { version: port.form.version, errors: errors.map(({ path, keyword, message }) => ({ path, keyword, message })) };
    },
    definition: () => definitions.get(port.form.definitionId ?? "") ?? null,
    async setDefinition(definition) {
      definitions.set(definition.id, definition);
      port.form = { version: port.form.version + 1, definitionId: definition.id, name: definition.displayName, values: {}, secrets: {}, status: {} };
    },
    async storeSecret(path, value) {
      const id = `sec_${randomUUID()}`;
      port.secretValues.set(id, value);
      port.form.secrets[path] = id;
      port.form.values = setAt(port.form.values, path, SECRET_MASK);
      port.form.version += 1;
    },
    async testConnection() {
      const resolved: Record<string, string> = {};
      for (const [path, id] of Object.entries(port.form.secrets)) resolved[path] = port.secretValues.get(id) ?? "";
      const result = opts.check ? opts.check(structuredClone(port.form.values), resolved) : { status: "succeeded" as const, message: "ok" };
      port.checks.push(result);
      return result;
    },
    async saveConnector() {
      const connectorId = port.connectorId ?? randomUUID();
      port.saved.push({ connectorId, values: structuredClone(port.form.values) });
      return { connectorId };
    },
    oauthStartUrl(path) {
      return `http://127.0.0.1/oauth/start?session=${port.sessionId}&path=${encodeURIComponent(path)}`;
    },
    emit(event) {
      port.events.push(structuredClone(event));
      if (event.type === "agent.message" && event.text) port.transcript.push({ role: "agent", text: event.text, at: new Date().toISOString() });
    },
    editForm(ops) {
      apply(ops);
      port.emit({ type: "form.patch", version: port.form.version, ops, by: "form" });
    },
  };
  function apply(ops: FormOp[]) {
    for (const op of ops) {
      port.form.values = op.op === "set" ? setAt(port.form.values, op.path, op.value) : unsetAt(port.form.values, op.path);
      if (op.op === "unset") {
        for (const path of Object.keys(port.form.secrets)) {
          if (path === op.path || path.startsWith(op.path + "/")) delete port.form.secrets[path];
        }
      }
    }
    port.form.version += 1;
  }
  return port;
}

/** Checkpoint records in memory, JSON round-tripped like a real store would. */
export function createMemoryCheckpoints() {
  const records = new Map<string, string>();
  return {
    records,
    async getCheckpoint(threadId: string) {
      const raw = records.get(threadId);
      return raw === undefined ? undefined : JSON.parse(raw);
    },
    async putCheckpoint(threadId: string, data: unknown) {
      records.set(threadId, JSON.stringify(data));
    },
    async deleteCheckpoint(threadId: string) {
      records.delete(threadId);
    },
  };
}
