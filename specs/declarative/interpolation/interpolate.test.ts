import { describe, expect, it } from "vitest";
import { InterpolationError, interpolateBoolean, interpolateMapping, interpolateString, StreamSlice, type InterpolationContext } from "./index.ts";
import { evalString } from "./interpolate.ts";
import { compileTemplate } from "./template.ts";
import { PyFloat, typeName } from "./values.ts";

const now = () => new Date("2025-01-15T12:34:56Z");
const context: InterpolationContext = {
  config: { api_key: "k-1", start_date: "2024-01-01T00:00:00Z", page_size: 50, flag: false, ids: ["a", "b"], nested: { x: { y: 1 } } },
  parameters: { name: "users" },
  stream_slice: new StreamSlice({ parent_id: "p-9" }, { start_time: "2024-01-01T00:00:00Z", end_time: "2024-01-31T23:59:59Z" }, { extra: 1 }),
  next_page_token: { next_page_token: "tok" },
  response: { data: [{ id: 1 }, { id: 2 }], next: null, has_more: false },
  headers: { link: { next: { url: "https://api.example.com/items?page=2" } } },
  record: { id: 5, email: "a@b.c", amount: "1,234.50", updated_at: "2024-03-04T05:06:07Z" },
  last_page_size: 2,
};
const render = (template: string, extra: object = {}) => interpolateString(template, { ...context, ...extra }, { now });

describe("interpolateString", () => {
  it("reads config, parameters, the stream slice and its aliases", () => {
    expect(render("Bearer {{ config['api_key'] }}")).toBe("Bearer k-1");
    expect(render("/{{ parameters.name }}/{{ stream_partition.parent_id }}")).toBe("/users/p-9");
    expect(render("{{ stream_interval.start_time }}")).toBe("2024-01-01T00:00:00Z");
    expect(render("{{ stream_slice.extra_fields.extra }}")).toBe(1);
    expect(render("{{ stream_slice.partition }}")).toEqual({ parent_id: "p-9" });
    expect(render("{{ next_page_token.next_page_token }}")).toBe("tok");
    expect(render("{{ headers.link.next.url }}")).toBe("https://api.example.com/items?page=2");
  });

  it("returns ast.literal_eval of the text when it parses, the text otherwise", () => {
    expect(render("{{ config.page_size }}")).toBe(50);
    expect(render("{{ config.ids }}")).toEqual(["a", "b"]);
    expect(render("{{ config.flag }}")).toBe(false);
    expect(render("{{ response.next }}")).toBe(null);
    expect(render("'{{ config.api_key }}'")).toBe("k-1");
    expect(render("{{ config.start_date[:10] }}")).toBe("2024-01-01");
    expect(render("{{ '01' }}")).toBe("01");
    expect(render("{{ 'a, b' }}")).toBe("a, b");
    expect(render("{{ '1, 2' }}")).toEqual([1, 2]);
    expect(render("{{ \"{'a': True}\" }}")).toEqual({ a: true });
    expect(interpolateString(25, context)).toBe(25);
  });

  it("keeps Python's float/int distinction internally", () => {
    const float = evalString("{{ 4 / 2 }}", context);
    expect(float).toBeInstanceOf(PyFloat);
    expect(typeName(float)).toBe("float");
    expect(typeName(evalString("{{ 7 // 2 }}", context))).toBe("int");
    expect(render("{{ 4 / 2 }}")).toBe(2);
    expect(render("{{ [4 / 2] | string }}")).toBe("[2.0]");
  });

  it("prints values as Python's str(): True/None, single-quoted reprs, float reprs", () => {
    expect(render("x{{ config.flag }}")).toBe("xFalse");
    expect(render("x{{ response.next }}")).toBe("xNone");
    expect(render("x{{ config.nested }}")).toBe("x{'x': {'y': 1}}");
    expect(render("x{{ [\"it's\", 1.5e-7, 1e16, 0.1 + 0.2] }}")).toBe(`x["it's", 1.5e-07, 1e+16, 0.30000000000000004]`);
  });

  it("renders an undefined value empty, falls back on an empty render, raises when an undefined is used further", () => {
    expect(render("a{{ config.missing }}b")).toBe("ab");
    expect(render("{{ config.missing }}")).toBe("");
    expect(render("{{ config.missing }}", {})).toBe("");
    expect(interpolateString("{{ config.missing }}", context, { fallback: "{{ config.page_size * 2 }}" })).toBe(100);
    expect(interpolateString("{{ config.missing }}", context, { fallback: 7 })).toBe(7);
    expect(() => render("{{ config.missing.deeper }}")).toThrow(expect.objectContaining({ kind: "UndefinedError" }));
    expect(() => render("{{ config.missing + 1 }}")).toThrow(InterpolationError);
    expect(render("{{ config.missing | default('d') }}")).toBe("d");
    expect(render("{{ config.missing is defined }}")).toBe(false);
  });

  it("returns the template itself when the render raises a TypeError, as the CDK does", () => {
    expect(render("{{ config.api_key + 1 }}")).toBe("{{ config.api_key + 1 }}");
    expect(render("{{ format_datetime(record.get('missing'), '%Y', '%d/%m/%Y') }}")).toBe("{{ format_datetime(record.get('missing'), '%Y', '%d/%m/%Y') }}");
  });

  it("raises ValueError for a variable the context does not declare, and syntax errors", () => {
    expect(() => render("{{ options['name'] }}")).toThrow(expect.objectContaining({ kind: "ValueError" }));
    expect(() => render("{{ 1 + }}")).toThrow(expect.objectContaining({ kind: "TemplateSyntaxError" }));
    expect(() => render("{{ 1 | nofilter }}")).toThrow(expect.objectContaining({ kind: "TemplateAssertionError" }));
    expect(() => render("{{ stream_state.updated_at }}")).toThrow(expect.objectContaining({ kind: "AirbyteTracedException" }));
    // Jinja reads a name first set inside an `if` from the context, so the CDK refuses it.
    expect(() => render("{% if true %}{% set y = 1 %}{% endif %}{{ y }}")).toThrow(expect.objectContaining({ kind: "ValueError" }));
    expect(render("{% set y = 0 %}{% if true %}{% set y = 1 %}{% endif %}{{ y }}")).toBe(1);
  });

  it("runs if/for/set statements with Jinja scoping and whitespace control", () => {
    expect(render("{% set ids = [] %}{% for r in response.data %}{% set _ = ids.append(r.id) %}{% endfor %}{{ ids }}")).toEqual([1, 2]);
    expect(render("{% set x = 1 %}{% for i in [1] %}{% set x = 2 %}{% endfor %}{{ x }}")).toBe(1);
    expect(render("{% for k, v in {'a': 1}.items() %}{{ k }}={{ v }}{{ loop.index }}{% else %}none{% endfor %}")).toBe("a=11");
    expect(render("{% for i in [] %}x{% else %}none{% endfor %}")).toBe("none");
    expect(render("{% if config.page_size > 100 %}big{% elif config.page_size > 10 %}mid{% else %}small{% endif %}")).toBe("mid");
    expect(render("a  {%- if true -%}  b  {%- endif -%}  c")).toBe("abc");
    expect(render("{% for p in (config.ids or []): %}{{ p }}{% endfor %}")).toBe("ab");
  });

  it("keeps templates away from JavaScript internals", () => {
    expect(render("x{{ 'a'.constructor }}{{ config.constructor }}{{ config.ids.constructor }}")).toBe("x");
    expect(render("{{ {'__proto__': 1, 'a': 2} }}")).toEqual(JSON.parse('{"__proto__": 1, "a": 2}'));
    expect(() => render("{{ 1 | constructor }}")).toThrow(expect.objectContaining({ kind: "TemplateAssertionError" }));
    expect(() => render("{{ 1 is constructor }}")).toThrow(expect.objectContaining({ kind: "TemplateAssertionError" }));
    expect(() => render("{{ '{0.constructor}'.format(config) }}")).toThrow(expect.objectContaining({ kind: "AttributeError" }));
    expect(render("{{ '{0[api_key]}'.format(config) }}")).toBe("k-1");
  });

  it("never puts a context value in an error message (values can be secrets)", () => {
    const secret = "sk_live_SECRET123";
    const withSecret = { ...context, config: { ...context.config, api_key: secret } };
    for (const template of [
      "{{ config[config.api_key].x }}", "{{ format_datetime(config.api_key, '%Y') }}", "{{ duration(config.api_key) }}",
      "{{ format_datetime(config.api_key, '%Y', '%d/%m') }}", "{{ config.ids.index(config.api_key) }}", "{{ {}.pop(config.api_key) }}",
      "{{ options[config.api_key] }}", "{{ today_with_timezone(config.api_key) }}",
    ]) {
      let message = "";
      try {
        interpolateString(template, withSecret);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, template).not.toBe("");
      expect(message, template).not.toContain(secret);
    }
  });

  it("parses a template once", () => {
    expect(compileTemplate("{{ config.api_key }}")).toBe(compileTemplate("{{ config.api_key }}"));
  });
});

describe("interpolateBoolean", () => {
  it("is false for the CDK's false values and true for anything else rendered", () => {
    for (const condition of ["{{ config.flag }}", "{{ '' }}", "{{ [] }}", "{{ {} }}", "{{ 0 }}", "{{ 0.0 }}", "{{ 'false' }}", "{{ () }}", "False"]) {
      expect(interpolateBoolean(condition, context), condition).toBe(false);
    }
    for (const condition of ["{{ response.next is none }}", "{{ 'no' }}", "{{ [0] }}", "{{ last_page_size < config.page_size }}"]) {
      expect(interpolateBoolean(condition, context), condition).toBe(true);
    }
  });

  it("treats an undefined result as the default False, and a None result as true (the CDK compares with ==)", () => {
    expect(interpolateBoolean("{{ response.missing.deeper }}", context)).toBe(false);
    expect(interpolateBoolean("{{ response.missing }}", context)).toBe(false);
    expect(interpolateBoolean("{{ response.next }}", context)).toBe(true);
    expect(interpolateBoolean(false, context)).toBe(false);
  });
});

describe("interpolateMapping", () => {
  it("renders keys and nested string values and drops empty or undefined ones", () => {
    const mapping = {
      "{{ parameters.name }}_id": "{{ record.id }}",
      page: "{{ next_page_token.next_page_token }}",
      since: "{{ stream_slice.missing }}",
      empty: "{{ '' }}",
      nested: { list: ["{{ config.page_size }}", 3], keep: true },
    };
    expect(interpolateMapping(mapping, context)).toEqual({ users_id: 5, page: "tok", nested: { list: [50, 3], keep: true } });
  });
});
