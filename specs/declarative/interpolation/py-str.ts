// Python's str() and repr() of template values: what `{{ x }}` prints. Containers print their
// items' repr (single-quoted strings, True/False/None), floats print as CPython's shortest repr
// (1.0, 1e+16, 1.5e-05).
import { PyDate, PyDateTime, PyDuration, PyTimedelta } from "./datetime.ts";
import {
  isDict, isTuple, PyFloat, viewKind, PyFunction, PyGenerator, StreamSlice, Undefined,
} from "./values.ts";

export function floatRepr(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const exponent = Math.floor(Math.log10(Math.abs(value)));
  // CPython switches to scientific notation below 1e-4 and from 1e16 on.
  if (exponent < -4 || exponent >= 16) {
    const [mantissa, power] = value.toExponential().split("e");
    const sign = power.startsWith("-") ? "-" : "+";
    return `${mantissa}e${sign}${power.replace(/^[+-]/, "").padStart(2, "0")}`;
  }
  const text = String(value);
  if (text.includes("e")) return Number(value).toFixed(Math.max(0, -exponent + 17)).replace(/0+$/, "");
  return text.includes(".") ? text : `${text}.0`;
}

export function stringRepr(value: string): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === "\\") out += `\\${char}`;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code >= 0x80 && code < 0xa0) out += `\\x${code.toString(16)}`;
    else out += char;
  }
  return out + quote;
}

function dateTimeRepr(value: PyDateTime): string {
  const parts = [value.year, value.month, value.day, value.hour, value.minute];
  if (value.second || value.microsecond) parts.push(value.second);
  if (value.microsecond) parts.push(value.microsecond);
  const zone = value.offsetMinutes === null ? "" : value.offsetMinutes === 0 ? ", tzinfo=datetime.timezone.utc" : `, tzinfo=datetime.timezone(datetime.timedelta(seconds=${value.offsetMinutes * 60}))`;
  return `datetime.datetime(${parts.join(", ")}${zone})`;
}

function timedeltaRepr(value: PyTimedelta): string {
  const parts: string[] = [];
  if (value.days) parts.push(`days=${value.days}`);
  if (value.seconds) parts.push(`seconds=${value.seconds}`);
  if (value.microseconds) parts.push(`microseconds=${value.microseconds}`);
  return `datetime.timedelta(${parts.join(", ") || "0"})`;
}

export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : floatRepr(value);
  if (value instanceof PyFloat) return floatRepr(value.value);
  if (typeof value === "string") return stringRepr(value);
  if (Array.isArray(value)) {
    const items = value.map(pyRepr);
    if (isTuple(value)) return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    const view = viewKind(value);
    if (view) return `${view}([${items.join(", ")}])`;
    return `[${items.join(", ")}]`;
  }
  if (value instanceof Undefined) return "Undefined";
  if (value instanceof StreamSlice) return pyRepr(value.merged);
  if (value instanceof PyDateTime) return dateTimeRepr(value);
  if (value instanceof PyDate) return `datetime.date(${value.year}, ${value.month}, ${value.day})`;
  if (value instanceof PyTimedelta) return timedeltaRepr(value);
  if (value instanceof PyDuration) return `isodate.duration.Duration(${value.tdelta.days}, ${value.tdelta.seconds}, ${value.tdelta.microseconds}, years=${value.years}, months=${value.months})`;
  if (value instanceof PyFunction) return `<function ${value.name}>`;
  if (value instanceof PyGenerator) return "<generator object>";
  if (isDict(value)) {
    return `{${Object.entries(value).map(([key, item]) => `${stringRepr(key)}: ${pyRepr(item)}`).join(", ")}}`;
  }
  return String(value);
}

/** Python's str(): strings as they are, Undefined as "", everything else as its repr. */
export function pyStr(value: unknown): string {
  if (typeof value === "string") return value;
  if (value instanceof Undefined) return "";
  if (value instanceof PyDateTime || value instanceof PyDate || value instanceof PyTimedelta || value instanceof PyDuration) return value.toString();
  return pyRepr(value);
}
