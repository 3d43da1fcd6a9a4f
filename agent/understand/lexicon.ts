// Every word list the offline understander reads, in one place. The lists are about English as
// people type it to a setup assistant, never about a particular connector: a field's own words
// come from its spec (vocabulary.ts), and these lists say how people frame them.
import { eng as STOPWORDS } from "stopword";

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);
const set = (text: string) => new Set(words(text));

/**
 * Words that are never a value by themselves: English function words (the `stopword` list, plus
 * auxiliaries, pronouns and fillers it lacks), and the words people wrap answers in.
 */
export const FUNCTION_WORDS = new Set<string>([
  ...STOPWORDS,
  ...words(`a an the this that these those it it's its itself i i'm i've i'd me my mine we we're we've us our ours you you're your
  yours they they're them their he she his her him one ones you'll we'll i'll they'll he'll she'll it'll you've they've you'd we'd they'd
  is are was were be being been am do does did doing done have has had having will would shall should can could may might must
  not no nor don't dont doesn't didn't isn't aren't wasn't weren't won't wouldn't can't cannot shouldn't haven't hasn't
  yes yeah yep nope ok okay sure please pls plz thanks thank thx cheers hi hello hey
  of to in on at by for with from into onto upon about over under through thru via per as than then so too also just only even
  and or but if because since while though although until till unless whether either neither both each every all any some
  what which who whom whose where when why how there here
  already still yet again now soon later before after above below maybe perhaps probably actually basically really quite very
  gonna wanna gotta let let's lets
  thing things stuff something anything nothing everything someone anyone somebody anybody
  option options setting settings value values field fields answer thing
  use using used try set make change put go take keep want need got get instead rather anyway though too either
  earlier later before again now here there above below previously already soon currently`),
]);

/** Words that wrap an answer without being it ("it's", "use", "please"): stripped around a bare answer. */
export const ANSWER_WRAPPERS = {
  lead: /^(?:(?:ok(?:ay)?|sure|yes|yeah|yep|well|so|hmm+|actually|oh|sorry|right|alright|fine|great)[,!.]?\s+)*(?:(?:i think|i guess|i believe|probably|maybe|i'?d say)\s+)?(?:it'?s|it is|its|that'?s|that is|this is|use|using|go with|let'?s (?:use|go with)|set (?:it )?to|make it|change it to|should be|would be|will be|the value is|value is|try|i'?d like|i want|i'?ll use|we use|we'?re using|i choose|choose|pick|select|is being|is|are|=|:)\s+/i,
  trail: /[\s,]*(?:please|pls|plz|thanks|thank you|thx|cheers|i think|i guess|for now|i believe|is fine|is ok|is okay|is good|is enough|works|will do|should do)[.!]*$/i,
};

/** Linking words between a field's name and its value ("host is X", "port: X", "schema should be X"). */
export const LINKING = set("is are was were be being been will would should must shall can could = : -> to of at as named called equals set");

/** Words of a sentence about the speaker ("our recruiters use X, I'd like …"): talk, not free text asked. */
export const PERSONAL = set("i i'd i'm i've i'll we we're we'd we've we'll our ours my me us");

/** A title's last word that names a one-word value ("HoorayHR Username" keyed hoorayhrusername). */
export const ONE_WORD_TITLE_TAILS = set("username user login email host hostname database schema bucket region account subdomain domain workspace project tenant");

/** Words said between a name and its value that neither is ("the port *number* is", "database *name* is"). */
export const NAME_TAILS = set("number name names value id address called named token key code string filter list setting field");

/** Words that open a contrast: what follows is not what the person means ("X, not Y", "CDC rather than standard"). */
export const CONTRAST = ["not", "rather than", "instead of", "but not", "other than", "except"];

/** "make it X", "change that to X": a setting verb and a pronoun for the value said last. */
export const RETARGETING = /\b(?:make|change|set) (?:it|that|this)(?: to)?$/;

/** Small words between a name and what sets it ("the limit please put it 100"). */
export const POLITE_FILLERS = set("please pls plz just");

/** Words that lead a date after its name ("start on 2024-07-01", "end by March 31"). */
export const DATE_LEADS = set("on from since by");

/** Words that open a new clause after a comma ("…subsets, and only the validation split"). */
export const CLAUSE_JOINERS = set("and but while plus");

/** Words that take back what was just said: the value after them wins ("5432, no wait, 6543"). */
export const CORRECTION_CUES = [
  "no wait", "wait no", "wait", "actually", "sorry", "i mean", "i meant", "or rather", "scratch that", "correction",
  "oops", "my bad", "make that", "make it", "no make it", "change that to", "change it to", "should be", "typo", "not that",
];

/**
 * Words that judge a value rather than give one ("the user is wrong", "that id is outdated",
 * "the account is being switched off"): never a value; a value may follow in the next clause.
 */
export const JUDGEMENT_WORDS = set("wrong incorrect outdated stale old bad invalid broken retired expired deprecated obsolete being");

/**
 * Words that say how things stand or stand in for a thing unnamed ("one stream is enough", "leave it empty", "send
 * it separately", "to another place", "that last part"): said in lowercase, never a value.
 */
export const PLACEHOLDER_WORDS = set(`enough plenty adequate fine ok okay good great perfect sufficient important mandatory required optional
  necessary needed ready done empty blank unset together separately alone apart later soon meanwhile anyway
  anywhere everywhere nowhere somewhere elsewhere
  source destination
  place places part parts thing things stuff bit piece way kind sort lot lots`);

/** Words after a credential's name that say it comes later, not what it is ("api secret to follow", "token coming"). */
export const LATER_WORDS = set("follow follows following come comes coming arrive arrives send sending sent paste pasting share sharing type typing enter entering give giving provide providing later separately privately soon shortly next");

/** Negations and how far they reach: the rest of their clause. */
/**
 * A word right after one of these subjects (past one of the adverbs) is a verb: "we only test
 * strategies" tests nothing named "test". (Not "we're": "we're live" is the live place.)
 */
export const SUBJECT_PRONOUNS = set("i we you they we'll we'd i'll i'd they'll");
export const VERB_ADVERBS = set("only just also usually always never mostly mainly really still often sometimes");

/** Words a few places before a yes/no setting's name that turn it off ("leave out spam", "skip archived"). */
export const SWITCH_OFF_WORDS = set("no not never without disable skip skipping exclude excluding stop off omit omitting ignore ignoring drop dont");
/** Two-word ways to turn a setting off: "turn off", "leave out". */
// Said negated after a setting's name, they turn it off: "order doesn't matter", "SSL is not needed".
export const NEEDED_WORDS = set("matter matters need needs needed require requires required necessary important wanted relevant");
export const SWITCH_OFF_PHRASES = [["turn", "off"], ["leave", "out"], ["cut", "out"], ["filter", "out"]];

/** Words that turn down what follows them at once ("not the sandbox one", "no oauth"). */
export const DIRECT_NEGATIONS = set("not no never without");

/** Holidays on a fixed day, as chrono reads a day ("New Year's Day 2024" is Jan 1 2024). */
export const HOLIDAY_DATES: Array<[RegExp, string]> = [
  [/\bnew\s+year(?:['’]?s)?\s+day\b/gi, "Jan 1"],
  [/\bnew\s+year(?:['’]?s)?\s+eve\b/gi, "Dec 31"],
  [/\bchristmas\s+eve\b/gi, "Dec 24"],
  [/\bchristmas(?:\s+day)?\b/gi, "Dec 25"],
  [/\bboxing\s+day\b/gi, "Dec 26"],
];

/** Words that open a noun phrase: a word after one is a noun's, not a command or a verb. */
export const DETERMINERS = set("the a an my our your its their this that");

/** A clause that puts something off: what it names is not for now ("I'll do the EU one another day"). */
export const DEFERRAL = /\b(?:another (?:day|time)|some other (?:day|time)|next (?:week|month|time)|later on|at a later (?:date|point)|in a later|for now not|not (?:now|yet))\b/i;

/** First labels of a vendor's own hosts, never a customer's name ("app.productive.io"). */
export const GENERIC_HOST_LABELS = set("www app apps api admin my portal dashboard login auth accounts account console go secure web cloud");

/** Hedges said between a name and its value ("radius I think 25"): they say nothing of the value. */
export const HEDGES = ["i think", "i guess", "i believe", "i suppose", "we think", "probably", "maybe", "perhaps"].map((hedge) => hedge.split(" "));

/** Words that say "all of them": one value for a family of fields ("for everything", "all of them"). */
export const ALL_WORDS = set("every everything all each everywhere");

export const NEGATIONS = set("no not never without don't dont doesn't doesnt didn't didnt isn't isnt aren't arent won't wont can't cant cannot neither nor n't");

/** Lead-ins that make the next date a start or an end. */
export const DATE_START_CUES = ["from", "since", "starting", "starting from", "starting on", "starting at", "after", "as of", "beginning", "beginning on", "begin", "going back to", "back to", "as far back as", "onwards from"];
export const DATE_END_CUES = ["until", "till", "til", "to", "through", "thru", "before", "up to", "up until", "ending", "ending on", "end", "ends", "upto"];

/** Period words for a unit ("weekly" for a week). */
export const PERIOD_WORDS: Record<string, string> = {
  hourly: "hour", daily: "day", nightly: "day", weekly: "week", fortnightly: "2 week", monthly: "month", quarterly: "3 month", yearly: "year", annually: "year", annual: "year",
};
export const TIME_UNITS = ["millisecond", "second", "minute", "hour", "day", "week", "month", "year"] as const;
export const UNIT_SECONDS: Record<string, number> = { millisecond: 0.001, second: 1, minute: 60, hour: 3600, day: 86_400, week: 604_800, month: 2_592_000, year: 31_536_000 };
export const UNIT_ABBREVIATIONS: Record<string, string> = { ms: "millisecond", msec: "millisecond", msecs: "millisecond", s: "second", sec: "second", secs: "second", m: "minute", min: "minute", mins: "minute", h: "hour", hr: "hour", hrs: "hour", d: "day", w: "week", wk: "week", wks: "week", mo: "month", mos: "month", y: "year", yr: "year", yrs: "year" };

export const YES_WORDS = set("yes y yep yeah yup sure true on enable enabled 1 ok okay affirmative correct right please definitely absolutely");
export const NO_WORDS = set("no n nope nah false off disable disabled 0 negative never");

/** A list's joints: "A, B and C", "A n B", "A & B", "A + B", "A / B". */
export const LIST_JOINTS = set(", and & + n plus or /");

/** Usual names of common fields, by the field's key: a synonym counts only where no other field owns it. */
export const FIELD_SYNONYMS: Record<string, string[]> = {
  username: ["user", "user name", "login", "log in", "logs in", "logged in", "account", "usr", "uname"],
  user: ["username", "user name", "login", "log in", "logs in", "logged in", "account", "usr"],
  password: ["pw", "pwd", "pass", "passwd", "passphrase"],
  database: ["db", "dbname", "database name", "db name", "schema", "initial catalog"],
  host: ["hostname", "host name", "server", "address", "endpoint", "hst"],
  port: ["port number", "prt"],
  schemas: ["schema"],
  api_key: ["api key", "apikey", "key", "token"],
  start_date: ["start", "since", "starting", "from date", "start date", "from"],
  end_date: ["end", "until", "to date", "end date", "till"],
  base_url: ["url", "base url", "endpoint"],
  ssl_mode: ["ssl", "sslmode", "ssl mode", "tls"],
  ssl: ["tls", "encryption", "encrypted"],
  replication_method: ["replication", "update method", "cdc", "sync mode"],
  tunnel_method: ["tunnel", "ssh tunnel", "ssh", "bastion", "jump host"],
  access_token: ["token", "access token"],
  repositories: ["repo", "repos", "repository"],
  repository: ["repo", "repos", "repositories"],
  count: ["rows", "records", "row count", "record count", "number of rows", "number of records"],
  organization: ["org", "org slug", "organization slug", "organisation", "org name"],
  organization_id: ["org", "org id", "organisation id"],
  workspace: ["workspace slug", "workspace name"],
  jdbc_url_params: ["jdbc params", "jdbc parameters", "jdbc url params"],
  region: ["data center", "datacenter", "data centre", "location", "zone", "hosted in"],
  domain: ["data center", "datacenter", "data centre", "location"],
  environment: ["env", "mode"],
  // A switch for the vendor's test place ("is_sandbox") is called by what people call that place.
  sandbox: ["test environment", "testing environment", "test env", "test account", "test mode", "staging environment"],
  subdomain: ["site", "instance"],
  virtual_host: ["vhost"],
  bootstrap_servers: ["brokers", "broker", "bootstrap", "servers", "kafka servers"],
  limit: ["cap", "capped", "at most", "maximum", "max", "per page", "per request", "page size", "per call", "per response"],
  page_size: ["page", "per page", "batch", "per request", "per call"],
  batch_size: ["batch", "per batch"],
  // How one signs in, by whatever the spec calls it.
  credentials: ["auth", "authentication", "authorization", "auth method", "login method"],
  auth_type: ["auth", "authentication", "authorization", "auth method", "login method"],
  authorization: ["auth", "authentication", "auth method", "credentials"],
  authentication: ["auth", "authorization", "auth method", "credentials"],
  // Google's connectors call the same key file by many keys.
  credentials_json: ["service account key", "service account json", "json key", "key file", "service account json key"],
  service_account_info: ["service account key", "service account json", "json key", "key file"],
  service_account_key: ["service account json", "json key", "key file"],
  google_application_credentials: ["service account key", "service account json", "json key", "key file"],
  // A search's words are what the person searches for.
  search_query: ["search for", "searching for", "search", "keywords", "keyword", "query"],
  query: ["search for", "searching for", "keywords"],
  q: ["search for", "searching for", "keywords", "query"],
  // Markets call a security's symbol its ticker; crypto APIs call theirs coins.
  symbols: ["tickers", "ticker", "ticker symbols", "stocks", "coins"],
  symbol: ["ticker", "ticker symbol", "stock", "coin"],
  tickers: ["symbols", "symbol", "stocks"],
};

/** What a title word is also called ("exclude" is said "leave out"). */
export const PARAPHRASES: Record<string, string[]> = {
  exclude: ["leave out", "skip", "skipping", "ignore", "ignoring", "except", "omit", "omitting", "without", "excluding"],
  include: ["only", "just", "including"],
  maximum: ["at most", "up to", "max"],
  max: ["at most", "up to", "maximum"],
  number: ["number of", "count of", "num", "no of", "#"],
  minute: ["minutes", "min", "mins"],
  lookback: ["look back", "looking back"],
  // A pasted MJ_APIKEY_PRIVATE is the secret key; "public" names the plain one by elimination.
  secret: ["private"],
  // Short forms people type for a title word.
  account: ["acct", "acc"],
  organization: ["org"],
  organisation: ["org"],
  customer: ["cust"],
  project: ["proj"],
  department: ["dept"],
  environment: ["env"],
  configuration: ["config", "cfg"],
};

/** Words of a title people leave out when they name the field ("look back two weeks" for Lookback window). */
export const GENERIC_TITLE_WORDS = set("window name names list number value filter size count setting option type mode id ids range field environment connection the of for");

/**
 * Groups of words that mean one value. An enum value or option is also named by the other words
 * of its group ("live" for production, "prod" for production, "nothing" for none).
 */
/** Where real data lives, and the places made for trying things out. */
// Words a postal address's description names its parts by: such an "address" is no host.
export const POSTAL_WORDS = set("street city zip zipcode postal postcode mailing apartment suite");

export const PRODUCTION_WORDS = ["production", "prod", "live", "prd"];
export const TEST_PLACE_WORDS = ["sandbox", "test", "testing", "staging", "dev", "development", "demo", "playground", "mock", "mocked"];

export const VALUE_SYNONYMS: string[][] = [
  PRODUCTION_WORDS,
  TEST_PLACE_WORDS,
  ["none", "no", "nothing", "off", "disabled", "disable", "without", "no auth", "no authentication", "noauth", "anonymous"],
  ["basic", "username password", "user password", "login password", "username and password"],
  ["oauth", "oauth2", "oauth 2", "oauth2.0", "sign in", "signin", "log in with", "authorize"],
  ["api key", "apikey", "key", "token", "api token"],
  ["incremental", "append", "cursor", "only new", "changes only", "updates", "only changes", "what changed", "only what changed", "since the last run", "new and changed", "delta"],
  ["full refresh", "full", "everything", "all of it", "overwrite", "whole dataset", "the whole thing"],
  ["hour", "hourly", "hours"],
  ["day", "daily", "days", "date", "per day"],
  ["week", "weekly", "weeks"],
  ["month", "monthly", "months"],
  ["year", "yearly", "annual", "annually", "years"],
  ["ascending", "asc", "oldest first"],
  ["descending", "desc", "newest first", "latest first"],
  ["metric", "si"],
  ["imperial", "english", "us customary"],
  ["gcp", "google cloud", "google cloud platform", "gcs"],
  ["aws", "amazon web services", "amazon"],
  ["azure", "microsoft azure"],
];

/** Names of world regions and where codes stand for them. Keys are codes an enum may hold. */
export const REGION_NAMES: Record<string, string[]> = {
  eu: ["europe", "european", "eu", "emea"],
  us: ["united states", "usa", "us", "america", "american", "states"],
  na: ["north america", "north american", "na", "americas"],
  sa: ["south america", "south american", "latam", "latin america"],
  oc: ["oceania", "australia", "australian", "new zealand", "apac oceania", "anz"],
  au: ["australia", "australian", "aussie"],
  ap: ["asia pacific", "apac", "asia"],
  apac: ["asia pacific", "apac", "asia"],
  emea: ["emea", "europe", "european", "middle east", "africa"],
  amer: ["americas", "america", "north america"],
  uk: ["united kingdom", "uk", "britain", "british", "england", "english", "great britain"],
  in: ["india", "indian"],
  ca: ["canada", "canadian"],
  jp: ["japan", "japanese"],
  cn: ["china", "chinese"],
  de: ["germany", "german"],
  fr: ["france", "french"],
  nl: ["netherlands", "dutch", "holland"],
  global: ["global", "worldwide", "international", "everywhere"],
};

/**
 * Where the public clouds' region codes are (AWS, Google Cloud, Azure), as their providers name
 * them: "tables in Frankfurt" is eu-central-1 on AWS, europe-west3 on Google Cloud.
 */
export const CLOUD_REGION_PLACES: Record<string, string[]> = {
  "us-east-1": ["n virginia", "north virginia", "northern virginia", "virginia"], "us-east-2": ["ohio"], "us-west-1": ["n california", "north california", "northern california"],
  "us-west-2": ["oregon"], "ca-central-1": ["canada central", "montreal"], "ca-west-1": ["calgary"], "sa-east-1": ["sao paulo", "são paulo", "brazil"],
  "eu-central-1": ["frankfurt"], "eu-central-2": ["zurich", "zürich"], "eu-west-1": ["ireland", "dublin"], "eu-west-2": ["london"], "eu-west-3": ["paris"],
  "eu-north-1": ["stockholm"], "eu-south-1": ["milan"], "eu-south-2": ["spain"], "me-south-1": ["bahrain"], "me-central-1": ["uae"], "af-south-1": ["cape town"],
  "ap-east-1": ["hong kong"], "ap-south-1": ["mumbai"], "ap-south-2": ["hyderabad"], "ap-northeast-1": ["tokyo"], "ap-northeast-2": ["seoul"], "ap-northeast-3": ["osaka"],
  "ap-southeast-1": ["singapore"], "ap-southeast-2": ["sydney"], "ap-southeast-3": ["jakarta"], "ap-southeast-4": ["melbourne"], "il-central-1": ["tel aviv"],
  "us-central1": ["iowa"], "us-east1": ["south carolina"], "us-east4": ["n virginia", "northern virginia", "virginia"], "us-west1": ["oregon"], "us-west2": ["los angeles"],
  "us-west3": ["salt lake city"], "us-west4": ["las vegas"], "northamerica-northeast1": ["montreal"], "northamerica-northeast2": ["toronto"], "southamerica-east1": ["sao paulo", "são paulo"],
  "europe-west1": ["belgium"], "europe-west2": ["london"], "europe-west3": ["frankfurt"], "europe-west4": ["netherlands"], "europe-west6": ["zurich", "zürich"],
  "europe-west8": ["milan"], "europe-west9": ["paris"], "europe-north1": ["finland"], "europe-central2": ["warsaw"], "asia-east1": ["taiwan"], "asia-east2": ["hong kong"],
  "asia-northeast1": ["tokyo"], "asia-northeast2": ["osaka"], "asia-northeast3": ["seoul"], "asia-south1": ["mumbai"], "asia-southeast1": ["singapore"],
  "asia-southeast2": ["jakarta"], "australia-southeast1": ["sydney"], "australia-southeast2": ["melbourne"],
  westeurope: ["netherlands", "amsterdam"], northeurope: ["ireland", "dublin"], uksouth: ["london"], germanywestcentral: ["frankfurt"], francecentral: ["paris"],
  eastus: ["virginia"], eastus2: ["virginia"], westus2: ["washington"], centralus: ["iowa"], japaneast: ["tokyo"], southeastasia: ["singapore"], australiaeast: ["new south wales", "sydney"],
};

/** Demonyms that do not begin with their country's name (regular ones are derived: "canadian" → Canada). */
export const IRREGULAR_DEMONYMS: Record<string, string> = {
  dutch: "NL", french: "FR", british: "GB", swiss: "CH", welsh: "GB", scottish: "GB", irish: "IE", greek: "GR", danish: "DK",
  swedish: "SE", finnish: "FI", polish: "PL", spanish: "ES", portuguese: "PT", norwegian: "NO", turkish: "TR", czech: "CZ",
  thai: "TH", filipino: "PH", icelandic: "IS", kiwi: "NZ", aussie: "AU", belgian: "BE", german: "DE", peruvian: "PE",
  english: "GB", american: "US", emirati: "AE", saudi: "SA", korean: "KR", vietnamese: "VN", chinese: "CN", japanese: "JP",
};

// ---- intents ---------------------------------------------------------------------------------

export type IntentKind = "cancel" | "start_over" | "back" | "test" | "dont_know" | "skip" | "use_default" | "agree" | "deny" | "chitchat" | "question" | "reference";

/**
 * Phrases that carry an intent, with how sure each makes it. A message (or a clause, for the
 * scoped ones) is that intent when its phrase covers most of its words; the score falls as
 * other content words appear. Longer phrases first where they overlap.
 */
export const INTENT_PHRASES: Record<IntentKind, Array<[string, number]>> = {
  cancel: [
    ["cancel", 1], ["cancel the setup", 1], ["cancel setup", 1], ["cancel this", 1], ["cancel it", 1], ["abort", 1], ["quit", 0.9], ["exit", 0.8],
    ["stop", 0.85], ["stop the setup", 1], ["stop this", 0.95], ["stop setup", 1], ["stop here", 0.9], ["forget it", 1], ["forget about it", 1],
    ["never mind", 0.85], ["nevermind", 0.85], ["call it a day", 1], ["call it quits", 1], ["give up", 0.9], ["i give up", 1], ["i'm done", 0.85],
    ["im done", 0.85], ["we're done", 0.8], ["drop it", 0.9], ["leave it for now", 0.8], ["not today", 0.8], ["end the setup", 1],
    ["end this", 0.9], ["abandon", 1], ["let's stop", 1], ["lets stop", 1], ["i want to cancel", 1], ["i want to stop", 1], ["i want to quit", 1],
    ["forget the whole thing", 1], ["scrap it", 1], ["scrap this", 1], ["kill it", 0.8], ["bail", 0.8], ["do it later", 0.8], ["another time", 0.8],
    ["not going to do this", 0.9], ["no longer needed", 0.8], ["don't want to continue", 1], ["dont want to continue", 1], ["stop the whole thing", 1],
    // The setup is not wanted after all, or is put off until someone is back.
    // ("we don't need this field" skips a field: only the future says the whole setup is off.)
    ["won't need this", 0.95], ["wont need this", 0.95], ["won't need it", 0.9], ["won't need this one", 0.95], ["no need for this", 0.9], ["not needed after all", 0.95], ["leave it here", 0.9], ["leave it there", 0.85],
    ["come back to this", 0.9], ["come back to it", 0.9], ["come back later", 0.9], ["pick this up later", 0.95], ["pick it up later", 0.95],
    ["continue later", 0.9], ["finish later", 0.9], ["finish this later", 0.95],
  ],
  start_over: [["start over", 1], ["start again", 1], ["start from scratch", 1], ["from scratch", 0.9], ["restart", 0.95], ["restart the setup", 1], ["begin again", 1], ["reset everything", 1], ["redo everything", 0.9], ["clear everything", 0.9]],
  back: [["back", 0.9], ["go back", 1], ["previous question", 1], ["previous field", 1], ["previous one", 0.9], ["previous step", 1], ["undo that", 0.9], ["undo", 0.8], ["back to the previous", 1], ["back up", 0.8]],
  test: [["test", 0.9], ["test it", 1], ["test now", 1], ["test again", 1], ["test the connection", 1], ["test connection", 1], ["run the test", 1], ["run a test", 1], ["check the connection", 1], ["check connection", 1], ["retest", 1], ["try again", 0.9], ["try it", 0.8], ["test and save", 1], ["ready", 0.8], ["i'm ready", 0.9], ["ready to test", 1], ["we're ready", 0.9]],
  dont_know: [
    ["don't know", 1], ["dont know", 1], ["do not know", 1], ["no idea", 1], ["not sure", 0.9], ["unsure", 0.9], ["idk", 1], ["dunno", 1], ["no clue", 1],
    ["haven't got a clue", 1], ["not a clue", 1], ["where do i find", 0.9], ["where can i find", 0.9], ["how do i find", 0.9], ["how can i find", 0.9],
    ["can't remember", 0.9], ["cant remember", 0.9], ["don't remember", 0.9], ["forgot", 0.8], ["no clue what", 0.9], ["i have no idea", 1],
    ["beats me", 0.9], ["not known", 0.8], ["don't have it", 0.7], ["need to check", 0.8], ["have to check", 0.8], ["let me check", 0.95],
    ["let me ask", 0.95], ["let me find", 0.95], ["let me look", 0.95], ["i'll check", 0.9], ["i will check", 0.9], ["hold on", 0.9], ["one moment", 0.9],
    ["give me a sec", 0.95], ["give me a second", 0.95], ["give me a minute", 0.95], ["need to ask", 0.9], ["i'll get back", 0.9], ["not now", 0.8],
  ],
  skip: [
    ["skip", 1], ["skip it", 1], ["skip this", 1], ["skip that", 1], ["skip for now", 1], ["pass", 0.8], ["next", 0.7], ["none", 0.9], ["n/a", 1], ["na", 0.6],
    ["no thanks", 0.9], ["leave it blank", 1], ["leave blank", 1], ["leave it empty", 1], ["leave it out", 0.9], ["not needed", 1], ["nothing", 0.85],
    ["not applicable", 1], ["no need", 0.9], ["there isn't one", 1], ["there is none", 1], ["there's none", 1], ["theres none", 1], ["there is no", 0.9],
    ["there's no", 0.9], ["we don't have one", 1], ["we don't use", 0.9], ["we dont use", 0.9], ["i don't use", 0.9], ["we don't need", 0.9],
    ["don't have one", 1], ["dont have one", 1], ["no password", 0.9], ["not required", 0.9], ["not set", 0.8], ["not used", 0.9], ["we have none", 1],
    ["haven't got one", 1], ["doesn't have one", 1], ["without one", 0.8], ["no one", 0.5], ["empty", 0.7], ["blank", 0.7], ["don't bother", 0.8],
    ["not using", 0.8], ["none of that", 0.8], ["no such thing", 1],
  ],
  use_default: [
    ["default", 0.9], ["defaults", 0.9], ["use the default", 1], ["use default", 1], ["the default", 0.9], ["default is fine", 1], ["default one", 1],
    ["keep the default", 1], ["whatever the default is", 1], ["whatever is standard", 1], ["keep whatever is standard", 1], ["the standard one", 0.9],
    ["standard", 0.6], ["the usual", 0.9], ["usual", 0.6], ["the normal one", 0.8], ["whatever you suggest", 0.9], ["whatever you recommend", 0.9],
    ["as suggested", 0.9], ["your suggestion", 0.8], ["leave it as is", 0.8], ["leave as default", 1], ["leave the default", 1], ["recommended", 0.7], ["the recommended one", 0.9],
    ["go with the default", 1], ["stick with the default", 1], ["default value", 1], ["press enter", 0.8],
  ],
  agree: [
    ["that's right", 1], ["thats right", 1], ["correct", 0.9], ["that's correct", 1], ["right", 0.7], ["exactly", 0.9], ["yes that's right", 1],
    ["sounds good", 0.9], ["looks good", 0.9], ["all good", 0.8], ["that works", 0.9], ["keep it", 0.9], ["keep that", 0.9], ["keep as is", 1],
    ["leave it", 0.7], ["no change", 0.9], ["unchanged", 0.9], ["yes", 0.7], ["yep", 0.7], ["yeah", 0.7], ["yup", 0.7], ["sure", 0.6], ["ok", 0.5],
    ["okay", 0.5], ["fine", 0.6], ["it is", 0.6], ["indeed", 0.8], ["affirmative", 0.9], ["confirmed", 0.9], ["that one", 0.6],
  ],
  deny: [["no", 0.8], ["nope", 0.9], ["nah", 0.9], ["not that", 0.9], ["wrong", 0.9], ["that's wrong", 1], ["incorrect", 1], ["no it isn't", 1], ["no it's not", 1], ["not right", 1]],
  chitchat: [
    ["hi", 0.9], ["hello", 0.9], ["hey", 0.9], ["hiya", 0.9], ["howdy", 0.9], ["yo", 0.7], ["good morning", 0.9], ["good afternoon", 0.9], ["good evening", 0.9],
    ["morning", 0.6], ["thanks", 0.9], ["thank you", 0.9], ["thx", 0.9], ["cheers", 0.8], ["cool", 0.7], ["great", 0.7], ["nice", 0.7], ["awesome", 0.7],
    ["ok", 0.6], ["okay", 0.6], ["alright", 0.6], ["sure", 0.5], ["can you help", 0.8], ["could you help", 0.8], ["help me", 0.6], ["how are you", 0.9],
  ],
  question: [
    ["what", 0.8], ["what's", 0.8], ["whats", 0.8], ["what is", 0.9], ["what are", 0.9], ["what does", 0.9], ["what do", 0.8], ["how", 0.6], ["how do", 0.7],
    ["why", 0.8], ["which", 0.6], ["explain", 0.9], ["can you explain", 1], ["could you explain", 1], ["tell me about", 0.9], ["tell me what", 0.9],
    ["could you tell me", 0.9], ["can you tell me", 0.9], ["meaning of", 0.9], ["what's the meaning", 1], ["define", 0.8], ["i don't understand", 0.9],
    ["what do you mean", 1], ["what does that mean", 1], ["mean", 0.5], ["means", 0.5], ["what for", 0.9], ["is it", 0.4], ["do i need", 0.7],
    ["should i", 0.6], ["do you need", 0.6], ["difference between", 0.9], ["what's the difference", 1],
  ],
  reference: [["as i said", 1], ["like i said", 1], ["as mentioned", 1], ["i told you", 0.9], ["i already said", 1], ["i already told you", 1], ["same as before", 0.9], ["as before", 0.8], ["what i said", 0.9], ["mentioned earlier", 1], ["said earlier", 1], ["said before", 1], ["see above", 0.9], ["above", 0.5]],
};

/** Words an intent's phrase may sit among without lowering its score ("please", "ok", "for now"). */
export const INTENT_FILLER = set(
  "please pls plz ok okay oh ah um uh hmm well so just now then actually really maybe let's lets i we you it this that the a an for me us here there thanks thank sorry again all right alright anyway anyways for now today bye goodbye ciao onwards onward",
);

/** Prepositions that open a phrase of place or direction ("lives in", "land into", "belongs to"). */
export const PREPOSITIONS = set("in on at to for with from under inside into by over behind");

/** Verbs of setting a value: after them "to" links a name to its value ("set the port to 5433"). */
export const SETTING_VERBS = set("set setting change changing switch update make put move bump raise lower increase decrease reduce cap limit default defaults rename point pin fix");

/** Setup talk: "set up", "connect", "hook up" (said with the connector's name, it is about the connector, not an answer). */
export const SETUP_WORDS = set("set setup configure connect connecting hook hooking add create pull sync syncing integrate link want need like help start begin use source destination connector integration data load loading send push move bring import export replicate ingest copy get land stream warehouse");

/** Ordinal words for options ("the second one"). */
export const ORDINAL_WORDS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "6th": 6, last: -1 };

/** Option words too plain to pick an option on their own ("the standard port"). */
export const PLAIN_OPTION_WORDS = set(
  "standard default custom other basic advanced manual automatic simple normal regular method option using use with based column value values changes change mode type none enabled disabled enable disable authentication auth authenticate via credentials credential access connection connect account",
);

/** Words that change course between options: "use the token instead", "switch to OAuth", "forget the key pair". */
export const OPTION_CHANGE = /\b(?:instead|rather|switch(?:ing)?\s+to|change\s+(?:it\s+)?to|forget|drop|scrap|go\s+with|let'?s\s+(?:do|use|go|try)|lets\s+(?:do|use|go|try))\b/i;

/** Words that measure a number said before them ("14 days", "500 rows"). */
/** Words that open a new clause inside a sentence: free text said in prose ends before them ("sync-id so they can spot us"). */
export const CLAUSE_OPENERS = set("so because cause cuz since instead which whereas although though unless otherwise but while please thanks thx");

export const UNIT_WORDS = /^(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|mins?|hrs?|secs?|ms|records?|rows?|items?|mb|gb|kb|percent)$/;
