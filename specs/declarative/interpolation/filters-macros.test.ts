import { describe, expect, it } from "vitest";
import { interpolateString, type InterpolationContext } from "./index.ts";

const now = () => new Date("2025-01-15T12:34:56Z");
const uuid = () => "11111111-2222-4333-8444-555555555555";
const context: InterpolationContext = {
  config: { start_date: "2024-01-01T00:00:00Z", day: "2024-02-29", since: "2022-10-20 14:14:14", client_id: "id", client_secret: "s" },
  record: { email: "a@b.c", amount: "1,234.50", href: "https://x/y?scroll=abc&z=1", stats: [{ field: "CLICKS", value: 3 }, { field: "CTR", value: 0.5 }] },
  response: { links: [{ rel: "self", href: "/1" }, { rel: "next", href: "/2" }] },
};
const render = (template: string) => interpolateString(template, context, { now, uuid });

describe("Airbyte filters", () => {
  it("hash, base64encode/decode, regex_search", () => {
    expect(render("{{ record.email | hash('md5') }}")).toBe("5d60d4e28066df254d5452f92c910092");
    expect(render("{{ 'abc' | hash }}")).toBe("900150983cd24fb0d6963f7d28e17f72");
    expect(render("{{ 'abc' | hash('sha256') }}")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(render("Basic {{ [config.client_id, config.client_secret] | join(':') | base64encode }}")).toBe("Basic aWQ6cw==");
    expect(render("{{ 'aWQ6cw==' | base64decode }}")).toBe("id:s");
    expect(render("{{ record.href | regex_search('scroll=([^&]+)') }}")).toBe("abc");
    expect(render("x{{ 'none here' | regex_search('scroll=([^&]+)') }}")).toBe("x");
  });

  it("string: a non-string becomes its JSON text, kept as a string by literal_eval", () => {
    expect(render("{{ {'a': [1, true, none]} | string }}")).toBe('{"a": [1, true, null]}');
    expect(render("{{ 'plain' | string }}")).toBe("plain");
  });
});

describe("Jinja filters", () => {
  it("int, float, default, replace, length, join, lower/upper, trim, tojson, urlencode", () => {
    expect(render("{{ record.amount | replace(',', '') | float }}")).toBe(1234.5);
    expect(render("{{ '3.7' | int }}")).toBe(3);
    expect(render("{{ 'x' | int }}")).toBe(0);
    expect(render("{{ none | default('d') }}")).toBe(null);
    expect(render("{{ '' | default('d', true) }}")).toBe("d");
    expect(render("{{ record.stats | length }}")).toBe(2);
    expect(render("{{ [1, 2] | join('-') }}")).toBe("1-2");
    expect(render("{{ ' Ab ' | trim | lower }}")).toBe("ab");
    expect(render("json={{ {'b': 1, 'a': '<'} | tojson }}")).toBe('json={"a": "\\u003c", "b": 1}');
    expect(render("{{ {'b': 1} | tojson }}")).toEqual({ b: 1 });
    expect(render("{{ {'q': 'a b', 'n': 1} | urlencode }}")).toBe("q=a+b&n=1");
  });

  it("map/selectattr/first/list are lazy generators as in Jinja", () => {
    expect(render("{{ record.stats | selectattr('field', 'equalto', 'CTR') | map(attribute='value') | first | default(0) }}")).toBe(0.5);
    expect(render("{{ record.stats | selectattr('field', 'equalto', 'NONE') | map(attribute='value') | first | default(0) }}")).toBe(0);
    expect(render("{{ response.links | selectattr('rel', 'equalto', 'next') | map(attribute='href') | first }}")).toBe("/2");
    expect(render("{{ [] | select('no_such_test') | list }}")).toEqual([]);
    expect(() => render("{{ [1] | select('no_such_test') | list }}")).toThrow(expect.objectContaining({ kind: "TemplateRuntimeError" }));
  });
});

describe("macros and dates", () => {
  it("now_utc/today_utc use the injected clock; generate_uuid the injected uuid", () => {
    expect(render("{{ now_utc() }}")).toBe("2025-01-15 12:34:56+00:00");
    expect(render("{{ now_utc().strftime('%Y-%m-%dT%H:%M:%S.%f%z') }}")).toBe("2025-01-15T12:34:56.000000+0000");
    expect(render("{{ now_utc().strftime('%s') }}")).toBe(1736944496);
    expect(render("{{ today_utc() }}")).toBe("2025-01-15");
    expect(render("{{ generate_uuid() }}")).toBe(uuid());
  });

  it("day_delta, duration arithmetic (calendar months clamp the day), timestamp", () => {
    expect(render("{{ day_delta(-2, format='%Y-%m-%d') }}")).toBe("2025-01-13");
    expect(render("{{ day_delta(1) }}")).toBe("2025-01-16T12:34:56.000000+0000");
    expect(render("{{ (now_utc() - duration('P1DT2H')).isoformat() }}")).toBe("2025-01-14T10:34:56+00:00");
    expect(render("{{ (str_to_datetime('2024-01-31') + duration('P1M')).strftime('%Y-%m-%d') }}")).toBe("2024-02-29");
    expect(render("{{ (now_utc() - duration('P1Y')).strftime('%Y-01-01') }}")).toBe("2024-01-01");
    expect(render("{{ timestamp(config.since) }}")).toBe(1666275254);
    expect(render("{{ [timestamp(config.since)] | string }}")).toBe("[1666275254.0]");
    expect(render("{{ timestamp(1658505815.223235) }}")).toBe(1658505815);
  });

  it("format_datetime: ISO input, an input format, epoch outputs", () => {
    expect(render("{{ format_datetime(config.start_date, '%Y-%m-%d %H:%M:%S') }}")).toBe("2024-01-01 00:00:00");
    expect(render("{{ format_datetime(config.start_date, '%s') }}")).toBe(1704067200);
    expect(render("{{ format_datetime(config.start_date, '%ms') }}")).toBe(1704067200000);
    expect(render("{{ format_datetime('01/02/2024', '%Y-%m-%d', '%m/%d/%Y') }}")).toBe("2024-01-02");
    expect(render("{{ format_datetime(1704067200, '%Y-%m-%d') }}")).toBe("2024-01-01");
    expect(() => render("{{ format_datetime('YYYY-MM-DD', '%Y') }}")).toThrow(expect.objectContaining({ kind: "ValueError" }));
  });

  it("str_to_datetime: attributes, comparison, aware arithmetic", () => {
    expect(render("{{ str_to_datetime(config.day).month }}")).toBe(2);
    expect(render("{{ str_to_datetime('2024-01-01T10:00:00+02:00') }}")).toBe("2024-01-01 08:00:00+00:00");
    expect(render("{{ str_to_datetime(config.start_date) < now_utc() }}")).toBe(true);
    expect(render("{{ (now_utc() - str_to_datetime(config.start_date)).days }}")).toBe(380);
    expect(render("{{ str_to_datetime(config.start_date).isoformat('T', 'milliseconds') }}")).toBe("2024-01-01T00:00:00.000+00:00");
    expect(render("{{ today_with_timezone('Pacific/Kiritimati') }}")).toBe("2025-01-16");
  });

  it("max/min compare like Python; camel_case_to_snake_case; sanitize_url", () => {
    expect(render("{{ max(day_delta(-365, format='%Y-%m-%d'), '2024-06-01') }}")).toBe("2024-06-01");
    expect(render("{{ min([3, 1, 2]) }}")).toBe(1);
    expect(render("{{ max(1, 'a') }}")).toBe("{{ max(1, 'a') }}");
    expect(render("{{ camel_case_to_snake_case('someFieldName') }}")).toBe("some_field_name");
    expect(render("{{ sanitize_url('a b/c?d=e') }}")).toBe("a+b%2Fc%3Fd%3De");
  });

  it("Python string formatting: %, str.format", () => {
    expect(render("{{ '%02d:%s' % (7, 'x') }}")).toBe("07:x");
    expect(render("{{ 'https://{}/v1/'.format('host') }}")).toBe("https://host/v1/");
    expect(render("{{ '{:>5}|{:.2f}'.format(1, 2) }}")).toBe("    1|2.00");
  });
});
