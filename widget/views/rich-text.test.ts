import { describe, expect, it } from "vitest";
import { parseRichText, safeHref } from "./rich-text.tsx";

describe("parseRichText", () => {
  it("turns an http(s) <a href> into a link and backticks into code", () => {
    expect(parseRichText('See <a href="https://docs.example.com/pg?x=1&amp;y=2">the docs</a> and set `sslmode`.')).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", href: "https://docs.example.com/pg?x=1&y=2", text: "the docs" },
      { kind: "text", text: " and set " },
      { kind: "code", text: "sslmode" },
      { kind: "text", text: "." },
    ]);
    expect(parseRichText("<a href='http://a.example'>single</a>")).toEqual([{ kind: "link", href: "http://a.example/", text: "single" }]);
    expect(parseRichText("[Markdown](https://md.example/x) link")[0]).toEqual({ kind: "link", href: "https://md.example/x", text: "Markdown" });
  });

  it("keeps only the text of a link whose URL is not http(s)", () => {
    for (const href of ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "java&#115;cript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:x", "/relative", "//evil.example"]) {
      const segments = parseRichText(`<a href="${href}">click</a>`);
      expect(segments, href).toEqual([{ kind: "text", text: "click" }]);
    }
    expect(parseRichText("[x](javascript:alert(1))").some((segment) => segment.kind === "link")).toBe(false);
    expect(safeHref("https://ok.example/a")).toBe("https://ok.example/a");
    expect(safeHref("javascript:alert(1)")).toBeNull();
  });

  it("drops scripts and every other tag, attributes and event handlers included", () => {
    const hostile =
      'A<script>alert("x")</script>B<img src=x onerror="alert(1)">C<b onclick="alert(2)">bold</b><iframe src="https://evil.example"></iframe>' +
      '<svg onload=alert(3)><circle/></svg><div style="background:url(javascript:alert(4))">D</div><a href="https://ok.example" onclick="alert(5)" target="_self">E</a>';
    const segments = parseRichText(hostile);
    expect(segments).toEqual([
      { kind: "text", text: "ABCbold D " },
      { kind: "link", href: "https://ok.example/", text: "E" },
    ]);
    const all = JSON.stringify(segments);
    expect(all).not.toMatch(/alert|onerror|onclick|<script|iframe|svg/);
  });

  it("shows escaped markup as text and keeps <placeholder>s that are not HTML", () => {
    expect(parseRichText("&lt;script&gt;alert(1)&lt;/script&gt;")).toEqual([{ kind: "text", text: "<script>alert(1)</script>" }]);
    expect(parseRichText("https://<account>.snowflakecomputing.com/<database>")).toEqual([
      { kind: "text", text: "https://<account>.snowflakecomputing.com/<database>" },
    ]);
    expect(parseRichText("Line one<br>line two")).toEqual([{ kind: "text", text: "Line one line two" }]);
    expect(parseRichText("")).toEqual([]);
  });
});
