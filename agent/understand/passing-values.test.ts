// Values people give without the field's exact name: titles said loosely, enum values in
// passing, dates by their lead-in, emails and domains by their shape, lists before their name,
// yes/no settings by their title, refusals in a sentence. Real Airbyte specs, never seen by hand.
import { describe, expect, it } from "vitest";
import { builtinDefinitions, questionAt, type Definition, type Question } from "../../specs/index.ts";
import { corpusDefinition, corpusPresent } from "../../specs/testing/corpus.ts";
import { listFields } from "./fields.ts";
import { understandOffline } from "./offline.ts";
import type { Decision } from "./types.ts";

function read(definition: Definition, text: string, pendingPath: string | null = null): Decision[] {
  const pending = pendingPath ? (questionAt(definition, pendingPath, {}) as Question) : null;
  return understandOffline(text, { definition, pending, fields: listFields(definition), values: {} });
}
const set = (path: string, value: unknown) => ({ kind: "set", path, value });

describe.skipIf(!corpusPresent)("values in passing (real specs)", () => {
  it("reads a title said loosely: '40 requests a minute', 'leave out the X and Y services'", () => {
    expect(read(corpusDefinition("source-freshdesk"), "Keep it to 40 requests a minute please.")).toContainEqual(set("/requests_per_minute", 40));
    expect(read(corpusDefinition("source-pagerduty"), "Leave out the billing-svc and legacy-api services, and set cutoff days to 30.")).toEqual(
      expect.arrayContaining([set("/exclude_services", ["billing-svc", "legacy-api"]), set("/cutoff_days", 30)]),
    );
  });

  it("switches a yes/no setting by its title, off after a negation", () => {
    expect(read(corpusDefinition("source-recharge"), "start date 2024-02-01, and don't use the deprecated orders API.")).toContainEqual(
      set("/use_orders_deprecated_api", false),
    );
    const destination = builtinDefinitions().find((definition) => definition.name === "destination-postgres")!;
    expect(read(destination, "database test, and drop tables with cascade.")).toContainEqual(set("/drop_cascade", true));
  });

  it("spots enum values said in passing, with plurals and typos, and never plain words alone", () => {
    const pocket = corpusDefinition("source-pocket");
    expect(read(pocket, "just my unread favorite articles, newest first")).toEqual(
      expect.arrayContaining([set("/state", "unread"), set("/content_type", "article"), set("/sort", "newest"), set("/favorite", true)]),
    );
    const news = corpusDefinition("source-news-api");
    expect(read(news, "top technology headlines, sorted by popularty")).toEqual(
      expect.arrayContaining([set("/category", "technology"), set("/sort_by", "popularity")]),
    );
    // A code of a code list counts when led in by a preposition or said in capitals; one that two
    // lists share (de: Germany, German) and English words (in, no, it) never do.
    expect(read(news, "top technology headlines from gb")).toContainEqual(set("/country", "gb"));
    expect(read(news, "news from DE please").some((decision) => "path" in decision && (decision.path === "/country" || decision.path === "/language"))).toBe(false);
    expect(read(news, "top technology headlines in the uk").some((decision) => "path" in decision && decision.path === "/country")).toBe(false);
    expect(read(corpusDefinition("source-amplitude"), "we're on the EU data center because of GDPR")).toContainEqual(set("/data_region", "EU Residency Server"));
    expect(read(corpusDefinition("source-datadog"), "We're on the EU site, datadoghq.eu")).toContainEqual(set("/site", "datadoghq.eu"));
  });

  it("places a date by its lead-in, keeps 'April 1st, 2024' whole, and puts a year-less start date in the past", () => {
    expect(read(corpusDefinition("source-zenloop"), "Zenloop please, answers from 2024-01-01")).toContainEqual(set("/date_from", "2024-01-01"));
    expect(read(corpusDefinition("source-datadog"), "we want data starting from April 1st, 2024.")).toContainEqual(set("/start_date", "2024-04-01T00:00:00Z"));
    const [decision] = read(corpusDefinition("source-datadog"), "data starting from December 31st");
    expect(decision).toMatchObject({ kind: "set", path: "/start_date" });
    expect(Date.parse((decision as { value: string }).value)).toBeLessThanOrEqual(Date.now());
  });

  it("fills an email and a domain by their shape, and a list said before its name", () => {
    expect(read(corpusDefinition("source-jira"), "Our site is acme.atlassian.net, I'm dev@acme.io, and we only need the ENG, OPS and WEB projects.")).toEqual(
      expect.arrayContaining([set("/domain", "acme.atlassian.net"), set("/email", "dev@acme.io"), set("/projects", ["ENG", "OPS", "WEB"])]),
    );
  });

  it("picks an auth option by what its title says in parentheses", () => {
    const lever = corpusDefinition("source-lever-hiring");
    const choice = read(lever, "Lever, API key auth please").find((decision) => decision.kind === "choose");
    const options = questionAt(lever, "/credentials", {})!.options!;
    expect(options.find((option) => option.index === (choice as { optionIndex: number }).optionIndex)?.title).toMatch(/api key/i);
  });
});

describe("refusals in a sentence", () => {
  const mysql = builtinDefinitions().find((definition) => definition.name === "source-mysql")!;
  it("hears 'there isn't one, leave it blank' as skip, and a sentence while a secret is asked as chat", () => {
    expect(read(mysql, "there isn't one, leave it blank", "/password")).toEqual([{ kind: "skip" }]);
    expect(read(mysql, "I am not sure what to put in here", "/password").some((decision) => decision.kind === "secret_in_chat")).toBe(false);
  });
});

describe.skipIf(!corpusPresent)("value boundaries and options (real specs)", () => {
  it("takes the value before 'is the <name>', and the example-shaped word after a name", () => {
    expect(read(corpusDefinition("source-sentry"), "acme is the org slug and backend-api is the project I want synced.")).toEqual(
      expect.arrayContaining([set("/organization", "acme"), set("/project", "backend-api")]),
    );
    expect(read(corpusDefinition("source-shopify"), "pull our Shopify orders from acme-store")).toContainEqual(set("/shop", "acme-store"));
    expect(read(corpusDefinition("source-sftp"), "Host's files.partner-logistics.com, they sit in /outbound.")).toEqual(
      expect.arrayContaining([set("/host", "files.partner-logistics.com"), set("/folder_path", "/outbound")]),
    );
  });

  it("picks an option whose title is said with a slip ('app password' for API Password)", () => {
    const shopify = corpusDefinition("source-shopify");
    const chosen = read(shopify, "we've got a private app password").find((decision) => decision.kind === "choose") as { optionIndex: number } | undefined;
    expect(questionAt(shopify, "/credentials", {})!.options!.find((option) => option.index === chosen?.optionIndex)?.title).toBe("API Password");
  });

  it("answers a question inside a longer message and still reads the other sentences", () => {
    const decisions = read(corpusDefinition("source-chargebee"), "before we go on - what does the product catalog setting mean? we moved last year", "/start_date");
    expect(decisions).toEqual([{ kind: "question", path: "/product_catalog" }]);
    const postgres = builtinDefinitions().find((definition) => definition.name === "source-postgres")!;
    expect(read(postgres, "host db.internal. what is a replication slot?", "/host")).toEqual([set("/host", "db.internal"), expect.objectContaining({ kind: "question" })]);
  });
});

describe.skipIf(!corpusPresent)("numbers, durations, dates, yes/no and names with slips (real specs)", () => {
  it("reads number words and durations in the field's unit", () => {
    const sample = builtinDefinitions().find((definition) => definition.name === "source-sample-data")!;
    expect(read(sample, "about two thousand records per stream, seed forty two")).toEqual(expect.arrayContaining([set("/record_count", 2000), set("/seed", 42)]));
    expect(read(corpusDefinition("source-slack"), "For threads, look back two weeks.")).toContainEqual(set("/lookback_window", 14));
    expect(read(corpusDefinition("source-nytimes"), "most popular articles on a weekly period")).toContainEqual(set("/period", 7));
  });

  it("reads dates: ranges, 'going back to', 'onward', 'the beginning of 2024'", () => {
    expect(read(corpusDefinition("source-nytimes"), "starting from January 2024 through June 2024")).toEqual(
      expect.arrayContaining([set("/start_date", "2024-01"), set("/end_date", "2024-06")]),
    );
    expect(read(corpusDefinition("source-trustpilot"), "reviews please, going back to May 1st 2023")).toContainEqual(set("/start_date", "2023-05-01T00:00:00Z"));
    expect(read(corpusDefinition("source-square"), "sync Square from the first of June 2023 onward")).toContainEqual(set("/start_date", "2023-06-01"));
    expect(read(corpusDefinition("source-paypal-transaction"), "Start from the beginning of 2024 if that's possible")).toContainEqual(
      set("/start_date", "2024-01-01T00:00:00Z"),
    );
  });

  it("reads yes/no settings said as sentences, negative titles included", () => {
    expect(read(corpusDefinition("source-square"), "our live account, not the sandbox. And yes, include deleted records")).toEqual(
      expect.arrayContaining([set("/is_sandbox", false), set("/include_deleted_objects", true)]),
    );
    expect(read(corpusDefinition("source-slack"), "Don't have it join every channel on its own")).toContainEqual(set("/join_channels", false));
    expect(read(corpusDefinition("source-klaviyo"), "please turn off the predictive analytics fetching")).toContainEqual(set("/disable_fetching_predictive_analytics", true));
  });

  it("hears field names and option titles said with a slip", () => {
    const gitlab = corpusDefinition("source-gitlab");
    const decisions = read(gitlab, "I'll use a privte tokn. projcts are acme/web and acme/api");
    expect(decisions).toContainEqual(set("/projects_list", ["acme/web", "acme/api"]));
    const chosen = decisions.find((decision) => decision.kind === "choose") as { optionIndex: number } | undefined;
    expect(questionAt(gitlab, "/credentials", {})!.options!.find((option) => option.index === chosen?.optionIndex)?.title).toBe("Private Token");
    expect(read(corpusDefinition("source-klaviyo"), "could you set the lookbak to 30 days")).toContainEqual(set("/lookback_window", 30));
  });
});

describe.skipIf(!corpusPresent)("corrections, counts and options named by their fields (real specs)", () => {
  it("takes 'make that 7 days, not 30' for the field holding 30, and 'make it 45' for the last answered", () => {
    const klaviyo = corpusDefinition("source-klaviyo");
    const context = (values: Record<string, unknown>, answered: string[]) => ({ definition: klaviyo, pending: null, fields: listFields(klaviyo), values, answered });
    expect(understandOffline("oh wait, actually make that 7 days, not 30", context({ lookback_window: 30, num_workers: 3 }, ["/lookback_window", "/num_workers"]))).toEqual([
      set("/lookback_window", 7),
    ]);
    expect(understandOffline("make it 45", context({ lookback_window: 30, num_workers: 3 }, ["/lookback_window", "/num_workers"]))).toEqual([set("/num_workers", 45)]);
  });

  it("reads '3 workers' for Number of concurrent workers, and a list before 'are the two <name>'", () => {
    expect(read(corpusDefinition("source-asana"), "1207715566001 and 1207715566002 are the two organization exports, and keep it to 3 workers")).toEqual(
      expect.arrayContaining([set("/organization_export_ids", ["1207715566001", "1207715566002"]), set("/num_workers", 3)]),
    );
  });

  it("picks the option that has the field named in full, never by a short shared word", () => {
    const asana = corpusDefinition("source-asana");
    const chosen = read(asana, "Hook up Asana with my personal access token please.").find((decision) => decision.kind === "choose") as { optionIndex: number } | undefined;
    expect(questionAt(asana, "/credentials", {})!.options!.find((option) => option.index === chosen?.optionIndex)?.title).toMatch(/Personal Access Token/);
    expect(read(corpusDefinition("source-slack"), "Hook up Slack for us with a bot token.").some((decision) => decision.kind === "choose")).toBe(false);
  });
});

describe.skipIf(!corpusPresent)("round four: spoken numbers, contrasts, shared title words, codes (real specs)", () => {
  it("reads digits said one by one, pairs and spoken years, and ordinals next to a month", () => {
    const postgres = builtinDefinitions().find((definition) => definition.name === "destination-postgres")!;
    expect(read(postgres, "port five four three two")).toContainEqual(set("/port", 5432));
    expect(read(corpusDefinition("source-harvest"), "starting the twenty-fifth of January 2023")).toContainEqual(set("/replication_start_date", "2023-01-25T00:00:00Z"));
  });

  it("drops what follows a contrast: 'not the OAuth thing', 'CDC rather than standard'", () => {
    const harvest = corpusDefinition("source-harvest");
    const chosen = read(harvest, "personal access token, not the OAuth thing").find((decision) => decision.kind === "choose") as { optionIndex: number } | undefined;
    expect(questionAt(harvest, "/credentials", {})!.options!.find((option) => option.index === chosen?.optionIndex)?.title).not.toMatch(/oauth/i);
    expect(read(corpusDefinition("source-teradata"), "Replication should be CDC rather than standard.")).toContainEqual(set("/replication_method", "CDC"));
    expect(read(corpusDefinition("source-recurly"), "It's our sandbox site, not production.")).toContainEqual(set("/is_sandbox", true));
  });

  it("names fields without the words all their titles share, with swapped letters, and by a name before them", () => {
    expect(read(corpusDefinition("source-gocardless"), "live environment, API version 2015-07-06")).toEqual(
      expect.arrayContaining([set("/gocardless_version", "2015-07-06"), set("/gocardless_environment", "live")]),
    );
    expect(read(corpusDefinition("source-zendesk-chat"), "subdomian is acmehelp")).toContainEqual(set("/subdomain", "acmehelp"));
    const postgres = builtinDefinitions().find((definition) => definition.name === "destination-postgres")!;
    expect(read(postgres, "actually make the schema public instead", "/username")).toEqual([set("/schema", "public")]);
  });

  it("maps spoken durations to an enum's codes, keeps a comma list typed without spaces, and takes 'whatever the default is'", () => {
    expect(read(corpusDefinition("source-yahoo-finance-price"), "tickers AAPL,TSLA,NVDA. daily interval")).toEqual(
      expect.arrayContaining([set("/tickers", "AAPL,TSLA,NVDA"), set("/interval", "1d")]),
    );
    const mysql = builtinDefinitions().find((definition) => definition.name === "source-mysql")!;
    expect(read(mysql, "127.0.0.1, port whatever the default is", "/host")).toContainEqual(set("/port", 3306));
  });
});
