// dateutil's isoparse, which the CDK's str_to_datetime (and so format_datetime and timestamp)
// uses: a calendar date (YYYY, YYYY-MM, YYYY-MM-DD, YYYYMMDD), then optionally any one separator
// character and a time (HH[:MM[:SS[.ffffff]]] or HHMMSS) with an optional Z or ±HH[:MM] offset.
// Luxon and date-fns accept a different set of strings (no arbitrary separator, no 24:00), so
// the grammar is written out here to reject and accept what Python does.
import { PyDateTime, PyTimedelta } from "./datetime.ts";
import { typeError, valueError } from "./errors.ts";

const DATE_FORMS = [/^(\d{4})-(\d{2})-(\d{2})/, /^(\d{4})(\d{2})(\d{2})/, /^(\d{4})-(\d{2})/, /^(\d{4})/];

export function isoparse(text: unknown): PyDateTime {
  if (typeof text !== "string") throw typeError(`object of type '${text === null ? "NoneType" : typeof text}' has no len()`);
  let year = 0;
  let month = 1;
  let day = 1;
  let rest = "";
  let matched = false;
  for (const form of DATE_FORMS) {
    const match = form.exec(text);
    if (!match) continue;
    // The basic YYYYMMDD form only counts when it is the whole date (no further digits).
    if (form === DATE_FORMS[3] && /^\d{5}/.test(text)) continue;
    year = Number(match[1]);
    month = match[2] ? Number(match[2]) : 1;
    day = match[3] ? Number(match[3]) : 1;
    rest = text.slice(match[0].length);
    matched = true;
    break;
  }
  if (!matched) throw valueError("Invalid isoformat string: no ISO 8601 date at its start");
  if (rest === "") return PyDateTime.of({ year, month, day }, null);
  if (rest.length < 3) throw valueError("ISO time too short");
  return parseTime({ year, month, day }, rest.slice(1));
}

function parseTime(date: { year: number; month: number; day: number }, text: string): PyDateTime {
  const match = /^(\d{2})(?::?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(text);
  if (!match) throw valueError("Unused components in ISO string or invalid time");
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  const second = Number(match[3] ?? 0);
  const micro = match[4] ? Number(match[4].slice(0, 6).padEnd(6, "0")) : 0;
  let offset: number | null = null;
  const zone = match[5];
  if (zone === "Z") offset = 0;
  else if (zone) {
    const digits = zone.slice(1).replace(":", "");
    offset = (zone[0] === "-" ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
  }
  // 24:00 is midnight of the next day, as in ISO 8601.
  const nextDay = hour === 24;
  if (nextDay) {
    if (minute || second || micro) throw valueError("Hour may only be 24 at 24:00:00.000");
    hour = 0;
  }
  const parsed = PyDateTime.of({ ...date, hour, minute, second, micro }, offset);
  return nextDay ? parsed.plus(PyTimedelta.of({ days: 1 })) : parsed;
}
