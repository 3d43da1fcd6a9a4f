// The one analysis pass: token shapes, number words, sentences and clauses, negation's reach,
// correction cues, pasted pairs and dates. Sentences here are written for these tests.
import { describe, expect, it } from "vitest";
import { analyze } from "./analyze.ts";

const kinds = (text: string) => analyze(text).tokens.filter((token) => token.kind !== "punct").map((token) => `${token.kind}:${token.text}`);

describe("analyze", () => {
  it("gives each token a shape: a host with its port, a URI, an email, a path, a number", () => {
    expect(kinds("reach warehouse.corp.lan:6000 or mailto ops@corp.lan, files at /srv/exports, limit 250")).toEqual(
      expect.arrayContaining(["hostport:warehouse.corp.lan:6000", "email:ops@corp.lan", "path:/srv/exports", "number:250"]),
    );
    expect(kinds("use mysql://svc@10.1.2.3:3307/sales please")).toContain("uri:mysql://svc@10.1.2.3:3307/sales");
  });

  it("writes number words as digits, and every span refers to that text", () => {
    const analysis = analyze("a batch of three hundred and twenty rows, retry nine times");
    expect(analysis.text).toContain("320");
    expect(analysis.text).toContain("9");
    const numbers = analysis.tokens.filter((token) => token.kind === "number").map((token) => token.number);
    expect(numbers).toEqual([320, 9]);
  });

  it("splits sentences and tells a question from a tentative answer", () => {
    const asked = analyze("how is the region used?");
    expect(asked.sentences[0]).toMatchObject({ question: true });
    expect(asked.sentences[0].tentative).toBeUndefined();
    const hesitant = analyze("eu-central-1?");
    expect(hesitant.sentences[0]).toMatchObject({ question: true, tentative: true });
    // A request is not a question, even with a question mark.
    expect(analyze("could you pull the invoices from May?").sentences[0].question).toBe(false);
  });

  it("reads a condition or a polite request as no question, and keeps a pattern whole", () => {
    const question = (text: string) => analyze(text).sentences[0].question;
    expect(question("When a ticket closes, archive it")).toBe(false);
    expect(question("when does a ticket close?")).toBe(true);
    expect(question("what does archiving do")).toBe(true);
    expect(question("Could we begin in May?")).toBe(false);
    expect(question("could you explain the archive setting?")).toBe(true);
    expect(kinds("match logs-.* and ^ev_\\d+$ only")).toEqual(expect.arrayContaining(["code:logs-.*", "code:^ev_\\d+$"]));
  });

  it("keeps a bulleted list in one sentence", () => {
    expect(analyze("the feeds:\n- one.example\n- two.example\nthat's all").sentences).toHaveLength(2);
  });

  it("reads a whole year said as a stretch of time as its range", () => {
    const [year] = analyze("we need all of 2023 for the audit").dates;
    expect(year.text).toBe("2023");
    expect([year.from.get("year"), year.from.isCertain("month"), year.to?.get("year")]).toEqual([2023, false, 2023]);
    expect(analyze("the 2023 budget").dates).toEqual([]);
  });

  it("lets a negation reach to the end of its clause only", () => {
    const analysis = analyze("skip the proxy, timeout 40");
    const negated = analyze("we won't need a proxy, timeout 40").tokens.filter((token) => token.negated).map((token) => token.text);
    expect(negated).toContain("proxy");
    expect(negated).not.toContain("timeout");
    expect(analysis.tokens.some((token) => token.negated)).toBe(false);
  });

  it("marks where a correction cue ends", () => {
    const analysis = analyze("batch 500, no wait, 800");
    expect(analysis.corrections).toHaveLength(1);
    expect(analysis.text.slice(analysis.corrections[0]).trim()).toMatch(/^,?\s*800$/);
  });

  it("reads key=value and key: value lines of a pasted block as pairs", () => {
    const analysis = analyze("from the config file:\nAPP_REGION=ca-west\nretries: 4\n");
    expect(analysis.pairs.map((pair) => [pair.key, pair.value, pair.block])).toEqual([
      ["APP_REGION", "ca-west", true],
      ["retries", "4", true],
    ]);
  });

  it("finds dates and ranges with chrono", () => {
    const analysis = analyze("sync everything between 3 Feb 2022 and 9 Sep 2022");
    expect(analysis.dates).toHaveLength(1);
    expect(analysis.dates[0].from.get("month")).toBe(2);
    expect(analysis.dates[0].to?.get("month")).toBe(9);
  });
});

describe("globs and folder prefixes", () => {
  it("keeps a glob or a folder prefix one path token, and a bare a/b two listed words", () => {
    const kinds = (text: string) => analyze(text).tokens.map((token) => [token.text, token.kind]);
    expect(kinds("files under exports/orders/*.csv")).toContainEqual(["exports/orders/*.csv", "path"]);
    expect(kinds("also **/*.parquet")).toContainEqual(["**/*.parquet", "path"]);
    expect(kinds("prefix raw/landing/ please")).toContainEqual(["raw/landing/", "path"]);
    expect(kinds("the eu/us accounts").some(([, kind]) => kind === "path")).toBe(false);
  });
});
