import { describe, expect, it } from "vitest";
import { DatetimeBasedCursor } from "./datetime-cursor.ts";
import { addDuration, formatPythonDate, parsePythonDate } from "./datetime-format.ts";
import { Templates } from "./templates.ts";

const now = () => new Date("2024-03-10T12:00:00Z");

describe("DatetimeBasedCursor", () => {
  it("cuts start..end into windows by step, each ending one granularity before the next, injected as request options", () => {
    const cursor = new DatetimeBasedCursor(
      {
        datetime_format: "%Y-%m-%dT%H:%M:%SZ",
        start_datetime: { type: "MinMaxDatetime", datetime: "{{ config['start'] }}", datetime_format: "%Y-%m-%d" },
        step: "P30D",
        cursor_granularity: "PT1S",
        start_time_option: { type: "RequestOption", inject_into: "request_parameter", field_name: "since" },
        end_time_option: { type: "RequestOption", inject_into: "body_json", field_name: "until" },
      },
      new Templates({ start: "2024-01-01" }, {}),
      "/c",
      now,
    );
    const windows = [...cursor.windows()];
    expect(windows.map((window) => window.cursor)).toEqual([
      { start_time: "2024-01-01T00:00:00Z", end_time: "2024-01-30T23:59:59Z" },
      { start_time: "2024-01-31T00:00:00Z", end_time: "2024-02-29T23:59:59Z" },
      { start_time: "2024-03-01T00:00:00Z", end_time: "2024-03-10T12:00:00Z" },
    ]);
    expect(windows[0].parts.params).toEqual({ since: "2024-01-01T00:00:00Z" });
    expect(windows[0].parts.bodyJson).toEqual({ until: "2024-01-30T23:59:59Z" });
  });

  it("without a step, one window; a start after the end, none; a date that does not parse names its field", () => {
    const one = new DatetimeBasedCursor({ datetime_format: "%s", start_datetime: "{{ config.start }}" }, new Templates({ start: "1704067200" }, {}), "/c", now);
    expect([...one.windows()].map((window) => window.cursor)).toEqual([{ start_time: "1704067200", end_time: String(Date.parse("2024-03-10T12:00:00Z") / 1000) }]);
    const future = new DatetimeBasedCursor({ datetime_format: "%Y-%m-%d", start_datetime: "2025-01-01", step: "P1D", cursor_granularity: "P1D" }, new Templates({}, {}), "/c", now);
    expect([...future.windows()]).toEqual([]);
    const broken = new DatetimeBasedCursor({ datetime_format: "%Y-%m-%d", start_datetime: "{{ config.start }}" }, new Templates({ start: "yesterday" }, {}), "/c", now);
    expect(() => [...broken.windows()]).toThrow(expect.objectContaining({ fields: ["/start"] }));
  });

  it("reads and writes Python formats and the CDK's epoch formats", () => {
    const date = new Date("2024-02-03T04:05:06.789Z");
    expect(formatPythonDate(date, "%Y-%m-%dT%H:%M:%S.%f%z")).toBe("2024-02-03T04:05:06.789000+0000");
    expect(formatPythonDate(date, "%ms")).toBe(String(date.getTime()));
    expect(formatPythonDate(date, "%s")).toBe("1706933106");
    expect(parsePythonDate("2024-02-03T04:05:06Z", "%Y-%m-%dT%H:%M:%SZ")?.toISOString()).toBe("2024-02-03T04:05:06.000Z");
    expect(parsePythonDate("2024-02-03T04:05:06+02:00", "%Y-%m-%dT%H:%M:%S%z")?.toISOString()).toBe("2024-02-03T02:05:06.000Z");
    expect(parsePythonDate("nope", "%Y-%m-%d")).toBeUndefined();
    expect(addDuration(new Date("2024-01-31T00:00:00Z"), "P1M").toISOString()).toBe("2024-02-29T00:00:00.000Z");
  });
});
