// Python's datetime, date and timedelta, and isodate's Duration (what `duration('P1Y')` returns),
// as far as templates use them: attributes, arithmetic, comparison, str() and isoformat().
// Datetimes keep their wall-clock time in microseconds (bigint: Python's range exceeds a double's
// microsecond precision) and an optional UTC offset; a naive datetime has none.
import { pyError, typeError, valueError } from "./errors.ts";

const MICROS_PER_SECOND = 1_000_000n;
const MICROS_PER_DAY = 86_400n * MICROS_PER_SECOND;
const pad = (value: number | bigint, width = 2) => String(value).padStart(width, "0");

function floorDiv(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? quotient - 1n : quotient;
}
const floorMod = (a: bigint, b: bigint) => a - floorDiv(a, b) * b;

export class PyTimedelta {
  constructor(readonly micros: bigint) {}
  static of(parts: { days?: number; seconds?: number; micros?: number; minutes?: number; hours?: number; weeks?: number }): PyTimedelta {
    const seconds =
      (parts.weeks ?? 0) * 604_800 + (parts.days ?? 0) * 86_400 + (parts.hours ?? 0) * 3600 + (parts.minutes ?? 0) * 60 + (parts.seconds ?? 0);
    return new PyTimedelta(BigInt(Math.round(seconds * 1e6)) + BigInt(Math.round(parts.micros ?? 0)));
  }
  get days(): number {
    return Number(floorDiv(this.micros, MICROS_PER_DAY));
  }
  get seconds(): number {
    return Number(floorDiv(floorMod(this.micros, MICROS_PER_DAY), MICROS_PER_SECOND));
  }
  get microseconds(): number {
    return Number(floorMod(this.micros, MICROS_PER_SECOND));
  }
  totalSeconds(): number {
    return Number(this.micros) / 1e6;
  }
  toString(): string {
    const seconds = this.seconds;
    let text = `${Math.floor(seconds / 3600)}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
    const days = this.days;
    if (days) text = `${days} day${Math.abs(days) !== 1 ? "s" : ""}, ${text}`;
    if (this.microseconds) text += `.${pad(this.microseconds, 6)}`;
    return text;
  }
}

/** isodate.Duration: a timedelta plus calendar years and months. */
export class PyDuration {
  constructor(
    readonly years: number,
    readonly months: number,
    readonly tdelta: PyTimedelta,
  ) {}
  negate(): PyDuration {
    return new PyDuration(-this.years, -this.months, new PyTimedelta(-this.tdelta.micros));
  }
  toString(): string {
    const parts: string[] = [];
    if (this.years) parts.push(`${this.years} years`);
    if (this.months) parts.push(`${this.months} month${this.months <= 1 ? "" : "s"}`);
    parts.push(this.tdelta.toString());
    return parts.join(", ");
  }
}

const civil = (epochDays: number) => new Date(epochDays * 86_400_000);
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
function epochDaysOf(year: number, month: number, day: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return Math.round(date.getTime() / 86_400_000);
}
function checkDate(year: number, month: number, day: number): void {
  if (!(year >= 1 && year <= 9999)) throw valueError(`year ${year} is out of range`);
  if (!(month >= 1 && month <= 12)) throw valueError("month must be in 1..12");
  if (!(day >= 1 && day <= daysInMonth(year, month))) throw valueError("day is out of range for month");
}

export class PyDate {
  /** Days since 1970-01-01. */
  constructor(readonly ordinal: number) {}
  static of(year: number, month: number, day: number): PyDate {
    checkDate(year, month, day);
    return new PyDate(epochDaysOf(year, month, day));
  }
  get year(): number {
    return civil(this.ordinal).getUTCFullYear();
  }
  get month(): number {
    return civil(this.ordinal).getUTCMonth() + 1;
  }
  get day(): number {
    return civil(this.ordinal).getUTCDate();
  }
  /** Monday = 0, as Python's weekday(). */
  weekday(): number {
    return (civil(this.ordinal).getUTCDay() + 6) % 7;
  }
  isoformat(): string {
    return `${pad(this.year, 4)}-${pad(this.month)}-${pad(this.day)}`;
  }
  toString(): string {
    return this.isoformat();
  }
  toDateTime(): PyDateTime {
    return new PyDateTime(BigInt(this.ordinal) * MICROS_PER_DAY, null);
  }
}

export class PyDateTime {
  constructor(
    /** Wall-clock microseconds since 1970-01-01T00:00 (as if the wall clock were UTC). */
    readonly wall: bigint,
    /** Minutes east of UTC; null for a naive datetime. */
    readonly offsetMinutes: number | null,
  ) {}
  static of(parts: { year: number; month: number; day: number; hour?: number; minute?: number; second?: number; micro?: number }, offsetMinutes: number | null): PyDateTime {
    checkDate(parts.year, parts.month, parts.day);
    const { hour = 0, minute = 0, second = 0, micro = 0 } = parts;
    if (hour > 23 || minute > 59 || second > 59 || micro > 999_999) throw valueError("time component out of range");
    const seconds = BigInt(epochDaysOf(parts.year, parts.month, parts.day)) * 86_400n + BigInt(hour * 3600 + minute * 60 + second);
    return new PyDateTime(seconds * MICROS_PER_SECOND + BigInt(micro), offsetMinutes);
  }
  static fromEpochSeconds(seconds: number): PyDateTime {
    return new PyDateTime(BigInt(Math.round(seconds * 1e6)), 0);
  }
  private get epochDays(): number {
    return Number(floorDiv(this.wall, MICROS_PER_DAY));
  }
  private get dayMicros(): bigint {
    return floorMod(this.wall, MICROS_PER_DAY);
  }
  get year(): number {
    return civil(this.epochDays).getUTCFullYear();
  }
  get month(): number {
    return civil(this.epochDays).getUTCMonth() + 1;
  }
  get day(): number {
    return civil(this.epochDays).getUTCDate();
  }
  get hour(): number {
    return Number(this.dayMicros / 3_600_000_000n);
  }
  get minute(): number {
    return Number((this.dayMicros / 60_000_000n) % 60n);
  }
  get second(): number {
    return Number((this.dayMicros / MICROS_PER_SECOND) % 60n);
  }
  get microsecond(): number {
    return Number(this.dayMicros % MICROS_PER_SECOND);
  }
  weekday(): number {
    return this.date().weekday();
  }
  date(): PyDate {
    return new PyDate(this.epochDays);
  }
  get aware(): boolean {
    return this.offsetMinutes !== null;
  }
  /** UTC microseconds; a naive datetime is taken as UTC (the CDK runs with TZ=UTC). */
  get instant(): bigint {
    return this.wall - BigInt((this.offsetMinutes ?? 0) * 60) * MICROS_PER_SECOND;
  }
  timestamp(): number {
    return Number(this.instant) / 1e6;
  }
  withOffset(offsetMinutes: number | null): PyDateTime {
    return new PyDateTime(this.wall, offsetMinutes);
  }
  /** The same instant seen at another UTC offset (astimezone). */
  toOffset(offsetMinutes: number): PyDateTime {
    return new PyDateTime(this.instant + BigInt(offsetMinutes * 60) * MICROS_PER_SECOND, offsetMinutes);
  }
  plus(delta: PyTimedelta): PyDateTime {
    return new PyDateTime(this.wall + delta.micros, this.offsetMinutes);
  }
  compare(other: PyDateTime): number {
    if (this.aware !== other.aware) throw typeError("can't compare offset-naive and offset-aware datetimes");
    const difference = this.aware ? this.instant - other.instant : this.wall - other.wall;
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
  }
  minus(other: PyDateTime): PyTimedelta {
    if (this.aware !== other.aware) throw typeError("can't subtract offset-naive and offset-aware datetimes");
    return new PyTimedelta(this.aware ? this.instant - other.instant : this.wall - other.wall);
  }
  utcOffsetText(separator: string): string {
    if (this.offsetMinutes === null) return "";
    const sign = this.offsetMinutes < 0 ? "-" : "+";
    const minutes = Math.abs(this.offsetMinutes);
    return `${sign}${pad(Math.floor(minutes / 60))}${separator}${pad(minutes % 60)}`;
  }
  isoformat(separator = "T", timespec = "auto"): string {
    const micro = this.microsecond;
    const clock = [pad(this.hour), pad(this.minute), pad(this.second)];
    let time: string;
    switch (timespec) {
      case "hours": time = clock[0]; break;
      case "minutes": time = clock.slice(0, 2).join(":"); break;
      case "seconds": time = clock.join(":"); break;
      case "milliseconds": time = `${clock.join(":")}.${pad(Math.floor(micro / 1000), 3)}`; break;
      case "microseconds": time = `${clock.join(":")}.${pad(micro, 6)}`; break;
      case "auto": time = micro ? `${clock.join(":")}.${pad(micro, 6)}` : clock.join(":"); break;
      default: throw valueError("Unknown timespec value");
    }
    return `${this.date().isoformat()}${separator}${time}${this.utcOffsetText(":")}`;
  }
  toString(): string {
    return this.isoformat(" ");
  }
}

/** datetime/date + Duration, as isodate adds calendar months (clamping the day) then the timedelta. */
export function addDuration(value: PyDateTime | PyDate, duration: PyDuration): PyDateTime | PyDate {
  const totalMonths = value.month - 1 + duration.months;
  const year = value.year + duration.years + Math.floor(totalMonths / 12);
  const month = (((totalMonths % 12) + 12) % 12) + 1;
  const day = Math.min(value.day, daysInMonth(year, month));
  if (value instanceof PyDate) {
    const shifted = PyDate.of(year, month, day);
    return new PyDate(shifted.ordinal + Number(floorDiv(duration.tdelta.micros, MICROS_PER_DAY)));
  }
  const moved = PyDateTime.of({ year, month, day, hour: value.hour, minute: value.minute, second: value.second, micro: value.microsecond }, value.offsetMinutes);
  return moved.plus(duration.tdelta);
}

/** isodate.parse_duration: a timedelta, or a Duration when years or months are given. */
export function parseDuration(text: unknown): PyTimedelta | PyDuration {
  if (typeof text !== "string") throw typeError(`Expecting a string, got ${text === null || text === undefined ? "None" : typeof text}`);
  const number = "(\\d+(?:[,.]\\d+)?)";
  const pattern = new RegExp(
    `^([+-])?P(?!\\b)(?:${number}Y)?(?:${number}M)?(?:${number}W)?(?:${number}D)?(?:T(?:${number}H)?(?:${number}M)?(?:${number}S)?)?$`,
  );
  const match = pattern.exec(text);
  if (!match || text.endsWith("T")) throw pyError("ISO8601Error", "Unable to parse the duration string (ISO 8601 expected, e.g. P1D)");
  const value = (index: number) => (match[index] ? Number(match[index].replace(",", ".")) : 0);
  const sign = match[1] === "-" ? -1 : 1;
  const delta = PyTimedelta.of({
    weeks: sign * value(4),
    days: sign * value(5),
    hours: sign * value(6),
    minutes: sign * value(7),
    seconds: sign * value(8),
  });
  const years = value(2);
  const months = value(3);
  if (!years && !months) return delta;
  return new PyDuration(sign * years, sign * months, delta);
}
