// The declarative reader through the built-in dispatcher, against the local APIs of real
// manifests: streams as entities, reading across pages up to the limit and on from the cursor,
// and every DeclarativeReadError as the ExecuteError the API maps to its envelope.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { declarativeDefinition } from "../declarative/load-manifest.ts";
import { loadedManifest } from "../declarative/manifest-cache.ts";
import { fixtureDefinition } from "../declarative/testing/fixture-definition.ts";
import { startGetlagoApi, startSigmaApi, type FixtureApi } from "../declarative/testing/fixture-apis.ts";
import { createDispatcher, listRecords, entitiesOf, canExecute } from "./dispatcher.ts";
import { ExecuteError } from "./execute-error.ts";

const getlago = fixtureDefinition("source-getlago");
const sigma = fixtureDefinition("source-sigma-computing");

describe("the declarative reader", () => {
  let lago: FixtureApi;
  let sigmaApi: Awaited<ReturnType<typeof startSigmaApi>>;
  beforeAll(async () => {
    lago = await startGetlagoApi();
    sigmaApi = await startSigmaApi({ rotation: "strict" });
  });
  afterAll(async () => {
    await lago.close();
    await sigmaApi.close();
  });

  it("serves check: declarative; the entities are the manifest's streams, known without a connection", async () => {
    expect(canExecute(getlago)).toBe(true);
    expect(createDispatcher().readerKey(getlago)).toBe("declarative");
    expect(createDispatcher().entitiesNeedConnection(getlago)).toBe(false);
    const entities = await entitiesOf(getlago, {});
    expect(entities).toContainEqual({ name: "billable_metrics", kind: "stream" });
    expect(entities.map((entity) => entity.name)).toEqual(expect.arrayContaining(["customers", "subscriptions", "plans"]));
    expect(lago.api.requests).toHaveLength(0);
  });

  it("reads across API pages up to the limit and on from next_cursor, losing and repeating nothing", async () => {
    const first = await listRecords(getlago, lago.config(), "billable_metrics", { limit: 3 });
    expect(first.data).toEqual(lago.paged.records.slice(0, 3));
    expect(typeof first.next_cursor).toBe("string");
    const rest = await listRecords(getlago, lago.config(), "billable_metrics", { limit: 100, cursor: first.next_cursor });
    expect(rest).toEqual({ data: lago.paged.records.slice(3), next_cursor: null });
  });

  it("maps the runtime's refusals: a foreign cursor, an unknown entity, a wrong key", async () => {
    const cursor = (await listRecords(getlago, lago.config(), "billable_metrics", { limit: 1 })).next_cursor;
    const otherStream = await listRecords(getlago, lago.config(), "plans", { cursor }).catch((error) => error);
    expect(otherStream).toBeInstanceOf(ExecuteError);
    expect(otherStream).toMatchObject({ code: "invalid_cursor", fields: ["cursor"] });
    expect((await listRecords(getlago, lago.config(), "billable_metrics", { cursor: "not-a-cursor" }).catch((error) => error)).code).toBe("invalid_cursor");

    const unknown = await listRecords(getlago, lago.config(), "invoices_typo").catch((error) => error);
    expect(unknown).toMatchObject({ code: "entity_not_found" });
    expect(unknown.message).toContain("billable_metrics");

    const wrongKey = `wrong-${Math.random().toString(36).slice(2)}`;
    const refused = await listRecords(getlago, { ...lago.config(), api_key: wrongKey }, "billable_metrics").catch((error) => error);
    expect(refused).toMatchObject({ code: "source_failed", reason: "auth_failed", fields: ["/api_key"] });
    expect(refused.message).not.toContain(wrongKey);
  });

  it("a manifest Onramp cannot run says why instead of listing no entity", async () => {
    const offSchema = declarativeDefinition({ version: "6.0.0", type: "DeclarativeSource", check: { type: "CheckStream", stream_names: "items" }, streams: [], spec: { type: "Spec", connection_specification: { type: "object", properties: {} } } }, "source-off-schema");
    const refused = await entitiesOf(offSchema, {}).catch((error) => error);
    expect(refused).toMatchObject({ code: "cannot_execute" });
    expect(refused.message).toMatch(/declarative schema/);

    // Streams that build only up to a Python component: listed, but reading names the component.
    const manifest = structuredClone(loadedManifest(getlago)!.resolved!);
    manifest.streams[0].retriever.record_selector.extractor = { type: "CustomRecordExtractor", class_name: "source_lago.components.Extractor" };
    const custom = declarativeDefinition(manifest, "source-lago-custom");
    const blocked = await listRecords(custom, lago.config(), manifest.streams[0].name).catch((error) => error);
    expect(blocked).toMatchObject({ code: "cannot_execute" });
    expect(blocked.message).toMatch(/CustomRecordExtractor/);
  });

  it("hands every token the OAuth refresh renewed to onSecretRefreshed and keeps them out of errors", async () => {
    const renewed: Array<[string, string]> = [];
    const page = await listRecords(sigma, sigmaApi.config(), "files", { limit: 150, onSecretRefreshed: (path, value) => void renewed.push([path, value]) });
    expect(page.data).toEqual(sigmaApi.paged.records.slice(0, 150));
    expect(renewed).toEqual([
      ["/oauth_access_token", "at-1"],
      ["/client_refresh_token", "rt-2"],
    ]);
    // The provider rotated the refresh token: the old one is refused, which names the field to fix.
    const stale = await listRecords(sigma, sigmaApi.config(), "files", { limit: 1 }).catch((error) => error);
    expect(stale).toMatchObject({ code: "source_failed", reason: "auth_failed" });
    expect(stale.fields).toContain("/client_refresh_token");
  });
});
