// Python datetime formats (strftime/strptime) as the CDK's DatetimeParser uses them, over
// d3-time-format (its directives are strftime's: %Y %m %d %H %M %S %f %j %a %b %p ...; %z becomes
// d3's %Z), plus the CDK's own: %s, %s_as_float, %ms, %epoch_microseconds, %_ms. Times are UTC.
import { utcFormat, utcParse } from "d3-time-format";
import { parse as parseIsoDuration } from "tinyduration";

function toD3(format: string): string {
  // Python's %z (+0000) is d3's %Z; Python's %Z (a zone name) is UTC for every time here.
  return format.replace(/%%|%z|%Z|%_ms/g, (directive) => (directive === "%z" ? "%Z" : directive === "%Z" ? "UTC" : directive === "%_ms" ? "%L" : directive));
}

const parsers = new Map<string, (text: string) => Date | null>();
const formatters = new Map<string, (date: Date) => string>();

/** The instant `value` names in `format`, or undefined when it does not match. */
export function parsePythonDate(value: unknown, format: string): Date | undefined {
  const text = String(value).trim();
  const number = Number(text);
  if (format === "%s") return Number.isFinite(number) ? new Date(Math.trunc(number) * 1000) : undefined;
  if (format === "%s_as_float") return Number.isFinite(number) ? new Date(number * 1000) : undefined;
  if (format === "%ms") return Number.isFinite(number) ? new Date(Math.trunc(number)) : undefined;
  if (format === "%epoch_microseconds") return Number.isFinite(number) ? new Date(Math.trunc(number / 1000)) : undefined;
  let parse = parsers.get(format);
  if (!parse) parsers.set(format, (parse = utcParse(toD3(format))));
  return parse(text) ?? undefined;
}

export function formatPythonDate(date: Date, format: string): string {
  if (format === "%s") return String(Math.floor(date.getTime() / 1000));
  if (format === "%s_as_float") return String(date.getTime() / 1000);
  if (format === "%ms") return String(date.getTime());
  if (format === "%epoch_microseconds") return String(date.getTime() * 1000);
  let format_ = formatters.get(format);
  if (!format_) formatters.set(format, (format_ = utcFormat(toD3(format))));
  return format_(date);
}

/** An ISO 8601 duration added to an instant (calendar months and years as Python's isodate does). */
export function addDuration(date: Date, duration: string, sign: 1 | -1 = 1): Date {
  const parts = parseIsoDuration(duration);
  const out = new Date(date.getTime());
  const s = (parts.negative ? -1 : 1) * sign;
  if (parts.years) out.setUTCFullYear(out.getUTCFullYear() + s * parts.years);
  if (parts.months) {
    const day = out.getUTCDate();
    out.setUTCDate(1);
    out.setUTCMonth(out.getUTCMonth() + s * parts.months);
    // Clamp to the month's last day (Jan 31 + 1 month = Feb 28/29), as isodate does.
    const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
    out.setUTCDate(Math.min(day, last));
  }
  const milliseconds = ((parts.weeks ?? 0) * 7 * 86400 + (parts.days ?? 0) * 86400 + (parts.hours ?? 0) * 3600 + (parts.minutes ?? 0) * 60 + (parts.seconds ?? 0)) * 1000;
  return new Date(out.getTime() + s * milliseconds);
}
