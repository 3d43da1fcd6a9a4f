import { describe, expect, it } from "vitest";
import { defaultPaginator, parseLinks, templateHeaders, type PageOutcome } from "./paginators.ts";
import { Templates } from "./templates.ts";

const templates = new Templates({ size: 25 }, {});
const page = (body: unknown, extracted: number, token?: Record<string, unknown>, headers: Record<string, string> = {}): PageOutcome => ({
  response: { status: 200, headers: new Headers(headers), body, url: "http://x" },
  extracted,
  token,
});
const option = (field_name: string, inject_into = "request_parameter") => ({ type: "RequestOption", inject_into, field_name });

describe("DefaultPaginator", () => {
  it("CursorPagination: the token comes from the response until the stop condition holds", () => {
    const paginator = defaultPaginator(
      { page_token_option: option("cursor"), page_size_option: option("limit"), pagination_strategy: { type: "CursorPagination", cursor_value: "{{ response.next }}", stop_condition: "{{ not response.more }}", page_size: "{{ config['size'] }}" } },
      templates,
      "/p",
    );
    expect(paginator.initialToken()).toBeUndefined();
    expect(paginator.parts(undefined).params).toEqual({ limit: 25 });
    const next = paginator.nextToken(page({ next: "abc", more: true }, 25));
    expect(next).toEqual({ next_page_token: "abc" });
    expect(paginator.parts(next).params).toEqual({ cursor: "abc", limit: 25 });
    expect(paginator.nextToken(page({ next: "def", more: false }, 25, next))).toBeUndefined();
    expect(paginator.nextToken(page({ more: true }, 25, next))).toBeUndefined();
  });

  it("CursorPagination with a RequestPath token reads the Link header as requests' response.links", () => {
    const paginator = defaultPaginator({ page_token_option: { type: "RequestPath" }, pagination_strategy: { type: "CursorPagination", cursor_value: "{{ headers['link']['next']['url'] }}", stop_condition: "{{ 'next' not in headers['link'] }}" } }, templates, "/p");
    const next = paginator.nextToken(page([], 2, undefined, { link: '<https://api.example.com/items?page=2>; rel="next", <https://api.example.com/items?page=9>; rel="last"' }));
    expect(paginator.path(next)).toBe("https://api.example.com/items?page=2");
    expect(paginator.parts(next).params).toEqual({});
    expect(paginator.nextToken(page([], 2, next, { link: '<https://api.example.com/items?page=1>; rel="first"' }))).toBeUndefined();
    expect(parseLinks('<a>; rel="next"')).toEqual({ next: { url: "a", rel: "next" } });
    expect(templateHeaders(new Headers({ "x-total-count": "3" }))["X-Total-Count"]).toBe("3");
  });

  it("PageIncrement counts pages from start_from_page and stops on a short page", () => {
    const paginator = defaultPaginator({ page_token_option: option("page"), pagination_strategy: { type: "PageIncrement", page_size: 10, start_from_page: 1, inject_on_first_request: true } }, templates, "/p");
    const first = paginator.initialToken();
    expect(first).toEqual({ next_page_token: 1 });
    const second = paginator.nextToken(page({}, 10, first));
    expect(second).toEqual({ next_page_token: 2 });
    expect(paginator.nextToken(page({}, 9, second))).toBeUndefined();
    expect(paginator.nextToken(page({}, 0, second))).toBeUndefined();
  });

  it("OffsetIncrement adds the records of each page to the offset", () => {
    const paginator = defaultPaginator({ page_token_option: option("offset", "body_json"), pagination_strategy: { type: "OffsetIncrement", page_size: 3 } }, templates, "/p");
    const second = paginator.nextToken(page({}, 3));
    expect(second).toEqual({ next_page_token: 3 });
    expect(paginator.parts(second).bodyJson).toEqual({ offset: 3 });
    expect(paginator.nextToken(page({}, 3, second))).toEqual({ next_page_token: 6 });
    expect(paginator.nextToken(page({}, 2, { next_page_token: 6 }))).toBeUndefined();
  });

  it("refuses a page size option without a page size, and a page size that is not a number", () => {
    expect(() => defaultPaginator({ page_size_option: option("limit"), pagination_strategy: { type: "OffsetIncrement" } }, templates, "/p")).toThrow(/page_size/);
    expect(() => defaultPaginator({ pagination_strategy: { type: "PageIncrement", page_size: "many" } }, templates, "/p")).toThrow(/whole number/);
    expect(() => defaultPaginator({ pagination_strategy: { type: "CustomPaginationStrategy" } }, templates, "/p")).toThrow(/CustomPaginationStrategy/);
  });
});
