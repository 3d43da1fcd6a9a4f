import { describe, expect, it } from "vitest";
import { parseDuration, PyDateTime, PyDuration, PyTimedelta } from "./datetime.ts";
import { isoparse } from "./isoparse.ts";
import { strftime, strptime } from "./strftime.ts";

describe("datetime", () => {
  const moment = PyDateTime.of({ year: 2025, month: 1, day: 5, hour: 3, minute: 4, second: 5, micro: 60 }, 0);

  it("formats every CPython/glibc strftime directive templates use", () => {
    expect(strftime(moment, "%a %A %w %d %b %B %m %y %Y %H %I %p %M %S %f %z %Z %j %U %W")).toBe("Sun Sunday 0 05 Jan January 01 25 2025 03 03 AM 04 05 000060 +0000 UTC 005 01 00");
    expect(strftime(moment, "%G %u %V %-d %e %T %D %F %s %Q %%")).toBe("2025 7 01 5  5 03:04:05 01/05/25 2025-01-05 1736046245 %Q %");
    expect(strftime(moment.withOffset(null), "[%z][%Z]")).toBe("[][]");
  });

  it("prints str() and isoformat() like Python", () => {
    expect(moment.toString()).toBe("2025-01-05 03:04:05.000060+00:00");
    expect(moment.isoformat("T", "seconds")).toBe("2025-01-05T03:04:05+00:00");
    expect(PyTimedelta.of({ days: -1, seconds: 10 }).toString()).toBe("-1 day, 0:00:10");
    expect(PyTimedelta.of({ days: 2, hours: 3 }).toString()).toBe("2 days, 3:00:00");
  });

  it("parses ISO 8601 as dateutil's isoparse does", () => {
    expect(isoparse("2022-10-20 14:14:14").toString()).toBe("2022-10-20 14:14:14");
    expect(isoparse("20240101").toString()).toBe("2024-01-01 00:00:00");
    expect(isoparse("2024-01-01T00:00:00.1+05:30").toString()).toBe("2024-01-01 00:00:00.100000+05:30");
    expect(isoparse("2024-01-01T24:00:00").toString()).toBe("2024-01-02 00:00:00");
    for (const text of ["YYYY-MM-DD", "2024-1-1", "2024-01-01 ", "2024-02-30"]) expect(() => isoparse(text), text).toThrow();
    expect(() => isoparse(null)).toThrow(expect.objectContaining({ kind: "TypeError" }));
  });

  it("parses with strptime and ISO durations with isodate's rules", () => {
    expect(strptime("Mon, 05 Jan 2025 03:04:05 +0100", "%a, %d %b %Y %H:%M:%S %z").toString()).toBe("2025-01-05 03:04:05+01:00");
    expect(() => strptime("2024-01-01", "%Y-%m-%d %H:%M:%S")).toThrow(expect.objectContaining({ kind: "ValueError" }));
    expect(parseDuration("PT36H")).toEqual(PyTimedelta.of({ hours: 36 }));
    expect(parseDuration("P1Y2M")).toBeInstanceOf(PyDuration);
    expect(() => parseDuration("P")).toThrow(expect.objectContaining({ kind: "ISO8601Error" }));
  });
});
