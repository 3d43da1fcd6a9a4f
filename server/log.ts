// The server's Logger. Fields whose key looks like it could hold a secret are replaced before
// anything is printed, at any depth, so a careless `log.info("x", { config })` leaks nothing.
import type { Logger } from "./deps.ts";
import type { Config } from "./config.ts";

export type LogLevel = Config["logLevel"];

const LEVELS = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

const SECRET_KEY =
  /pass(word|wd|phrase)?|secret|token|api[_-]?key|apikey|private[_-]?key|credential|authorization|cookie|session[_-]?key|signature|client[_-]?secret|^value$/i;
// Keys that merely mention a secret without holding one (ids, masks, refs, counts).
const SAFE_KEY = /(_id|Id|_ids|Ids|Ref|Refs|_ref|_refs|_count|Count|_at|At|Hash|_hash|Path|_path|_type|Type)$/;

export const REDACTED = "[redacted]";

// A secret's id or the mask says nothing about the value: keep them, they help debugging.
const HARMLESS_VALUE = /^(sec_[A-Za-z0-9_-]+|\*{10})$/;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key) && !SAFE_KEY.test(key);
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[deep]";
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
      const harmless = typeof inner === "string" && HARMLESS_VALUE.test(inner);
      out[key] = isSecretKey(key) && inner !== null && inner !== undefined && !harmless ? REDACTED : redact(inner, depth + 1);
    }
    return out;
  }
  if (typeof value === "string") return redactBearer(value);
  return value;
}

/** A string that carries an Authorization header value keeps only the scheme. */
function redactBearer(text: string): string {
  return text.replace(/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${REDACTED}`);
}

export interface LogSink {
  write(line: string, level: Exclude<LogLevel, "silent">): void;
}

const consoleSink: LogSink = {
  write(line, level) {
    if (level === "error" || level === "warn") process.stderr.write(line + "\n");
    else process.stdout.write(line + "\n");
  },
};

export function createLogger(options: { level?: LogLevel; sink?: LogSink; json?: boolean } = {}): Logger {
  const { level = "info", sink = consoleSink, json = false } = options;
  const threshold = LEVELS[level];
  const emit = (at: Exclude<LogLevel, "silent">, message: string, fields?: Record<string, unknown>) => {
    if (LEVELS[at] < threshold) return;
    const safeFields = fields ? (redact(fields) as Record<string, unknown>) : undefined;
    const safeMessage = redactBearer(message);
    const time = new Date().toISOString();
    const line = json
      ? JSON.stringify({ time, level: at, message: safeMessage, ...safeFields })
      : `${time} ${at.toUpperCase().padEnd(5)} ${safeMessage}${safeFields && Object.keys(safeFields).length ? " " + JSON.stringify(safeFields) : ""}`;
    sink.write(line, at);
  };
  return {
    debug: (message, fields) => emit("debug", message, fields),
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
  };
}

/** Collects lines in memory: for tests that assert what was (not) logged. */
export function memoryLogger(level: LogLevel = "debug"): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level, json: true, sink: { write: (line) => lines.push(line) } });
  return Object.assign(logger, { lines });
}
