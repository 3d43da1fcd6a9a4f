// Session state as the widget sees it: a pure reducer over ServerEvents plus a few local actions.
// The server is the source of truth; a session.snapshot replaces everything it covers, so a
// reconnect or a reload rebuilds the same screen.
import type {
  DefinitionSummary,
  FieldAsk,
  FormDocument,
  ServerEvent,
  SessionSnapshot,
  TestResultEvent,
} from "../agent/protocol.ts";
import { parsePointer, setAt, unsetAt } from "./pointer.ts";
import type { SessionProblem } from "./transport.ts";

export const SECRET_MASK = "**********";

export interface ChatLine {
  id: string;
  role: "user" | "agent" | "system";
  text: string;
}

export type ConnectionStatus = "connecting" | "open" | "reconnecting" | "offline";
export type View = "agent" | "form";

export interface WidgetState {
  loaded: boolean;
  status: SessionSnapshot["status"];
  definition: DefinitionSummary | null;
  spec: Record<string, any> | null;
  form: FormDocument;
  pending: FieldAsk | null;
  secretMode: { path: string; title?: string; description?: string } | null;
  oauthPending: { path: string; startUrl: string; unavailable?: string } | null;
  lines: ChatLine[];
  /** User messages typed while the socket was down; sent when it comes back. */
  outbox: string[];
  /** The agent reply being streamed (agent.delta), shown but not announced. */
  streaming: { id: string; text: string } | null;
  connectorId: string | null;
  lastTest: TestResultEvent | null;
  testing: boolean;
  /** Server-side validation errors by JSON pointer, from the latest patch touching that path. */
  errors: Record<string, string>;
  /** Secret paths stored this session (secret.stored, or a mask in the values). */
  stored: Record<string, true>;
  notice: string | null;
  connection: ConnectionStatus;
  view: View;
  /** Text typed in the chat box but not sent yet: kept here so a view switch does not lose it. */
  draft: string;
  /** True when the session modifies a saved connector (the header says "Modify <name>"). */
  modifying: boolean;
  /** The session cannot go on (bad or expired link, server unreachable): the transport stopped. */
  problem: SessionProblem | null;
}

export type LocalAction =
  | { type: "local.user"; text: string; queued: boolean }
  | { type: "local.sent" }
  | { type: "local.connection"; status: ConnectionStatus }
  | { type: "local.view"; view: View }
  | { type: "local.secretCancel" }
  | { type: "local.notice"; message: string | null }
  | { type: "local.draft"; text: string }
  | { type: "local.problem"; problem: SessionProblem | null }
  | { type: "local.form"; ops: Array<{ op: "set" | "unset"; path: string; value?: unknown }>; name?: string };

export type Action = ServerEvent | LocalAction;

export function emptyForm(): FormDocument {
  return { version: 0, definitionId: null, name: "", values: {}, secrets: {}, status: {} };
}

export function initialState(view: View = "agent"): WidgetState {
  return {
    loaded: false,
    status: "active",
    definition: null,
    spec: null,
    form: emptyForm(),
    pending: null,
    secretMode: null,
    oauthPending: null,
    lines: [],
    outbox: [],
    streaming: null,
    connectorId: null,
    lastTest: null,
    testing: false,
    errors: {},
    stored: {},
    notice: null,
    connection: "connecting",
    view,
    draft: "",
    modifying: false,
    problem: null,
  };
}

/** The schemas a pointer can name, looking into every oneOf option on the way. */
export function schemasAt(spec: Record<string, any> | null, pointer: string): any[] {
  let nodes: any[] = spec ? [spec] : [];
  for (const segment of parsePointer(pointer)) {
    const next: any[] = [];
    for (const node of nodes) {
      for (const candidate of [node, ...(Array.isArray(node?.oneOf) ? node.oneOf : [])]) {
        if (candidate?.properties?.[segment]) next.push(candidate.properties[segment]);
        else if (/^\d+$/.test(segment) && candidate?.items) next.push(candidate.items);
      }
    }
    nodes = next;
  }
  return nodes;
}

/** The JSON type of the field at a pointer. */
export function jsonTypeAt(spec: Record<string, any> | null, pointer: string): string {
  const nodes = schemasAt(spec, pointer);
  const type = nodes[0]?.type ?? (nodes[0]?.oneOf ? "object" : "string");
  return Array.isArray(type) ? type.find((t: string) => t !== "null") ?? "string" : type;
}

function storedFrom(form: FormDocument): Record<string, true> {
  const stored: Record<string, true> = {};
  for (const path of Object.keys(form.secrets ?? {})) stored[path] = true;
  return stored;
}

function applyOps(values: Record<string, unknown>, ops: Array<{ op: "set" | "unset"; path: string; value?: unknown }>) {
  let next = values;
  for (const op of ops) next = op.op === "set" ? setAt(next, op.path, op.value) : unsetAt(next, op.path);
  return next;
}

function fromSnapshot(state: WidgetState, session: SessionSnapshot): WidgetState {
  const secret = session.secretMode;
  return {
    ...state,
    loaded: true,
    status: session.status,
    definition: session.definition,
    spec: session.spec,
    form: session.form,
    pending: session.pending,
    secretMode: secret ? { path: secret.path, title: session.pending?.path === secret.path ? session.pending.title : undefined } : null,
    oauthPending: session.oauthPending,
    lines: session.transcript.map((entry, index) => ({ id: `t${index}`, role: entry.role, text: entry.text })),
    streaming: null,
    connectorId: session.connectorId,
    lastTest: session.lastTest,
    testing: false,
    stored: storedFrom(session.form),
    // The banner is the page's, not the session's: a re-sync (the socket's first snapshot, a
    // reconnect) must not wipe an error the server sent a moment before. The person's next action
    // clears it.
    notice: state.notice,
    // A saved connector's id before anything completed here means this session modifies it;
    // once set it stays, so completing a modification does not turn the header back.
    modifying: state.modifying || (session.connectorId !== null && session.status === "active"),
  };
}

export function reduce(state: WidgetState, action: Action): WidgetState {
  switch (action.type) {
    case "session.snapshot":
      return fromSnapshot(state, action.session);
    case "agent.delta": {
      const text = state.streaming?.id === action.id ? state.streaming.text + action.text : action.text;
      return { ...state, streaming: { id: action.id, text } };
    }
    case "agent.message": {
      // Empty text voids the reply streamed (or shown) under this id.
      if (!action.text) {
        return {
          ...state,
          lines: state.lines.filter((l) => l.id !== action.id),
          streaming: state.streaming?.id === action.id ? null : state.streaming,
        };
      }
      const line: ChatLine = { id: action.id, role: "agent", text: action.text };
      const exists = state.lines.some((l) => l.id === action.id);
      return {
        ...state,
        lines: exists ? state.lines.map((l) => (l.id === action.id ? line : l)) : [...state.lines, line],
        streaming: state.streaming?.id === action.id ? null : state.streaming,
      };
    }
    case "field.ask": {
      // The event's own `type` shadows FieldAsk.type, so the JSON type is read from the spec.
      const { type: _type, ...rest } = action;
      const ask: FieldAsk = { ...rest, type: (action as any).field_type ?? jsonTypeAt(state.spec, action.path) };
      // A new question that is not secret ends any secret mode still showing.
      const secretMode = ask.secret && state.secretMode?.path === ask.path ? state.secretMode : ask.secret ? state.secretMode : null;
      return { ...state, pending: ask, secretMode };
    }
    case "secret.request":
      return { ...state, secretMode: { path: action.path, title: action.title, description: action.description } };
    case "secret.stored":
      return {
        ...state,
        secretMode: state.secretMode?.path === action.path ? null : state.secretMode,
        stored: { ...state.stored, [action.path]: true },
      };
    case "oauth.request":
      return { ...state, oauthPending: { path: action.path, startUrl: action.startUrl, ...(action.unavailable ? { unavailable: action.unavailable } : {}) } };
    case "message.received":
      // The transcript shows what the server kept (a pasted secret already cut out), never what was typed.
      return { ...state, lines: [...state.lines, { id: `u${state.lines.length}-${Date.now()}`, role: "user", text: action.text }] };
    case "oauth.completed":
      return { ...state, oauthPending: null, stored: { ...state.stored, [action.path]: true }, notice: null };
    case "oauth.failed":
      return { ...state, oauthPending: null, notice: action.message };
    case "form.patch": {
      const values = applyOps(state.form.values, action.ops);
      const errors = { ...state.errors };
      const stored = { ...state.stored };
      for (const op of action.ops) {
        for (const key of Object.keys(errors)) if (key === op.path || key.startsWith(op.path + "/")) delete errors[key];
        if (op.op === "set" && op.value === SECRET_MASK) stored[op.path] = true;
        if (op.op === "unset") delete stored[op.path];
      }
      for (const error of action.errors ?? []) errors[error.path] = error.message;
      const version = Math.max(state.form.version, action.version);
      const name = action.name ?? state.form.name;
      return { ...state, form: { ...state.form, values, version, name }, errors, stored };
    }
    case "test.started":
      return { ...state, testing: true };
    case "test.result":
      return { ...state, testing: false, lastTest: action };
    case "session.completed":
      return { ...state, status: "completed", connectorId: action.connectorId, secretMode: null, oauthPending: null };
    case "session.cancelled":
      return { ...state, status: "cancelled", secretMode: null, oauthPending: null };
    case "error":
      return { ...state, notice: action.message, errors: action.field ? { ...state.errors, [action.field]: action.message } : state.errors };
    case "local.user":
      // Sent at once: the server's message.received puts it in the transcript. Queued while the
      // socket is down: shown as waiting until it leaves.
      return action.queued ? { ...state, outbox: [...state.outbox, action.text] } : state;
    case "local.sent":
      // The outbox and the transport's queue are both in send order: the first waiting line left.
      return state.outbox.length === 0 ? state : { ...state, outbox: state.outbox.slice(1) };
    case "local.connection":
      return { ...state, connection: action.status };
    case "local.view":
      return { ...state, view: action.view };
    case "local.secretCancel":
      // Leave secret mode at once; the agent answers in chat (and may ask for it again later).
      return { ...state, secretMode: null };
    case "local.notice":
      return { ...state, notice: action.message };
    case "local.draft":
      return { ...state, draft: action.text };
    case "local.problem":
      return { ...state, problem: action.problem };
    case "local.form":
      // Optimistic: the server's form.patch echo will confirm (or a conflict refreshes).
      return { ...state, form: { ...state.form, values: applyOps(state.form.values, action.ops), name: action.name ?? state.form.name } };
    default:
      return state;
  }
}
