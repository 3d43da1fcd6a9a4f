// The Airbyte CDK's macros (airbyte_cdk/sources/declarative/interpolation/macros.py, 7.28) and the
// Jinja globals the sandbox keeps (`range` is removed by the CDK). The clock and the uuid source
// are injected, so tests and the golden corpus can freeze them.
import { bind, REQUIRED } from "./arguments.ts";
import { parseDuration, PyDate, PyDateTime, PyTimedelta } from "./datetime.ts";
import { pyError, typeError, valueError } from "./errors.ts";
import { isoparse } from "./isoparse.ts";
import { floatRepr } from "./py-str.ts";
import { strftime, strptime } from "./strftime.ts";
import { urlQuote } from "./filters.ts";
import {
  isFloat, isInt, isMapping, isNumber, iterate, makeFloat, mappingData, numberOf, pyCompare, PyFunction, typeName, Undefined, type Kwargs,
} from "./values.ts";

export interface Clock {
  now: () => Date;
  uuid: () => string;
}

const nowUtc = (clock: Clock) => PyDateTime.fromEpochSeconds(clock.now().getTime() / 1000);

export function strToDatetime(value: unknown): PyDateTime {
  if (value instanceof Undefined) value.fail();
  const parsed = isoparse(value);
  return parsed.aware ? parsed.toOffset(0) : parsed.withOffset(0);
}

/** DatetimeParser.parse for the CDK's special formats; plain formats go through strptime. */
function parseWithFormat(value: unknown, format: string): PyDateTime {
  const integer = () => {
    const number = typeof value === "string" ? Number(value) : numberOf(value);
    if (!Number.isFinite(number)) throw valueError("invalid literal for int() with base 10");
    return Math.trunc(number);
  };
  if (format === "%s") return PyDateTime.fromEpochSeconds(integer());
  if (format === "%s_as_float") return PyDateTime.fromEpochSeconds(typeof value === "string" ? Number(value) : numberOf(value));
  if (format === "%epoch_microseconds") return new PyDateTime(BigInt(integer()), 0);
  if (format === "%ms") return PyDateTime.fromEpochSeconds(integer() / 1000);
  const parsed = strptime(String(value), format.replace("%_ms", "%f"));
  return parsed.withOffset(0);
}

/** DatetimeParser.format: the CDK's epoch formats, else strftime. */
export function formatWithFormat(value: PyDateTime, format: string): string {
  if (format === "%s") return String(Math.trunc(value.timestamp()));
  if (format === "%s_as_float") return floatRepr(value.timestamp());
  if (format === "%epoch_microseconds") return String(value.instant);
  if (format === "%ms") return String(value.instant / 1000n);
  if (format.includes("%_ms")) {
    const text = strftime(value, format.replace("%_ms", "%f"));
    return text.replace(strftime(value, "%f"), String(Math.floor(value.microsecond / 1000)).padStart(3, "0"));
  }
  return strftime(value, format);
}

function requireFormat(format: unknown): string {
  if (typeof format !== "string") throw typeError(`strftime() argument 1 must be str, not ${typeName(format)}`);
  return format;
}

function extreme(name: "max" | "min") {
  return (args: unknown[]) => {
    const items = args.length === 1 ? iterate(args[0]) : args;
    if (args.length === 0) throw typeError(`${name} expected at least 1 argument, got 0`);
    if (items.length === 0) throw valueError(`${name}() arg is an empty sequence`);
    return items.reduce((best, item) => (pyCompare(item, best, name === "max" ? ">" : "<") ? item : best));
  };
}

function todayIn(timezone: unknown, clock: Clock): PyDate {
  if (typeof timezone !== "string") throw pyError("UnknownTimeZoneError", String(timezone));
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat("en-US", { timeZone: timezone, year: "numeric", month: "numeric", day: "numeric" }).formatToParts(clock.now());
  } catch {
    throw pyError("UnknownTimeZoneError", "unknown IANA time zone");
  }
  const part = (type: string) => Number(parts.find((item) => item.type === type)!.value);
  return PyDate.of(part("year"), part("month"), part("day"));
}

export function macros(clock: Clock): Record<string, PyFunction> {
  const table: Record<string, (args: unknown[], kwargs: Kwargs) => unknown> = {
    now_utc: () => nowUtc(clock),
    today_utc: () => nowUtc(clock).date(),
    today_with_timezone: (args, kwargs) => todayIn(bind("today_with_timezone", [["timezone", REQUIRED]], args, kwargs)[0], clock),
    timestamp: (args, kwargs) => {
      const [value] = bind("timestamp", [["dt", REQUIRED]], args, kwargs);
      if (isNumber(value)) return Math.trunc(numberOf(value));
      return makeFloat(strToDatetime(value).timestamp());
    },
    str_to_datetime: (args, kwargs) => strToDatetime(bind("str_to_datetime", [["s", REQUIRED]], args, kwargs)[0]),
    max: extreme("max"),
    min: extreme("min"),
    day_delta: (args, kwargs) => {
      const [days, format] = bind("day_delta", [["num_days", REQUIRED], ["format", "%Y-%m-%dT%H:%M:%S.%f%z"]], args, kwargs);
      if (!isNumber(days)) throw typeError(`unsupported type for timedelta days component: ${typeName(days)}`);
      return strftime(nowUtc(clock).plus(PyTimedelta.of({ days: numberOf(days) })), requireFormat(format));
    },
    duration: (args, kwargs) => parseDuration(bind("duration", [["datestring", REQUIRED]], args, kwargs)[0]),
    format_datetime: (args, kwargs) => {
      const [value, format, inputFormat] = bind("format_datetime", [["dt", REQUIRED], ["format", REQUIRED], ["input_format", null]], args, kwargs);
      if (value instanceof PyDateTime) return strftime(value, requireFormat(format));
      let parsed: PyDateTime;
      if (isInt(value) && !isFloat(value)) parsed = parseWithFormat(value, inputFormat === null ? "%s" : String(inputFormat));
      else if (inputFormat !== null) {
        if (typeof value !== "string") throw typeError(`strptime() argument 1 must be str, not ${typeName(value)}`);
        parsed = strptime(value, requireFormat(inputFormat));
      } else parsed = strToDatetime(value);
      if (!parsed.aware) parsed = parsed.withOffset(0);
      return formatWithFormat(parsed, requireFormat(format));
    },
    sanitize_url: (args, kwargs) => {
      const [value] = bind("sanitize_url", [["value", REQUIRED]], args, kwargs);
      if (typeof value !== "string") throw typeError(`quote_from_bytes() expected bytes`);
      return urlQuote(value, "").replace(/%20/g, "+");
    },
    camel_case_to_snake_case: (args, kwargs) => {
      const [value] = bind("camel_case_to_snake_case", [["value", REQUIRED]], args, kwargs);
      if (typeof value !== "string") throw typeError(`expected string or bytes-like object, got '${typeName(value)}'`);
      return value.replace(/(?<!^)(?=[A-Z])/g, "_").toLowerCase();
    },
    generate_uuid: () => clock.uuid(),
    // Jinja's own globals that the CDK's sandbox keeps (lipsum and cycler are not provided).
    namespace: (args, kwargs) => ({ ...(args.length && isMapping(args[0]) ? mappingData(args[0]) : {}), ...kwargs }),
    joiner: (args, kwargs) => {
      const [separator] = bind("joiner", [["sep", ", "]], args, kwargs);
      let used = false;
      return new PyFunction("joiner", () => (used ? separator : ((used = true), "")));
    },
    dict: (args, kwargs) => {
      const base = args.length ? (isMapping(args[0]) ? { ...mappingData(args[0]) } : Object.fromEntries(iterate(args[0]).map((pair) => iterate(pair) as [string, unknown]))) : {};
      return { ...base, ...kwargs };
    },
  };
  return Object.fromEntries(Object.entries(table).map(([name, call]) => [name, new PyFunction(name, call)]));
}

/** Names a template may use without the context declaring them. */
export const GLOBAL_NAMES = new Set([
  "now_utc", "today_utc", "today_with_timezone", "timestamp", "str_to_datetime", "max", "min", "day_delta", "duration",
  "format_datetime", "sanitize_url", "camel_case_to_snake_case", "generate_uuid", "dict", "namespace", "joiner",
  // Jinja globals the CDK keeps but Onramp does not provide: declared, so using one is an
  // UndefinedError rather than the CDK's undeclared-variable ValueError.
  "lipsum", "cycler",
]);
