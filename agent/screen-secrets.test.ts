import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { REDACTED, screenUserText } from "./screen-secrets.ts";
import type { FieldAsk } from "./protocol.ts";

/** The result without the list of every secret (the single-secret cases below check `secret`). */
function screen(...args: Parameters<typeof screenUserText>) {
  const { secrets: _secrets, ...rest } = screenUserText(...args);
  return rest;
}

const canary = () => randomBytes(16).toString("hex");

const passwordAsk: FieldAsk = { path: "/password", kind: "field", title: "Password", type: "string", secret: true, required: true };
const hostAsk: FieldAsk = { path: "/host", kind: "field", title: "Host", type: "string", secret: false, required: true };

describe("screenUserText", () => {
  it("cuts a typed password of four kinds of character, shorter than a token, out of a login pair", () => {
    const password = `Tq4!${randomBytes(6).toString("hex").slice(0, 6)}Zk9&`;
    const result = screenUserText(`sign in as ops@example.org / ${password} please`, hostAsk);
    expect(result.text).not.toContain(password);
    expect(result.secret?.value).toBe(password);
    // Repeated characters lower its letter entropy, not its mix of kinds.
    expect(screenUserText("sign in as ops@example.org / Tq4!ffea4eZk9& please", hostAsk).secret?.value).toBe("Tq4!ffea4eZk9&");
    expect(screenUserText("the table is Customer_Orders-2024!", hostAsk).text).toContain("Customer_Orders-2024!");
    expect(screenUserText("the replica is Prod_DB.replica-02", hostAsk).text).toContain("Prod_DB.replica-02");
    // A GUID in braces is an id.
    expect(screenUserText("tpl_key: {B7E3F2A1-5C8D-4E6F-9A0B-1C2D3E4F5A6B}", hostAsk).text).toContain("{B7E3F2A1-5C8D-4E6F-9A0B-1C2D3E4F5A6B}");
    // A letter before long words is a name too: a subreddit.
    expect(screenUserText("posts from r/MechanicalKeyboards and r/buildapc", hostAsk).text).toContain("r/MechanicalKeyboards");
    // (A random word after a letter and a slash is still random.)
    expect(screenUserText("posts from x/Qm7vR2pXk9Lw4Tz8Bn3Jc5", hostAsk).text).not.toContain("Qm7vR2pXk9Lw4Tz8Bn3Jc5");
    // An address typed without its scheme, a path after the host, is where something is.
    expect(screenUserText("it's reports.north-clinic-group.org/API", hostAsk).text).toContain("reports.north-clinic-group.org/API");
    expect(screenUserText("and CorrectHorseBatteryStaple1 is the password", hostAsk).text).not.toContain("CorrectHorse");
    // Shorter, or without one of the four kinds, it is an ordinary value.
    expect(screenUserText("the site is Shop-2024!", hostAsk).text).toContain("Shop-2024!");
    expect(screenUserText("region EU-West-3a_b", hostAsk).text).toContain("EU-West-3a_b");
  });

  it.each([
    ["ghp_", () => `ghp_${randomBytes(18).toString("base64url").replace(/[-_]/g, "a")}`],
    ["github_pat_", () => `github_pat_11ABC${randomBytes(20).toString("hex")}`],
    ["sk-", () => `sk-proj-${randomBytes(20).toString("base64url")}`],
    ["xoxb-", () => `xoxb-1234-5678-${randomBytes(8).toString("hex")}`],
    ["AKIA", () => `AKIA${randomBytes(8).toString("hex").toUpperCase()}`],
    ["JWT", () => `eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${randomBytes(16).toString("base64url")}`],
    ["PEM", () => `-----BEGIN RSA PRIVATE KEY-----\nMIIE${randomBytes(30).toString("base64")}\n-----END RSA PRIVATE KEY-----`],
    ["random", () => `Zx9${randomBytes(24).toString("base64")}`],
    ["Stripe sk_live_", () => `sk_live_${randomBytes(18).toString("hex")}`],
    ["Stripe sk_test_", () => `sk_test_${randomBytes(18).toString("hex")}`],
    ["Stripe rk_live_", () => `rk_live_${randomBytes(18).toString("hex")}`],
    ["Slack xoxp-", () => `xoxp-${randomBytes(10).toString("hex")}`],
    ["Slack webhook", () => `https://hooks.slack.com/services/T0001/B0002/${randomBytes(12).toString("hex")}`],
    ["GitHub gho_", () => `gho_${randomBytes(18).toString("hex")}`],
    ["Google AIza", () => `AIza${randomBytes(24).toString("base64url")}`],
    ["Google ya29.", () => `ya29.${randomBytes(24).toString("base64url")}`],
    ["OpenSSH PEM", () => `-----BEGIN OPENSSH PRIVATE KEY-----\nb3Bl${randomBytes(30).toString("base64")}\n-----END OPENSSH PRIVATE KEY-----`],
  ])("cuts a %s token out of a normal message", (_name, make) => {
    const token = make();
    const result = screenUserText(`here you go: ${token} thanks`, hostAsk);
    expect(result.secret).toEqual({ path: null, value: token });
    expect(result.text).not.toContain(token);
    expect(result.text).toContain(REDACTED);
    expect(result.text).toContain("here you go");
  });

  it("takes any text as the asked secret field's value", () => {
    const value = canary();
    expect(screen(`  ${value} `, passwordAsk)).toEqual({ text: REDACTED, secret: { path: "/password", value } });
    expect(screen("hunter2", passwordAsk).secret).toEqual({ path: "/password", value: "hunter2" });
    expect(screen("correct horse battery staple", passwordAsk).secret?.value).toBe("correct horse battery staple");
  });

  it.each(["skip", "cancel", "I don't know", "ready", "go back", "what is this password for?", "let me check with our admin first"])(
    "lets the person steer while a secret is asked: %j",
    (text) => {
      expect(screen(text, passwordAsk)).toEqual({ text, secret: null });
    },
  );

  it("takes a random-looking id as the answer when an id field is asked, but still catches token shapes", () => {
    const clientIdAsk: FieldAsk = { ...hostAsk, path: "/credentials/client_id", title: "Client ID" };
    const id = `Zx9${randomBytes(24).toString("base64url")}`;
    expect(screen(id, clientIdAsk)).toEqual({ text: id, secret: null });
    expect(screen(id, hostAsk).secret).toEqual({ path: null, value: id });
    const token = `ghp_${randomBytes(18).toString("hex")}`;
    expect(screen(token, clientIdAsk).secret).toEqual({ path: null, value: token });
  });

  it("catches a weak password announced by name", () => {
    const result = screenUserText("user reader, password is hunter22", hostAsk);
    expect(result.secret?.value).toBe("hunter22");
    expect(result.text).toBe(`user reader, password is ${REDACTED}`);
  });

  it.each([
    "db.internal",
    "5432",
    "public,sales",
    "host db.internal port 5433, database shop, user reader",
    "it's analytics-replica-01.eu-west-1.rds.amazonaws.com",
    "use https://api.example.com/v2/endpoints please",
    "my email is jane.doe@example-corporation.com",
    "the id is 123e4567-e89b-12d3-a456-426614174000",
    "since 2023-01-01T00:00:00Z",
    "what is a replication slot?",
    "I don't know",
    "replication_slot_name_for_airbyte",
    "use the default",
    "verify-full",
  ])("leaves an ordinary answer alone: %s", (text) => {
    expect(screen(text, hostAsk)).toEqual({ text, secret: null });
  });

  it("catches known shapes and a named random value even while an id field is asked", () => {
    const accountAsk: FieldAsk = { ...hostAsk, path: "/account_id", title: "Account ID" };
    const id = `acct_${randomBytes(8).toString("base64url").replace(/[-_]/g, "Q")}`;
    const stripe = `sk_live_${randomBytes(16).toString("base64url").replace(/[-_]/g, "Z")}`;
    const shaped = screenUserText(`Connect Stripe account ${id}, the key is ${stripe}`, accountAsk);
    expect(shaped.secret).toEqual({ path: null, value: stripe });
    expect(shaped.text).toBe(`Connect Stripe account ${id}, the key is ${REDACTED}`);
    const random = `Q7${randomBytes(20).toString("base64url")}x9`;
    const named = screenUserText(`account ${id} and the key is ${random}`, accountAsk);
    expect(named.secret).toEqual({ path: null, value: random });
    expect(named.text).toBe(`account ${id} and the key is ${REDACTED}`);
  });

  it.each(["pk_live_51HqLyjWDarjtT1zdp7dcAbc", "the primary key is customer_id", "token refresh interval 30"])(
    "leaves a publishable key or ordinary words alone: %s",
    (text) => {
      expect(screen(text, { ...hostAsk, path: "/publishable_key" })).toEqual({ text, secret: null });
    },
  );

  it("cuts out every secret of a long message, not only the first few", () => {
    const many = Array.from({ length: 25 }, () => `ghp_${randomBytes(18).toString("hex")}`);
    const result = screenUserText(`keys: ${many.join(" ")}`, null);
    for (const token of many) expect(result.text).not.toContain(token);
    expect(result.secret?.value).toBe(many[0]);
  });

  it.each(["Set up Airtable", "connect our Stripe account", "I want to add Postgres", "hi there"])(
    "a request to the assistant while a secret is asked is chat, not the secret: %j",
    (text) => {
      expect(screen(text, passwordAsk)).toEqual({ text, secret: null });
    },
  );

  it("in a sentence while a secret is asked, only the credential is the secret", () => {
    const token = `ghp_${randomBytes(18).toString("hex")}`;
    const shaped = screen(`sure, it's ${token}`, passwordAsk);
    expect(shaped).toEqual({ text: `sure, it's ${REDACTED}`, secret: { path: "/password", value: token } });
    expect(screen("the password is hunter22", passwordAsk).secret).toEqual({ path: "/password", value: "hunter22" });
  });

  it("leaves a URL with a user but no password alone, and still cuts one with user:password@", () => {
    for (const url of ["postgres://audit4@127.0.0.1:5432/test", "mysql://reader@db.internal/shop"]) {
      expect(screen(url, hostAsk)).toEqual({ text: url, secret: null });
      expect(screen(`use ${url} please`, hostAsk)).toEqual({ text: `use ${url} please`, secret: null });
    }
    const password = canary();
    const withPassword = `postgres://audit4:${password}@127.0.0.1:5432/test`;
    const screened = screenUserText(withPassword, hostAsk);
    // Only the password is the secret: the rest of the URI (user, host, database) stays readable.
    expect(screened.secret?.value).toBe(password);
    expect(screened.text).toBe(`postgres://audit4:${REDACTED}@127.0.0.1:5432/test`);
  });

  it("takes the word after a strongly secret field name, without 'is' or a few words away from it", () => {
    const secretFields = [
      { path: "/password", names: ["password", "pw"] },
      { path: "/api_key", names: ["api key", "key"] },
    ];
    expect(screen("host db1.internal, password hunter", hostAsk, { secretFields })).toEqual({
      text: `host db1.internal, password ${REDACTED}`,
      secret: { path: "/password", value: "hunter" },
    });
    expect(screen("the pw for user bob is Summer2024", hostAsk, { secretFields }).secret).toEqual({ path: "/password", value: "Summer2024" });
    expect(screen("api key abcdefgh", hostAsk, { secretFields }).secret).toEqual({ path: "/api_key", value: "abcdefgh" });
    // "key" alone is too common a word for the loose reading.
    expect(screen("key please and then the host", hostAsk, { secretFields }).secret).toBeNull();
    expect(screen("the key for prod is abcdefgh", hostAsk, { secretFields }).secret).toBeNull();
    for (const text of ["password please", "password needed", "password required", "password is", "password for"]) {
      expect(screen(text, hostAsk, { secretFields })).toEqual({ text, secret: null });
    }
  });

  it("catches an AWS secret access key named by its variable while an id field is asked", () => {
    const accessKeyAsk: FieldAsk = { ...hostAsk, path: "/access_key_id", title: "Access key id" };
    const secret = `wJa${randomBytes(28).toString("base64").replace(/=+$/, "").slice(0, 37)}`;
    const result = screenUserText(`AKIA then aws_secret_access_key=${secret}`, accessKeyAsk);
    expect(result.secret).toEqual({ path: null, value: secret });
    expect(result.text).not.toContain(secret);
  });
});

describe("addresses are no secrets", () => {
  it("leaves host:port addresses whose labels look random in the message ('mongo-a.internal:27017')", () => {
    const text = "replica set members: mongo-a.internal:27017,mongo-b.internal:27017 and db-7q.corp.example:5432";
    expect(screenUserText(text, null)).toEqual({ text, secret: null, secrets: [] });
    // (A password after a user's name and a colon is still one.)
    expect(screenUserText("login admin:Tq4!ffea4eZk9&x", null).text).not.toContain("Tq4!ffea4eZk9&x");
  });
});

describe("words about a secret", () => {
  it.each(["the password is required", "my password is not set", "the api key is missing", "password: needed"])("are not the secret: %j", (text) => {
    expect(screen(text, { path: "/host", kind: "field", title: "Host", type: "string", secret: false, required: true }).secret).toBeNull();
  });
});

describe("while a secret is asked", () => {
  const keyAsk: FieldAsk = { path: "/api_key", kind: "field", title: "API Key", type: "string", secret: true, required: true };
  it.each([
    "Setting up Klaviyo. Could you set the lookbak to 30 days? Also turn on predictive analytics.",
    "before we go on, what does this key do",
    "what?",
    "hmm",
  ])("hears sentences, questions and interjections as chat: %j", (text) => {
    expect(screen(text, keyAsk).secret).toBeNull();
  });

  it("takes the word after a lead-in as the secret, not the lead-in", () => {
    expect(screen("try MyAud1t_pw9z", keyAsk)).toEqual({ text: `try ${REDACTED}`, secret: { path: "/api_key", value: "MyAud1t_pw9z" } });
    expect(screen("password's Rk4vQz8mWp2xT7n", keyAsk).secret?.value).toBe("Rk4vQz8mWp2xT7n");
    expect(screen("correct horse battery staple", keyAsk).secret?.value).toBe("correct horse battery staple");
  });
});

describe("public identifiers", () => {
  it("leaves an AWS role ARN in the open, though it looks random", () => {
    const arn = "arn:aws:iam::729104563318:role/loader-prod";
    expect(screenUserText(`we assume ${arn} for access`, hostAsk).secrets).toEqual([]);
  });
});

describe("words after a credential's name that are no credential", () => {
  it.each(["the access token (not OAuth) comes later", "password: I'll paste it in the box", "api_key:\n  embeddings:\n    model: small"])("%j keeps nothing", (text) => {
    expect(screenUserText(text, hostAsk).secrets).toEqual([]);
  });

  it("hears 'I'll type it in the secure box' while a secret is asked as chat", () => {
    expect(screen("I'll type it in the secure box", passwordAsk)).toEqual({ text: "I'll type it in the secure box", secret: null });
  });

  it("keeps each item of a plain comma list plain, however random its hosts look", () => {
    const servers = "b-1.q7x9kz2m.c4.example-kafka.net:9096,b-2.q7x9kz2m.c4.example-kafka.net:9096";
    const text = `bootstrap.servers=${servers}`;
    const result = screenUserText(text, hostAsk, { plainValues: () => [servers] });
    expect(result.text).toBe(text);
    // Without the understander's reading too: a host name with its port is an address, as the
    // host name alone always was. (A random word with a port is still held back.)
    expect(screenUserText(text, hostAsk).text).toBe(text);
    expect(screenUserText("bootstrap.servers=Zq7xK9mW2pL4vR8t:9096", hostAsk).text).not.toContain("Zq7xK9mW2pL4vR8t");
  });

  it("keeps a pasted line's value whole, a closing '!' included, and cuts a sentence's own mark", () => {
    const options = { secretKeyPath: (key: string) => (/password/i.test(key) ? "/password" : null) };
    const pasted = screenUserText("APP_HOST=db.lan\nAPP_PASSWORD=Zt5-pw!\nAPP_USER=ops", hostAsk, options);
    expect(pasted.secrets).toEqual([{ path: "/password", value: "Zt5-pw!" }]);
    const said = screenUserText("APP_PASSWORD=Qq8-pw-77. and the host is db.lan", hostAsk, options);
    expect(said.secrets).toEqual([{ path: "/password", value: "Qq8-pw-77" }]);
  });

  it("takes no secret from a pasted line whose value is left out with an arrow or dots", () => {
    const options = { secretKeyPath: (key: string) => (/password/i.test(key) ? "/password" : null) };
    for (const left of ["APP_HOST=db.lan\nAPP_PASSWORD=   <- in the vault, will type it\n", "APP_HOST=db.lan\nAPP_PASSWORD=...\n"]) {
      expect(screenUserText(left, hostAsk, options).secrets).toEqual([]);
    }
  });
});

