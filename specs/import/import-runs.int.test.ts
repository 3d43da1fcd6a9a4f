// Imported connectors run against local APIs that answer as their descriptions say (five paging
// styles: page/size, cursor, Link header, a next link in a response header, a next URL in the
// body of a Postman collection's API): the draft's guesses,
// the published manifest validating, every page of an entity read through execute, and the
// per-entity test excluding a refused entity and the child of a deselected parent with their
// typed reasons.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listRecords } from "../execute/dispatcher.ts";
import { prepareManifest } from "../declarative/manifest-cache.ts";
import { runCheck } from "../checks/run-check.ts";
import { buildManifest, createDraft, publishedDefinition, reviewDraft, testEntities, type ImportDraft } from "./index.ts";
import { openapiPresent, readDescription, startAdyenTransfersApi, startDlthubApi, startHarborApi, startOpenAiApi, startPetstoreApi, type DescribedApi } from "./testing/description-apis.ts";
import { servicesRequired } from "../testing/service-gate.ts";

if (!openapiPresent) {
  if (servicesRequired()) throw new Error("../shared/openapi is absent, and ONRAMP_REQUIRE_SERVICES=1 forbids skipping");
  console.warn("[skip] ../shared/openapi is absent: imported-connector runs are skipped");
}

type Row = Record<string, unknown>;

const CASES: Array<{ start: () => Promise<DescribedApi>; pagination: string; perPage: number }> = [
  { start: () => startDlthubApi({ token: "dlt-token-0042" }), pagination: "page", perPage: 10 },
  { start: () => startOpenAiApi({ token: "sk-openai-0042" }), pagination: "cursor", perPage: 20 },
  { start: () => startHarborApi({ username: "admin", password: "harbor-pass-0042" }), pagination: "link_header", perPage: 10 },
  { start: () => startPetstoreApi(), pagination: "header_token", perPage: 10 },
  // A Postman collection: the next URL in the body, as its saved example shows.
  { start: () => startAdyenTransfersApi({ key: "adyen-key-0042" }), pagination: "next_url", perPage: 5 },
];

async function publish(draft: ImportDraft) {
  const manifest = buildManifest(draft);
  const loaded = prepareManifest(manifest);
  expect(loaded.error).toBeUndefined();
  expect(loaded.issues).toEqual([]);
  return publishedDefinition({ importId: draft.id, name: draft.name, title: draft.title, manifest });
}

/** Only these entities selected (the others would each need their own route in the fixture API). */
function only(draft: ImportDraft, names: string[]): ImportDraft {
  return reviewDraft(draft, { entities: draft.entities.map((entity) => ({ id: entity.id, selected: names.includes(entity.name) })) });
}

describe.skipIf(!openapiPresent)("imported connectors against their APIs", () => {
  for (const testCase of CASES) {
    describe(testCase.pagination, () => {
      let api: DescribedApi;
      let draft: ImportDraft;
      beforeAll(async () => {
        api = await testCase.start();
        draft = await createDraft(readDescription(api.file));
      });
      afterAll(() => api?.close());

      it(`guesses ${testCase.pagination} pagination for the paged entity, with its reason`, () => {
        const entity = draft.entities.find((candidate) => candidate.name === api.paged.stream)!;
        expect(entity).toBeDefined();
        expect(entity.pagination.kind).toBe(testCase.pagination);
        expect(entity.reasons.pagination).toMatch(/^pagination: /);
      });

      it("reads every page of the entity through execute, as the API holds it", async () => {
        const entity = draft.entities.find((candidate) => candidate.name === api.paged.stream)!;
        const parents: string[] = [];
        for (let parent = entity.parent; parent; ) {
          const found = draft.entities.find((candidate) => candidate.id === parent!.entityId)!;
          parents.push(found.name);
          parent = found.parent;
        }
        const definition = await publish(only(draft, [api.paged.stream, ...parents]));
        const before = api.sent(api.paged.path).length;
        const records: Row[] = [];
        let cursor: string | null = null;
        let calls = 0;
        do {
          const page: { data: Row[]; next_cursor: string | null } = await listRecords(definition, api.config, api.paged.stream, { limit: 7, cursor: cursor ?? undefined });
          records.push(...page.data);
          cursor = page.next_cursor;
          calls++;
        } while (cursor && calls < 50);
        expect(records.map((record) => JSON.stringify(record))).toEqual(api.paged.records.map((record) => JSON.stringify(record)));
        const pages = Math.ceil(api.paged.records.length / testCase.perPage);
        expect(api.sent(api.paged.path).length - before).toBeGreaterThanOrEqual(pages);
      });
    });
  }

  it("Save & Test per endpoint: a refused entity is insufficient_permission, a child of a deselected parent parent_endpoint_excluded, the rest pass", async () => {
    const api = await startDlthubApi({ token: "dlt-token-0042" });
    try {
      const draft = await createDraft(readDescription(api.file));
      // users is refused; members' parent (workspaces) is deselected; pipelines reads through workspaces... which is gone too.
      const reviewed = only(draft, ["organizations", "users", "members", "pipelines"]);
      api.forbid("/organization/org-1/users");
      const definition = await publish(reviewed);
      const results = await testEntities(definition, api.config, { timeoutMs: 5000 });
      const by = Object.fromEntries(results.map((result) => [result.entity, result]));
      expect(by.organizations).toMatchObject({ status: "passed" });
      expect(by.users).toMatchObject({ status: "excluded", reason: "insufficient_permission" });
      expect(by.members).toMatchObject({ status: "excluded", reason: "parent_endpoint_excluded" });
      expect(by.pipelines).toMatchObject({ status: "excluded", reason: "parent_endpoint_excluded" });
      expect(api.sent("/workspace/ws-1/members")).toHaveLength(0);

      // Through runCheck, as the agent's test runs it: succeeded, with the entities listed.
      const check = await runCheck(definition, api.config, { timeoutMs: 5000 });
      expect(check.status).toBe("succeeded");
      expect(check.entities?.filter((entity) => entity.status !== "excluded").map((entity) => entity.entity)).toEqual(["organizations"]);
      expect(check.message).toMatch(/1 of 4 entities work; excluded: users \(insufficient_permission\)/);
      expect(JSON.stringify(check)).not.toContain("dlt-token-0042");

      // An empty entity is kept with a warning; a wrong token fails the whole check first.
      const withEmpty = await publish(only(draft, ["organizations", "workspaces", "runs"]));
      const empty = await testEntities(withEmpty, api.config, { timeoutMs: 5000 });
      expect(empty.find((result) => result.entity === "runs")).toMatchObject({ status: "warning", reason: "empty_response" });
      const wrong = await runCheck(withEmpty, { ...api.config, api_key: "wrong-token-1234" }, { timeoutMs: 5000 });
      expect(wrong).toMatchObject({ status: "failed", reason: "auth_failed" });
      expect(wrong.entities).toBeUndefined();
    } finally {
      await api.close();
    }
  });
});
