// Python's strftime (CPython handles %f/%z/%Z, glibc the rest, including %s, %-d and friends)
// and strptime. Written here rather than taken from npm: the JavaScript strftime packages follow
// C or Ruby, and the output must match CPython's byte for byte (%f, %z as +0000, an unknown
// directive copied as is, %s reading the wall clock as UTC as the CDK does under TZ=UTC).
import { PyDate, PyDateTime } from "./datetime.ts";
import { valueError } from "./errors.ts";

const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const pad = (value: number, width = 2, fill = "0") => String(value).padStart(width, fill);

interface Fields {
  year: number; month: number; day: number; hour: number; minute: number; second: number; micro: number;
  weekday: number; yearDay: number; epochSeconds: number; offset: string; zone: string;
}

function fieldsOf(value: PyDateTime | PyDate): Fields {
  const dateTime = value instanceof PyDate ? value.toDateTime() : value;
  const date = dateTime.date();
  return {
    year: date.year, month: date.month, day: date.day,
    hour: dateTime.hour, minute: dateTime.minute, second: dateTime.second, micro: dateTime.microsecond,
    weekday: date.weekday(),
    yearDay: date.ordinal - PyDate.of(date.year, 1, 1).ordinal + 1,
    epochSeconds: Number(dateTime.wall / 1_000_000n),
    offset: value instanceof PyDateTime ? value.utcOffsetText("") : "",
    zone: value instanceof PyDateTime && value.offsetMinutes !== null ? (value.offsetMinutes === 0 ? "UTC" : `UTC${value.utcOffsetText(":")}`) : "",
  };
}

function isoWeek(fields: Fields): { year: number; week: number } {
  const date = PyDate.of(fields.year, fields.month, fields.day);
  const thursday = date.ordinal - fields.weekday + 3;
  const thursdayYear = new PyDate(thursday).year;
  return { year: thursdayYear, week: Math.floor((thursday - PyDate.of(thursdayYear, 1, 1).ordinal) / 7) + 1 };
}

function directive(code: string, f: Fields): string | undefined {
  const hour12 = f.hour % 12 || 12;
  switch (code) {
    case "a": return DAYS[f.weekday].slice(0, 3);
    case "A": return DAYS[f.weekday];
    case "w": return String((f.weekday + 1) % 7);
    case "u": return String(f.weekday + 1);
    case "d": return pad(f.day);
    case "e": return pad(f.day, 2, " ");
    case "b": case "h": return MONTHS[f.month - 1].slice(0, 3);
    case "B": return MONTHS[f.month - 1];
    case "m": return pad(f.month);
    case "y": return pad(f.year % 100);
    case "Y": return String(f.year);
    case "C": return pad(Math.floor(f.year / 100));
    case "H": return pad(f.hour);
    case "k": return pad(f.hour, 2, " ");
    case "I": return pad(hour12);
    case "l": return pad(hour12, 2, " ");
    case "p": return f.hour < 12 ? "AM" : "PM";
    case "P": return f.hour < 12 ? "am" : "pm";
    case "M": return pad(f.minute);
    case "S": return pad(f.second);
    case "f": return pad(f.micro, 6);
    case "z": return f.offset;
    case "Z": return f.zone;
    case "j": return pad(f.yearDay, 3);
    case "U": return pad(Math.floor((f.yearDay + 6 - ((f.weekday + 1) % 7)) / 7));
    case "W": return pad(Math.floor((f.yearDay + 6 - f.weekday) / 7));
    case "G": return String(isoWeek(f).year);
    case "g": return pad(isoWeek(f).year % 100);
    case "V": return pad(isoWeek(f).week);
    case "s": return String(f.epochSeconds);
    case "T": return `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
    case "R": return `${pad(f.hour)}:${pad(f.minute)}`;
    case "D": case "x": return `${pad(f.month)}/${pad(f.day)}/${pad(f.year % 100)}`;
    case "F": return `${f.year}-${pad(f.month)}-${pad(f.day)}`;
    case "X": return `${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}`;
    case "c": return `${DAYS[f.weekday].slice(0, 3)} ${MONTHS[f.month - 1].slice(0, 3)} ${pad(f.day, 2, " ")} ${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)} ${f.year}`;
    case "n": return "\n";
    case "t": return "\t";
    case "%": return "%";
    default: return undefined;
  }
}

export function strftime(value: PyDateTime | PyDate, format: string): string {
  const fields = fieldsOf(value);
  return format.replace(/%(-?)([A-Za-z%])/g, (whole, noPad: string, code: string) => {
    const text = directive(code, fields);
    if (text === undefined) return whole;
    return noPad && /^[0-9 ]+$/.test(text) ? String(Number(text)) : text;
  });
}

// strptime: each directive becomes a capturing group; the whole text must match.
const PATTERNS: Record<string, string> = {
  Y: "(\\d{4})", m: "(\\d{1,2})", d: "(\\d{1,2})", H: "(\\d{1,2})", I: "(\\d{1,2})", M: "(\\d{1,2})", S: "(\\d{1,2})",
  f: "(\\d{1,6})", y: "(\\d{2})", j: "(\\d{1,3})", p: "(am|pm)", z: "(Z|[+-]\\d{2}:?\\d{2}(?::?\\d{2})?)?", Z: "(UTC|GMT|[A-Z]{3,5})?",
  a: `(${DAYS.map((day) => `${day}|${day.slice(0, 3)}`).join("|")})`, A: `(${DAYS.join("|")})`,
  b: `(${MONTHS.map((month) => `${month}|${month.slice(0, 3)}`).join("|")})`, B: `(${MONTHS.join("|")})`,
  w: "(\\d)", u: "(\\d)", "%": "%",
};

export function strptime(text: string, format: string): PyDateTime {
  const codes: string[] = [];
  let source = "";
  for (let index = 0; index < format.length; index++) {
    const char = format[index];
    if (char === "%" && index + 1 < format.length) {
      const code = format[++index];
      const pattern = PATTERNS[code];
      if (pattern === undefined) throw valueError(`'${code}' is a bad directive in format '${format}'`);
      source += pattern;
      if (code !== "%") codes.push(code);
    } else if (/\s/.test(char)) source += "\\s+";
    else source += char.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  const match = new RegExp(`^${source}$`, "i").exec(text);
  if (!match) throw valueError(`time data does not match format '${format}'`);
  const parts = { year: 1900, month: 1, day: 1, hour: 0, minute: 0, second: 0, micro: 0 };
  let offset: number | null = null;
  let pm: boolean | undefined;
  const monthIndex = (name: string) => MONTHS.findIndex((month) => month.toLowerCase().startsWith(name.toLowerCase().slice(0, 3))) + 1;
  codes.forEach((code, index) => {
    const value = match[index + 1];
    if (value === undefined) return;
    switch (code) {
      case "Y": parts.year = Number(value); break;
      case "y": parts.year = Number(value) + (Number(value) < 69 ? 2000 : 1900); break;
      case "m": parts.month = Number(value); break;
      case "b": case "B": parts.month = monthIndex(value); break;
      case "d": parts.day = Number(value); break;
      case "H": case "I": parts.hour = Number(value); break;
      case "M": parts.minute = Number(value); break;
      case "S": parts.second = Number(value); break;
      case "f": parts.micro = Number(value.padEnd(6, "0")); break;
      case "p": pm = value.toLowerCase() === "pm"; break;
      case "z": {
        if (value.toUpperCase() === "Z") offset = 0;
        else {
          const digits = value.slice(1).replace(/:/g, "");
          offset = (value[0] === "-" ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
        }
        break;
      }
      case "Z": if (/^(UTC|GMT)$/i.test(value)) offset ??= null; break;
    }
  });
  if (pm !== undefined && codes.includes("I")) parts.hour = (parts.hour % 12) + (pm ? 12 : 0);
  return PyDateTime.of(parts, offset);
}
