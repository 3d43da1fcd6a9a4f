// Logins typed without a scheme, spans found back in the message as typed, readings kept inside
// the options chosen, and detours that never cross another field's name.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { FieldAsk } from "../protocol.ts";
import { REDACTED, screenUserText } from "../screen-secrets.ts";
import { understandOffline } from "./offline.ts";
import { screenOptionsFor } from "./screen-options.ts";
import { contextOf, definitionOf, setsOf } from "./testing/definition.ts";

const warehouse = definitionOf(
  "Quarry DB",
  {
    host: { type: "string", title: "Host" },
    port: { type: "integer", title: "Port" },
    username: { type: "string", title: "Username" },
    password: { type: "string", title: "Password", airbyte_secret: true },
    database: { type: "string", title: "Database" },
  },
  ["host", "username"],
);

const cluster = definitionOf(
  "Shardly",
  {
    database: { type: "string", title: "Database" },
    topology: {
      type: "object",
      title: "Topology",
      oneOf: [
        { title: "Single node", properties: { kind: { type: "string", const: "single" }, host: { type: "string", title: "Host" }, port: { type: "integer", title: "Port" } } },
        { title: "Cluster", properties: { kind: { type: "string", const: "cluster" }, members: { type: "string", title: "Member addresses", examples: ["node1:7000,node2:7000"] } } },
      ],
    },
    auth: {
      type: "object",
      title: "Auth",
      properties: { user: { type: "string", title: "User" }, password: { type: "string", title: "Password", airbyte_secret: true } },
    },
  },
  ["database", "topology"],
);

const hostAsk: FieldAsk = { path: "/host", kind: "field", title: "Host", type: "string", secret: false, required: true };
const passwordAskFor = (): FieldAsk => ({ ...hostAsk, path: "/password", title: "Password", secret: true });

describe("logins without a scheme", () => {
  it("cuts the password of user:password@host and user/password@//host, and reads the rest", () => {
    const password = `Kw-${randomBytes(4).toString("hex")}`;
    for (const login of [`etl:${password}@db7.quarry.lan:6000/ledger`, `etl/${password}@//db7.quarry.lan:6000/ledger`]) {
      const screened = screenUserText(`we connect as ${login} today`, hostAsk, screenOptionsFor(warehouse, {}, "/host"));
      expect(screened.secret).toEqual({ path: "/password", value: password });
      expect(screened.text).toBe(`we connect as ${login.replace(password, REDACTED)} today`);
      expect(setsOf(understandOffline(screened.text, contextOf(warehouse, "/host")))).toMatchObject({ "/host": "db7.quarry.lan", "/port": 6000, "/username": "etl", "/database": "ledger" });
    }
    // An address with a colon before an @ that names no host is no login.
    expect(screenUserText("ping ops:team@x or me@quarry.io", hostAsk).secret).toBeNull();
  });
});

describe("connection strings of key=value; pairs", () => {
  const sqlish = definitionOf(
    "Quarry Server",
    {
      host: { type: "string", title: "Host" },
      port: { type: "integer", title: "Port" },
      database: { type: "string", title: "Database" },
      username: { type: "string", title: "Username" },
      password: { type: "string", title: "Password", airbyte_secret: true },
      client_certificate: { type: "string", title: "Client certificate", airbyte_secret: true },
    },
    ["host"],
  );

  it("reads server, port, catalog and user, cuts the password, and takes no True as a secret", () => {
    const password = `Rk${randomBytes(5).toString("hex")}`;
    const text = `our app connects with Data Source=tcp:qs-eu.quarry.net,14330;Initial Catalog=ledger;User ID=etl_ro;Password=${password};Encrypt=True;TrustClientCertificate=True;`;
    const screened = screenUserText(text, hostAsk, screenOptionsFor(sqlish, {}, "/host"));
    expect(screened.secrets).toEqual([{ path: "/password", value: password }]);
    expect(setsOf(understandOffline(screened.text, contextOf(sqlish, "/host")))).toEqual({ "/host": "qs-eu.quarry.net", "/port": 14330, "/database": "ledger", "/username": "etl_ro" });
  });
});

describe("a pasted JSON config", () => {
  it("takes each key the spec has as written, lists of objects whole, and no inner key as another field's name", () => {
    const metrics = definitionOf("Metricly", {
      site: { type: "string", title: "Site" },
      page_size: { type: "integer", title: "Page size" },
      query: { type: "string", title: "Query" },
      queries: { type: "array", title: "Queries", items: { type: "object", properties: { name: { type: "string" }, query: { type: "string" } } } },
    });
    const text = 'our old config:\n{\n  "site": "eu.metricly.io",\n  "page_size": 500,\n  "queries": [{"name": "errs", "query": "sum(errors{svc:api})"}]\n}\nthat is all';
    expect(setsOf(understandOffline(text, contextOf(metrics, "/site")))).toEqual({
      "/site": "eu.metricly.io",
      "/page_size": 500,
      "/queries": [{ name: "errs", query: "sum(errors{svc:api})" }],
    });
  });
});

describe("secrets inside a pasted JSON config", () => {
  it("takes an object's plain fields and leaves its secret fields out, and takes no value that holds a cut secret", () => {
    const app = definitionOf("Apply", {
      region: { type: "string", title: "Region" },
      credentials: {
        type: "object",
        title: "Credentials",
        oneOf: [
          { title: "Token", properties: { auth_type: { type: "string", const: "token" }, user: { type: "string", title: "User" }, api_token: { type: "string", title: "API token", airbyte_secret: true } } },
          { title: "OAuth", properties: { auth_type: { type: "string", const: "oauth" } } },
        ],
      },
      tags: { type: "string", title: "Tags" },
    });
    const token = `tk${randomBytes(3).toString("hex")}`;
    const text = `{"region": "eu", "credentials": {"auth_type": "token", "user": "ops", "api_token": "${token}"}, "tags": "a [redacted secret] b"}`;
    const decisions = understandOffline(text, contextOf(app, "/region"));
    expect(setsOf(decisions)).toEqual({ "/region": "eu", "/credentials": { auth_type: "token", user: "ops" } });
    expect(JSON.stringify(decisions)).not.toContain(token);
  });
});

describe("spans found back in the message", () => {
  it("cuts exactly the named secret when number words before it were read as digits", () => {
    const password = `Zq${randomBytes(4).toString("hex")}`;
    const text = `we keep three replicas and twenty tables, password ${password} for now`;
    const screened = screenUserText(text, hostAsk, screenOptionsFor(warehouse, {}, "/host"));
    expect(screened.secret).toEqual({ path: "/password", value: password });
    expect(screened.text).toBe(`we keep three replicas and twenty tables, password ${REDACTED} for now`);
  });
});

describe("words about a secret", () => {
  it("takes no adverb or describing word after a secret's name as the secret, and finds the value after them", () => {
    const password = `Vb${randomBytes(4).toString("hex")}`;
    const options = screenOptionsFor(warehouse, {}, "/host");
    expect(screenUserText("I will send the password privately.", hostAsk, options).secret).toBeNull();
    const screened = screenUserText(`four tables. The password our admins share is ${password}`, hostAsk, options);
    expect(screened.secret).toEqual({ path: "/password", value: password });
    expect(screenUserText(`the password everybody uses is ${password}`, hostAsk, options).secret).toEqual({ path: "/password", value: password });
    // A name a negation reaches, or a word of place after it, gives no secret.
    expect(screenUserText("where is it? I can't find the password anywhere in the console", passwordAskFor(), screenOptionsFor(warehouse, {}, "/password")).secret).toBeNull();
    expect(screenUserText("we have no password yet", hostAsk, options).secret).toBeNull();
    // A verb after the name ("belongs to", "sits in") says where the secret is, not what.
    const passwordAsk: FieldAsk = { ...hostAsk, path: "/password", title: "Password", secret: true };
    const asked = screenOptionsFor(warehouse, {}, "/password");
    expect(screenUserText("sorry, the user is etl_ops, not me. the password belongs to that user", passwordAsk, asked).secret).toBeNull();
  });
});

describe("detours", () => {
  it("never runs a secret's name into another field's value", () => {
    const text = "we sign in with a user and password, the user is quarry_w.";
    const screened = screenUserText(text, hostAsk, screenOptionsFor(cluster, {}, null));
    expect(screened.secret).toBeNull();
    expect(setsOf(understandOffline(screened.text, contextOf(cluster, "/database")))).toMatchObject({ "/auth/user": "quarry_w" });
  });
});

describe("options chosen", () => {
  it("gives host:port addresses to the chosen option's field, not to another option's host and port", () => {
    const values = { database: "ledger", topology: { kind: "cluster" } };
    const answer = "node1.quarry.lan:7000,node2.quarry.lan:7000 please";
    expect(setsOf(understandOffline(answer, contextOf(cluster, "/topology/members", values)))).toEqual({ "/topology/members": "node1.quarry.lan:7000,node2.quarry.lan:7000" });
  });

  it("keeps no value of another option's field beside the option the same message chooses", () => {
    const decisions = understandOffline("database ledger, we run a cluster of node1.quarry.lan:7000 and node2.quarry.lan:7000", contextOf(cluster, "/database"));
    expect(decisions).toContainEqual({ kind: "choose", path: "/topology", optionIndex: 1 });
    expect(Object.keys(setsOf(decisions)).filter((path) => path.startsWith("/topology/"))).toEqual([]);
  });

  it("chooses the one option that has a field the message gives, and takes a quoted name as that field's value", () => {
    const vectors = definitionOf("Vectorly", {
      vectors: {
        type: "object",
        title: "Vectors",
        oneOf: [
          { title: "None", properties: { mode: { type: "string", const: "none" } } },
          { title: "Hosted model", properties: { mode: { type: "string", const: "hosted" }, model: { type: "string", title: "Model" }, size: { type: "integer", title: "Size" } } },
          { title: "Precomputed", properties: { mode: { type: "string", const: "column" }, column: { type: "string", title: "Column" }, size: { type: "integer", title: "Size" } } },
        ],
      },
    });
    const decisions = understandOffline('they are already in a column called "vectors", size 384', contextOf(vectors, "/vectors"));
    expect(decisions).toEqual(expect.arrayContaining([{ kind: "choose", path: "/vectors", optionIndex: 2 }, { kind: "set", path: "/vectors/column", value: "vectors" }, { kind: "set", path: "/vectors/size", value: 384 }]));
  });

  it("reads an address typed without its scheme for the URL field whose description shows such addresses, never as a secret", () => {
    const forms = definitionOf(
      "Formly",
      {
        api_key: { type: "string", title: "API Key", airbyte_secret: true },
        plan: {
          type: "object",
          title: "Plan",
          oneOf: [
            { title: "Standard", properties: { plan: { type: "string", const: "standard" } } },
            { title: "Enterprise", properties: { plan: { type: "string", const: "enterprise" }, enterprise_url: { type: "string", title: "Enterprise URL", description: "Your address, like your-domain.com/API" } } },
          ],
        },
      },
      ["api_key", "plan"],
    );
    const keyAsk: FieldAsk = { ...hostAsk, path: "/api_key", title: "API Key", secret: true };
    const text = "we are on the enterprise plan, our address is intake.northfield-care.org/API";
    expect(screenUserText(text, keyAsk, screenOptionsFor(forms, {}, "/api_key"))).toEqual({ text, secret: null, secrets: [] });
    const decisions = understandOffline(text, contextOf(forms, "/api_key"));
    expect(decisions).toEqual(expect.arrayContaining([{ kind: "choose", path: "/plan", optionIndex: 1 }, { kind: "set", path: "/plan/enterprise_url", value: "intake.northfield-care.org/API" }]));
  });

  it("takes no plain noun said before a field's name as its value", () => {
    const sets = setsOf(understandOffline("the last part is a database, by the way", contextOf(warehouse, "/host")));
    expect(sets["/database"]).toBeUndefined();
    expect(setsOf(understandOffline("ledger_v2 is the database", contextOf(warehouse, "/host")))).toMatchObject({ "/database": "ledger_v2" });
  });
});

describe("JDBC URLs", () => {
  const tera = definitionOf("Terly", {
    host: { type: "string", title: "Host" },
    port: { type: "integer", title: "Port" },
    database: { type: "string", title: "Database" },
    username: { type: "string", title: "Username" },
    password: { type: "string", title: "Password", airbyte_secret: true },
  }, ["host"]);

  it("reads a JDBC URL's host and the pairs in its path, cuts only its password, and screens none of the rest", () => {
    const password = `Jd${randomBytes(4).toString("hex")}!`;
    const text = `our tool uses jdbc:terly://dw7.quarry.net/DATABASE=LEDGER_DW,DBS_PORT=1026,USER=etl_ro,PASSWORD=${password}`;
    const screened = screenUserText(text, hostAsk, screenOptionsFor(tera, {}, "/host"));
    expect(screened.secrets).toEqual([{ path: "/password", value: password }]);
    expect(setsOf(understandOffline(screened.text, contextOf(tera, "/host")))).toEqual({ "/host": "dw7.quarry.net", "/database": "LEDGER_DW", "/port": 1026, "/username": "etl_ro" });
  });
});

describe("an optional setting of one value", () => {
  const digest = definitionOf("Dailypress", {
    api_key: { type: "string", title: "API Key", airbyte_secret: true },
    window: { type: "integer", title: "Window (days)", enum: [1, 7, 30] },
    shares_from: { type: "string", title: "Shares mode (used for the shared stream)", enum: ["mastodon"] },
    auth: {
      type: "object",
      title: "Auth",
      oneOf: [{ title: "Key", properties: { kind: { type: "string", enum: ["key"] } } }],
    },
  }, ["api_key"]);

  it("is turned on by naming its value; a one-value enum that tells options apart stays no field", () => {
    expect(setsOf(understandOffline("a 7 day window, and include the Mastodon shares too", contextOf(digest, "/api_key")))).toMatchObject({ "/window": 7, "/shares_from": "mastodon" });
    expect(setsOf(understandOffline("the key kind please", contextOf(digest, "/api_key")))["/auth/kind"]).toBeUndefined();
  });
});

describe("a sentence about a choice", () => {
  const tunnelOption = (title: string, method: string, extra: Record<string, unknown>) => ({
    title,
    properties: {
      tunnel_method: { type: "string", enum: [method] },
      ...(method === "NONE" ? {} : { tunnel_host: { type: "string", title: "SSH Tunnel Jump Server Host" }, tunnel_port: { type: "integer", title: "SSH Connection Port", default: 22 } }),
      ...extra,
    },
  });
  const db = definitionOf("Rowstore", {
    host: { type: "string", title: "Host" },
    port: { type: "integer", title: "Port", default: 3306 },
    password: { type: "string", title: "Password", airbyte_secret: true },
    tunnel_method: {
      type: "object",
      title: "SSH Tunnel Method",
      oneOf: [
        tunnelOption("No Tunnel", "NONE", {}),
        tunnelOption("SSH Key Authentication", "KEY", { ssh_key: { type: "string", title: "SSH Private Key", airbyte_secret: true } }),
        tunnelOption("Password Authentication", "PASSWORD", { tunnel_user_password: { type: "string", title: "Password", airbyte_secret: true } }),
      ],
    },
  }, ["host", "port", "password"]);

  it("gives a name the choice's options share with an outside field to the option's field, after the sentence names the choice", () => {
    const sets = setsOf(understandOffline("host 10.0.4.12, port 3306. We go through SSH with a password, port 2222, no sorry, 22022.", contextOf(db, "/host")));
    expect(sets).toMatchObject({ "/host": "10.0.4.12", "/port": 3306, "/tunnel_method/tunnel_port": 22022 });
    expect(setsOf(understandOffline("no SSH tunnel, port 3307", contextOf(db, "/host")))).toMatchObject({ "/port": 3307 });
    // A host right after the tunnel's name is the tunnel's, not the database's.
    expect(setsOf(understandOffline("we only reach it through our bastion jump.acme.io", contextOf(db, "/port")))).toEqual({ "/tunnel_method/tunnel_host": "jump.acme.io" });
  });
});

describe("secrets said to be used", () => {
  const warehouse = definitionOf("Snowcap", {
    host: { type: "string", title: "Host" },
    credentials: {
      type: "object",
      title: "Authorization Method",
      oneOf: [
        { title: "Key Pair Authentication", properties: { auth_type: { type: "string", const: "Key Pair Authentication" }, username: { type: "string", title: "Username" }, private_key: { type: "string", title: "Private Key", airbyte_secret: true }, private_key_password: { type: "string", title: "Passphrase", airbyte_secret: true } }, required: ["username", "private_key"] },
        { title: "Username and Password", properties: { auth_type: { type: "string", const: "username/password" }, username: { type: "string", title: "Username" }, password: { type: "string", title: "Password", airbyte_secret: true } }, required: ["username", "password"] },
      ],
    },
  }, ["host", "credentials"]);

  it("chooses the one option with a secret the person logs in with, and asks an optional secret they say they have", () => {
    const decisions = understandOffline("host snow.example.net, user SVC_ETL and we'll log in with a password", contextOf(warehouse, "/host"));
    expect(decisions).toContainEqual({ kind: "choose", path: "/credentials", optionIndex: 1 });
    const values = { credentials: { auth_type: "username/password", username: "SVC_ETL" } };
    const switched = understandOffline("let's use key pair auth instead. the key is encrypted, so there's a passphrase too", contextOf(warehouse, "/credentials/password", values));
    expect(switched).toEqual([{ kind: "choose", path: "/credentials", optionIndex: 0 }, { kind: "wanted", path: "/credentials/private_key_password" }]);
    expect(understandOffline("the key has no passphrase", contextOf(warehouse, "/credentials/private_key", { credentials: { auth_type: "Key Pair Authentication" } })).some((decision) => decision.kind === "wanted")).toBe(false);
  });
});

describe("options told by their descriptions", () => {
  const store = definitionOf("Rowstack", {
    host: { type: "string", title: "Host" },
    ssl_mode: {
      type: "object",
      title: "SSL modes",
      oneOf: [
        { title: "disable", description: "Do not use SSL/TLS", properties: { mode: { type: "string", const: "disable" } } },
        { title: "required", description: "Only use SSL/TLS for encryption. Do not perform certificate or hostname verification.", properties: { mode: { type: "string", const: "required" } } },
        { title: "Verify CA", description: "Use SSL/TLS for encryption and perform certificates verification, but do not perform hostname verification.", properties: { mode: { type: "string", const: "verify-ca" } } },
        { title: "Verify Full", description: "Use SSL/TLS for encryption, certificate verification, and hostname verification.", properties: { mode: { type: "string", const: "verify-full" } } },
      ],
    },
  }, ["host"]);

  it("picks the option whose description denies what the person denies, and none on words alone", () => {
    expect(understandOffline("ssl on but dont bother verifying the cert", contextOf(store, "/host"))).toContainEqual({ kind: "choose", path: "/ssl_mode", optionIndex: 1 });
    expect(understandOffline("ssl please, the usual", contextOf(store, "/host")).some((decision) => decision.kind === "choose")).toBe(false);
  });
});

describe("a URI's path", () => {
  const drop = definitionOf("Filedrop", {
    host: { type: "string", title: "Host Address" },
    port: { type: "integer", title: "Port", default: 22 },
    user: { type: "string", title: "User Name" },
    folder_path: { type: "string", title: "Folder Path", examples: ["/logs/2022"] },
  }, ["host", "user"]);

  it("is the folder where no database sits beside the host and one field takes a path", () => {
    expect(setsOf(understandOffline("drops land on sftp://deploy@files.example.com:2222/outbound/daily.", contextOf(drop, "/host")))).toEqual({ "/host": "files.example.com", "/port": 2222, "/user": "deploy", "/folder_path": "/outbound/daily" });
  });
});

describe("a login baked into a web address", () => {
  const search = definitionOf("Searchly", {
    endpoint: { type: "string", title: "Server Endpoint", description: "The full url of the server" },
    auth: {
      type: "object",
      title: "Authentication Method",
      oneOf: [
        { title: "None", properties: { method: { type: "string", const: "none" } } },
        { title: "Username/Password", properties: { method: { type: "string", const: "basic" }, username: { type: "string", title: "Username" }, password: { type: "string", title: "Password", airbyte_secret: true } } },
      ],
    },
  }, ["endpoint"]);

  it("stores the address without the login, gives the user to the username, and cuts the password", () => {
    const password = "Rv8kq2LmTz9wPx4n";
    const text = `our cluster URL with the login baked in is https://reader:${password}@search.example.net:9200`;
    const endpointAsk = { path: "/endpoint", kind: "field" as const, title: "Server Endpoint", type: "string", secret: false, required: true };
    const screened = screenUserText(text, endpointAsk, screenOptionsFor(search, {}, "/endpoint"));
    expect(screened.secrets).toEqual([{ path: "/auth/password", value: password }]);
    expect(setsOf(understandOffline(screened.text, contextOf(search, "/endpoint")))).toEqual({ "/endpoint": "https://search.example.net:9200", "/auth/username": "reader" });
  });
});

describe("a change of sign-in with nothing asked, the vendor's own site, a year said once", () => {
  const boards = definitionOf("Plankly", {
    credentials: {
      type: "object",
      title: "Sign-in",
      oneOf: [
        { type: "object", title: "OAuth2.0", required: ["auth_type", "access_token"], properties: { auth_type: { type: "string", const: "oauth2.0" }, subdomain: { type: "string", title: "Subdomain" }, access_token: { type: "string", title: "Access Token", airbyte_secret: true } } },
        { type: "object", title: "API Token", required: ["auth_type", "api_token"], properties: { auth_type: { type: "string", const: "api_token" }, api_token: { type: "string", title: "Personal API Token", airbyte_secret: true } } },
      ],
    },
    start_date: { type: "string", title: "Start date", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
    end_date: { type: "string", title: "End date", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
  });

  it("changes a chosen sign-in option when the person says so while nothing is asked (a popup is open)", () => {
    const values = { credentials: { auth_type: "oauth2.0" } };
    expect(understandOffline("scrap that, the API token instead please", contextOf(boards, null, values))).toEqual([{ kind: "choose", path: "/credentials", optionIndex: 1 }]);
    // (Without a word of change, naming the chosen option's neighbour is no switch.)
    expect(understandOffline("what is an API token?", contextOf(boards, null, values)).some((decision) => decision.kind === "choose")).toBe(false);
  });

  it("reads the vendor's own site as the connector, not a subdomain", () => {
    expect(setsOf(understandOffline("let's connect plankly.com with oauth", contextOf(boards)))["/credentials/subdomain"]).toBeUndefined();
  });

  it("gives a date said without its year the year said before it", () => {
    expect(setsOf(understandOffline("we want 1 March 2023 onwards, well, from the fifth of March really", contextOf(boards)))).toMatchObject({ "/start_date": "2023-03-05" });
  });
});

describe("pasted logins and keys, units later in a sentence, asking to change course", () => {
  const drop = definitionOf("Filedrop", {
    host: { type: "string", title: "Host" },
    port: { type: "integer", title: "Port" },
    username: { type: "string", title: "User" },
    password: { type: "string", title: "Password", airbyte_secret: true },
    target_path: { type: "string", title: "Target path", examples: ["/data"] },
    filedrop_namespace: { type: "string", title: "Namespace" },
    sweep_days: { type: "integer", title: "Sweep step (in days)" },
    hold_days: { type: "integer", title: "Hold window (in days)" },
  });

  it("reads a folder from a link whose password was cut ('sftp://u:[redacted secret]@h:22/out/daily')", () => {
    expect(setsOf(understandOffline(`drop it at sftp://loader:${REDACTED}@drop.acme.io:2022/out/daily please`, contextOf(drop, "/host")))).toEqual({ "/host": "drop.acme.io", "/port": 2022, "/username": "loader", "/target_path": "/out/daily" });
  });

  it("reads a short pasted key as the one field key word it abbreviates ('FILEDROP_NS')", () => {
    expect(setsOf(understandOffline("FILEDROP_HOST=drop.acme.io\nFILEDROP_NS=finance", contextOf(drop)))).toEqual({ "/host": "drop.acme.io", "/filedrop_namespace": "finance" });
  });

  it("takes a number said with the field's unit later in the sentence that names it", () => {
    expect(setsOf(understandOffline("the sweep steps keep failing on big ranges, so use five days at a time", contextOf(drop)))).toEqual({ "/sweep_days": 5 });
  });
});

describe("asking to change course", () => {
  const mail = definitionOf("Postly", {
    credentials: {
      type: "object",
      title: "Authentication",
      oneOf: [
        { type: "object", title: "OAuth2.0", required: ["auth_type", "access_token"], properties: { auth_type: { type: "string", const: "oauth2.0" }, access_token: { type: "string", title: "Access Token", airbyte_secret: true } } },
        { type: "object", title: "API Key", required: ["auth_type", "apikey"], properties: { auth_type: { type: "string", const: "apikey" }, apikey: { type: "string", title: "API Key", airbyte_secret: true } } },
      ],
    },
  });

  it("hears 'can I sign in with OAuth instead?' while a key is asked as a request to switch, not a question", () => {
    const values = { credentials: { auth_type: "apikey" } };
    expect(understandOffline("hmm, no admin rights for keys. can I just use OAuth instead?", contextOf(mail, "/credentials/apikey", values))).toEqual([{ kind: "choose", path: "/credentials", optionIndex: 0 }]);
  });

  it("reads a plain word running on after a secret's name as prose, not a secret typed in chat", () => {
    const decisions = understandOffline("the api key is only visible to our admin, sadly", contextOf(mail, "/credentials/apikey", { credentials: { auth_type: "apikey" } }));
    expect(decisions.some((decision) => decision.kind === "secret_in_chat")).toBe(false);
  });
});

describe("a field one option fixes and another asks", () => {
  const desk = definitionOf("Helpdeskly", {
    plan: {
      type: "object",
      title: "Rate Limit Plan",
      oneOf: [
        { type: "object", title: "Free Plan", properties: { plan_type: { type: "string", const: "free" }, tickets_rate: { type: "integer", title: "Tickets Rate", const: 40 } } },
        { type: "object", title: "Custom Plan", properties: { plan_type: { type: "string", const: "custom" }, tickets_rate: { type: "integer", title: "Tickets Rate" } } },
      ],
    },
  });

  it("reads a number for the field under the option that asks it, not the other's fixed value", () => {
    expect(setsOf(understandOffline("custom plan, tickets rate 120", contextOf(desk)))).toEqual({ "/plan/tickets_rate": 120 });
  });
});

describe("an option turned down, a switch's head word", () => {
  const talk = definitionOf("Callbase", {
    credentials: {
      type: "object",
      title: "Authentication",
      oneOf: [
        { type: "object", title: "OAuth2.0", required: ["auth_type", "access_token"], properties: { auth_type: { type: "string", const: "oauth2.0" }, access_token: { type: "string", title: "Access Token", airbyte_secret: true } } },
        { type: "object", title: "API Token", required: ["auth_type", "email", "api_token"], properties: { auth_type: { type: "string", const: "api_token" }, email: { type: "string", title: "Email" }, api_token: { type: "string", title: "API Token", airbyte_secret: true } } },
        { type: "object", title: "Basic", required: ["auth_type", "username"], properties: { auth_type: { type: "string", const: "basic" }, username: { type: "string", title: "Username" } } },
      ],
    },
    include_custom_domain: { type: "boolean", title: "Include Custom Domain" },
    token_url: { type: "string", title: "Token URL" },
  });

  it("takes no word for an option the same message turns down ('log in with my email … no OAuth')", () => {
    const decisions = understandOffline("I'll log in with my email and a key from the admin page, no OAuth", contextOf(talk));
    expect(decisions.some((decision) => decision.kind === "choose" && decision.optionIndex === 0)).toBe(false);
  });

  it("names no switch by a synonym of its key's last word ('data center' is no custom domain)", () => {
    expect(setsOf(understandOffline("we are on the EU data center, token url https://auth.acme.eu/token", contextOf(talk)))).toEqual({ "/token_url": "https://auth.acme.eu/token" });
  });
});

describe("a connection string whole, and a name qualified by another field's word", () => {
  const docs = definitionOf("Docstore", {
    connection_string: { type: "string", title: "Connection String" },
    username: { type: "string", title: "Username" },
    password: { type: "string", title: "Password", airbyte_secret: true },
    auth_source: { type: "string", title: "Authentication Source", default: "admin" },
    databases: { type: "array", title: "Database Names", items: { type: "string" } },
  });

  it("stores a connection string without its login and gives the user to the username field", () => {
    expect(setsOf(understandOffline(`the string is docdb://loader:${REDACTED}@cluster7.docs.example/`, contextOf(docs)))).toEqual({ "/connection_string": "docdb://cluster7.docs.example/", "/username": "loader" });
  });

  it("reads 'the auth database' as the field whose title 'auth' begins, not the databases", () => {
    expect(setsOf(understandOffline("the auth database is admin, and we want the sales and hr databases", contextOf(docs)))).toEqual({ "/auth_source": "admin", "/databases": ["sales", "hr"] });
  });
});
