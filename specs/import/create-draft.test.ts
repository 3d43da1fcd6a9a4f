// Drafts of real descriptions (../shared/openapi), checked against what each one's INDEX.md row
// says it declares: entity names, auth types and places, pagination styles, record paths.
import { describe, expect, it } from "vitest";
import { prepareManifest } from "../declarative/manifest-cache.ts";
import { servicesRequired } from "../testing/service-gate.ts";
import { buildManifest, createDraft, publishedDefinition, type ImportDraft } from "./index.ts";
import { oauthEndpoints, oauthManagedPaths, parseAdvancedAuth } from "../advanced-auth.ts";
import { openapiPresent, readDescription } from "./testing/description-apis.ts";

if (!openapiPresent) {
  if (servicesRequired()) throw new Error("../shared/openapi is absent, and ONRAMP_REQUIRE_SERVICES=1 forbids skipping");
  console.warn("[skip] ../shared/openapi is absent: draft tests on real descriptions are skipped");
}

interface Expectation {
  format: ImportDraft["format"];
  /** Auth as kind(place:name), in order; [] for none. */
  auth: string[];
  /** Entities that must be found, with record path and pagination kind. */
  entities: Record<string, { recordPath?: string[]; pagination?: string; primaryKey?: string[]; parent?: string }>;
  /** Config fields besides credentials. */
  fields?: string[];
  /** No entity at all (a negative case). */
  none?: boolean;
}

const auth = (draft: ImportDraft) =>
  draft.auth.map((guess) => `${guess.kind}${guess.inject ? `(${guess.inject.in}:${guess.inject.name})` : ""}${guess.oauth && guess.kind === "oauth2" ? `(${guess.oauth.flow})` : ""}`);

// One row per document, from INDEX.md's columns (security schemes, pagination observed, notes).
const EXPECTED: Record<string, Expectation> = {
  "adyen-transfers-v4.postman_collection.json": { format: "postman-2.1", auth: ["api_key(header:X-API-Key)"], entities: { transactions: { recordPath: ["data"] }, grants: {}, transfers: {} } },
  "artic-art-institute-chicago.yaml": { format: "swagger-2.0", auth: [], entities: { artworks: { recordPath: [], pagination: "none" }, agents: { recordPath: [] } } },
  "azure-devops-core-7.1.json": { format: "swagger-2.0", auth: ["basic", "oauth2(authorizationCode)"], entities: { projects: { pagination: "offset" } }, fields: ["base_url", "organization", "api_version"] },
  "bumpsh-train-travel.yaml": { format: "openapi-3.1", auth: ["oauth2(authorizationCode)"], entities: { stations: { recordPath: ["data"], pagination: "next_url" }, trips: { pagination: "next_url" }, bookings: {} } },
  "commercetools-connect.postman_collection.json": { format: "postman-2.0", auth: ["bearer"], entities: { deployments: { pagination: "offset" } } },
  "discourse-api.yaml": { format: "openapi-3.1", auth: ["api_key(query:token)", "api_key(header:Api-Key)"], entities: { groups: { recordPath: ["groups"] } } },
  "dlthub-platform.yaml": { format: "openapi-3.1", auth: ["bearer"], entities: { organizations: { recordPath: [] }, pipelines: { recordPath: ["items"], pagination: "page", parent: "workspaces" }, workspaces: { parent: "organizations" } } },
  "front-channel-api.postman_collection.json": { format: "postman-2.1", auth: ["bearer"], entities: {}, none: true },
  "front-core-api.json": { format: "openapi-3.0", auth: ["bearer"], entities: { accounts: { recordPath: ["_results"], pagination: "next_url" } } },
  "gotify-server.json": { format: "swagger-2.0", auth: ["api_key(header:Authorization)", "api_key(header:X-Gotify-Key)", "api_key(query:token)", "basic"], entities: { message: { recordPath: ["messages"], pagination: "next_url" } } },
  "harbor-v2.yaml": { format: "swagger-2.0", auth: ["basic"], entities: { projects: { recordPath: [], pagination: "link_header", primaryKey: ["project_id"] }, projects_repositories: { parent: "projects" } } },
  "hubspot-crm-contacts-v3.json": { format: "openapi-3.0", auth: ["oauth2(authorizationCode)", "api_key(query:hapikey)", "api_key(header:private-app)", "api_key(header:private-app-legacy)"], entities: { contacts: { recordPath: ["results"], pagination: "cursor" } } },
  "listmonk-api.yaml": { format: "openapi-3.0", auth: [], entities: { subscribers: { recordPath: ["data", "results"], pagination: "page" } } },
  "marvel-comics.yaml": { format: "openapi-3.0", auth: [], entities: { characters: { recordPath: ["data", "results"], pagination: "offset" } } },
  "oai-petstore-swagger2.json": { format: "swagger-2.0", auth: [], entities: { pets: { recordPath: [], pagination: "header_token" } } },
  "oai-uber-swagger2.yaml": { format: "swagger-2.0", auth: ["api_key(query:server_token)"], entities: { history: { recordPath: ["history"], pagination: "offset" }, products: {} } },
  "oai-uspto.yaml": { format: "openapi-3.0", auth: [], entities: { apis: { recordPath: ["apis"] } } },
  "openai-api-2024-04.yaml": { format: "openapi-3.0", auth: ["bearer"], entities: { assistants: { recordPath: ["data"], pagination: "cursor" }, files: { pagination: "none" } } },
  "outline-api.yaml": { format: "openapi-3.0", auth: ["bearer", "oauth2(authorizationCode)"], entities: {}, none: true },
  "paypal-catalogs-products-v1.json": { format: "openapi-3.0", auth: ["oauth2(clientCredentials)"], entities: { products: { recordPath: ["products"], pagination: "page" } } },
  "pokeapi-v2.yaml": { format: "openapi-3.0", auth: [], entities: { ability: { recordPath: ["results"], pagination: "next_url" } } },
  "readmeio-security-showcase-3.1.yaml": {
    format: "openapi-3.1",
    auth: ["api_key(query:apiKey)", "api_key(header:X-API-KEY)", "api_key(cookie:api_key)", "basic", "bearer", "oauth2(authorizationCode)", "oauth2(clientCredentials)", "oauth2(clientCredentials)"],
    entities: {},
  },
  "swaggerapi-petstore3.yaml": { format: "openapi-3.0", auth: ["bearer", "api_key(header:api_key)"], entities: {} },
  "twilio-events-v1.json": { format: "openapi-3.0", auth: ["basic"], entities: { types: { pagination: "next_url" } } },
  "vonage-audit.yaml": { format: "openapi-3.0", auth: ["basic"], entities: { events: { recordPath: ["_embedded", "events"], pagination: "next_url" } } },
  "vonage-numbers.yaml": { format: "openapi-3.0", auth: ["api_key(query:api_key)"], entities: { numbers: { recordPath: ["numbers"], pagination: "page" } } },
  "wise-all-endpoints.postman_collection.json": { format: "postman-2.1", auth: ["bearer"], entities: { borderless_accounts: {} } },
  "xero-files.yaml": { format: "openapi-3.0", auth: ["oauth2(authorizationCode)"], entities: { files: { recordPath: ["Items"], pagination: "page" } }, fields: ["base_url", "xero_tenant_id"] },
  "yelp-fusion-v3-unofficial.yaml": { format: "swagger-2.0", auth: ["oauth2(clientCredentials)"], entities: { search: {} } },
};

describe.skipIf(!openapiPresent)("drafts of real descriptions", () => {
  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`${file}: ${expected.format}, auth ${expected.auth.join(" + ") || "none"}, ${Object.keys(expected.entities).join(", ") || (expected.none ? "no entity" : "entities")}`, async () => {
      const draft = await createDraft(readDescription(file));
      expect(draft.format).toBe(expected.format);
      expect(auth(draft)).toEqual(expected.auth);
      for (const guess of draft.auth) expect(guess.reason.length).toBeGreaterThan(10);
      if (expected.none) expect(draft.entities).toEqual([]);
      else expect(draft.entities.length).toBeGreaterThan(0);
      for (const [name, want] of Object.entries(expected.entities)) {
        const entity = draft.entities.find((candidate) => candidate.name === name);
        expect(entity, `${name} among ${draft.entities.map((one) => one.name).join(", ")}`).toBeDefined();
        if (want.recordPath) expect(entity!.recordPath).toEqual(want.recordPath);
        if (want.pagination) expect(entity!.pagination.kind).toBe(want.pagination);
        if (want.primaryKey) expect(entity!.primaryKey).toEqual(want.primaryKey);
        if (want.parent) expect(draft.entities.find((candidate) => candidate.id === entity!.parent?.entityId)?.name).toBe(want.parent);
        // Every guess says why.
        for (const key of ["entity", "name", "recordPath", "primaryKey", "pagination"]) expect(entity!.reasons[key]).toEqual(expect.any(String));
      }
      if (expected.fields) expect(draft.fields.map((field) => field.key)).toEqual(expected.fields);
      if (!expected.none) {
        const loaded = prepareManifest(buildManifest(draft));
        expect(loaded.error).toBeUndefined();
        expect(loaded.issues).toEqual([]);
      }
    });
  }

  it("the reasons name what they saw (cursor: the response field and the parameter)", async () => {
    const draft = await createDraft(readDescription("hubspot-crm-contacts-v3.json"));
    expect(draft.entities[0].reasons.pagination).toBe('pagination: cursor, because the response has "paging.next.after" and the operation takes "after"');
    const implied = await createDraft(readDescription("discourse-api.yaml"));
    expect(implied.auth[1].reason).toMatch(/declares no security scheme, but \d+ operation\(s\) take a "Api-Key" header parameter/);
  });

  it("vonage-numbers: the key and the secret of one requirement are sent together, the secret marked airbyte_secret", async () => {
    const draft = await createDraft(readDescription("vonage-numbers.yaml"));
    expect(draft.auth[0].alongside?.map((guess) => guess.inject)).toEqual([{ in: "query", name: "api_secret" }]);
    const manifest = buildManifest(draft) as { spec: { connection_specification: { properties: Record<string, { airbyte_secret?: boolean }> } }; streams: Array<{ retriever: { requester: { request_parameters?: Record<string, string> } } }> };
    expect(manifest.spec.connection_specification.properties.api_secret.airbyte_secret).toBe(true);
    expect(manifest.spec.connection_specification.properties.api_key.airbyte_secret).toBe(true);
    expect(manifest.streams[0].retriever.requester.request_parameters).toMatchObject({ api_secret: "{{ config['api_secret'] }}" });
  });

  it("several schemes become a credentials oneOf told apart by auth_type, read by a SelectiveAuthenticator", async () => {
    const draft = await createDraft(readDescription("gotify-server.json"));
    const manifest = buildManifest(draft) as any;
    const credentials = manifest.spec.connection_specification.properties.credentials;
    expect(credentials.oneOf).toHaveLength(4);
    expect(credentials.oneOf.map((option: any) => option.properties.auth_type.const)).toHaveLength(4);
    const authenticator = manifest.streams[0].retriever.requester.authenticator;
    expect(authenticator).toMatchObject({ type: "SelectiveAuthenticator", authenticator_selection_path: ["credentials", "auth_type"] });
    expect(Object.values(authenticator.authenticators).map((one: any) => one.type)).toEqual(["ApiKeyAuthenticator", "ApiKeyAuthenticator", "ApiKeyAuthenticator", "BasicHttpAuthenticator"]);
  });

  it("an authorization-code scheme gets advanced_auth, so the person can sign in instead of pasting a refresh token", async () => {
    const draft = await createDraft(readDescription("hubspot-crm-contacts-v3.json"));
    const manifest = buildManifest(draft) as any;
    expect(prepareManifest(manifest).issues).toEqual([]);
    const definition = publishedDefinition({ importId: "imp_test", name: "source-hubspot-test", title: "HubSpot", manifest });
    expect(oauthEndpoints(definition)).toMatchObject({ authorizeUrl: "https://app.hubspot.com/oauth/authorize", tokenUrl: "https://api.hubapi.com/oauth/v1/token" });
    // The scopes the list operation requires, not every scope the flow declares.
    expect(oauthEndpoints(definition)?.scopes).toEqual(["crm.objects.contacts.read"]);
    // Four ways in: the sign-in applies to the OAuth option of the credentials oneOf only.
    expect(parseAdvancedAuth(definition)).toMatchObject({ path: "/credentials", predicatePath: "/credentials/auth_type", predicateValue: "oauth2" });
    expect(oauthManagedPaths(definition).sort()).toEqual(["/credentials/client_id", "/credentials/client_secret", "/credentials/refresh_token"]);
    // No authorization URL, no sign-in (client credentials run without a person).
    const paypal = buildManifest(await createDraft(readDescription("paypal-catalogs-products-v1.json"))) as any;
    expect(paypal.spec.advanced_auth).toBeUndefined();
  });

  it("server variables become settings: the URL is a template over them", async () => {
    const draft = await createDraft(readDescription("azure-devops-core-7.1.json"));
    // Swagger 2 has no server variables; the {organization} path variable starting every path is a setting.
    expect(draft.fields.find((field) => field.key === "organization")?.reason).toMatch(/no list above it/);
    const discourse = await createDraft(readDescription("discourse-api.yaml"));
    expect(discourse.baseUrl.template).toContain("{{ config['default_host'] }}");
    expect(discourse.fields.find((field) => field.key === "default_host")?.reason).toMatch(/server URL .* has the variable \{defaultHost\}/);
  });
});

describe("bad documents", () => {
  it("are refused with a typed error, not a crash", async () => {
    await expect(createDraft("")).rejects.toMatchObject({ code: "unreadable_document" });
    await expect(createDraft("{ not json")).rejects.toMatchObject({ code: "unreadable_document" });
    await expect(createDraft("just: [some, yaml]")).rejects.toMatchObject({ code: "unsupported_format" });
    await expect(createDraft(JSON.stringify({ openapi: "4.0.0", paths: {} }))).rejects.toMatchObject({ code: "unsupported_format" });
    await expect(createDraft(JSON.stringify({ swagger: "1.2" }))).rejects.toMatchObject({ code: "unsupported_format" });
  });

  it("a BOM and a hand-written minimal document still import", async () => {
    const text = "\uFEFF" + JSON.stringify({ openapi: "3.0.0", info: { title: "Tiny", version: "1" }, servers: [{ url: "https://api.example.com/v1" }], paths: { "/things": { get: { parameters: [{ name: "cursor", in: "query", schema: { type: "string" } }], responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { things: { type: "array", items: { type: "object", properties: { id: { type: "string" } } } }, next_cursor: { type: "string" } } } } } } } } } } });
    const draft = await createDraft(text);
    expect(draft.entities).toEqual([expect.objectContaining({ name: "things", recordPath: ["things"], primaryKey: ["id"], pagination: expect.objectContaining({ kind: "cursor", cursorParam: "cursor", cursorPath: ["next_cursor"] }) })]);
    expect(draft.entities[0].reasons.pagination).toBe('pagination: cursor, because the response has "next_cursor" and the operation takes "cursor"');
    expect(draft.fields).toEqual([expect.objectContaining({ key: "base_url", default: "https://api.example.com/v1" })]);
  });
});
