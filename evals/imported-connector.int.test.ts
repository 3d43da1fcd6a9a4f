// A connector generated from an API description, end to end, against a local API that answers as
// the description says (twilio-studio-v2.yaml: basic auth, `meta.next_page_url` paging, flows →
// revisions, executions → steps): POST .../definitions/imports → review (deselect executions,
// rename nothing else) → publish (a validated manifest in the catalog) → set up by chat over the
// REST twin, the auth token in secret mode → the test reads every entity: revisions answer 403
// (insufficient_permission), steps' parent was deselected (parent_endpoint_excluded), flows pass
// → the connector saves with flows only → POST /connectors/:id/execute reads every page of flows.
import { load } from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServerEvent } from "../agent/protocol.ts";
import { SECRET_MASK, getAt } from "../specs/index.ts";
import {
  openapiPresent,
  readDescription,
  startDlthubApi,
  startHarborApi,
  startOpenAiApi,
  startPetstoreApi,
  startTwilioStudioApi,
  type DescribedApi,
} from "../specs/import/testing/description-apis.ts";
import { servicesRequired } from "../specs/testing/service-gate.ts";
import { startTestServer, type TestServer } from "../server/sessions/testing/test-server.ts";
import { findLeaks } from "../server/sessions/testing/leak-check.ts";
import { startRest } from "./drivers/rest.ts";
import { runCase } from "./run-case.ts";
import type { CaseRun, EvalCase } from "./types.ts";

if (!openapiPresent) {
  if (servicesRequired()) throw new Error("../shared/openapi is absent, and ONRAMP_REQUIRE_SERVICES=1 forbids skipping");
  console.warn("[skip] ../shared/openapi is absent: the imported-connector end-to-end test is skipped");
}

type Row = Record<string, unknown>;
const AUTH_TOKEN = `twilio-token-${Date.now().toString(36)}`;
const eventsOf = (run: CaseRun) => run.transcript.filter((item) => item.from === "server").map((item) => item.event as ServerEvent);

describe.skipIf(!openapiPresent)("a connector imported from twilio-studio-v2.yaml", () => {
  let server: TestServer;
  let api: DescribedApi;
  const answers: string[] = [];
  let importId: string;
  let definitionName: string;
  let connectorId: string;

  async function call(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }> {
    const response = await fetch(`${server.baseUrl}${url}`, {
      method,
      headers: { authorization: `Bearer ${server.apiToken}`, ...(body ? { "content-type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    answers.push(text);
    return { status: response.status, body: text && /json/.test(response.headers.get("content-type") ?? "") ? JSON.parse(text) : text };
  }

  beforeAll(async () => {
    // A readable account name: the agent screens a 34-character hex SID typed in chat as a secret.
    api = await startTwilioStudioApi({ accountSid: "studio-reader", authToken: AUTH_TOKEN });
    server = await startTestServer({ logLevel: "info" });
  });

  afterAll(async () => {
    await api?.close();
    if (!server) return;
    await server.close();
    const leaks = await findLeaks(
      [AUTH_TOKEN],
      [
        { label: "gateway log", text: JSON.stringify(server.gatewaySent()) },
        { label: "server log", text: server.logLines.join("\n") },
        { label: "API answers", text: answers.join("\n") },
      ],
      [server.dataDir],
    );
    expect(leaks).toEqual([]);
  });

  it("imports the description into a draft whose every guess has a reason", async () => {
    const created = await call("POST", "/api/v1/integrations/definitions/imports", { workspace_name: "default", document: readDescription(api.file) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    importId = created.body.id;
    const draft = created.body.draft;
    expect(draft).toMatchObject({ format: "openapi-3.0", title: "Twilio - Studio" });
    expect(draft.auth).toEqual([expect.objectContaining({ kind: "basic", reason: expect.stringContaining("basic") })]);
    const flows = draft.entities.find((entity: Row) => entity.name === "flows");
    expect(flows).toMatchObject({ selected: true, record_path: ["flows"], primary_key: ["sid"], pagination: { kind: "next_url", next_path: ["meta", "next_page_url"] } });
    expect(Object.keys(flows.reasons)).toEqual(expect.arrayContaining(["entity", "record_path", "primary_key", "pagination", "name"]));
    const steps = draft.entities.find((entity: Row) => entity.name === "steps");
    expect(steps.parent).toMatchObject({ entity_id: "GET /v2/Flows/{FlowSid}/Executions" });
    expect((await call("GET", `/api/v1/integrations/definitions/imports/${importId}`)).body.draft.entities).toHaveLength(draft.entities.length);
  });

  it("refuses a bad review edit with the error envelope and changes nothing", async () => {
    const bad = await call("PATCH", `/api/v1/integrations/definitions/imports/${importId}`, { entities: [{ id: "GET /v2/Flows", name: "no spaces allowed" }] });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ field: "entities[0].name", error_code: "invalid_edit" });
    const unknown = await call("PATCH", `/api/v1/integrations/definitions/imports/${importId}`, { entities: [{ id: "GET /nowhere", selected: false }] });
    expect(unknown.body.errors[0]).toMatchObject({ field: "entities[0].id", error_code: "invalid_edit" });
    expect((await call("GET", `/api/v1/integrations/definitions/imports/${importId}`)).body.draft.entities.every((entity: Row) => entity.selected)).toBe(true);
  });

  it("is reviewed (executions and test users deselected) and published as a validated manifest in the catalog", async () => {
    const reviewed = await call("PATCH", `/api/v1/integrations/definitions/imports/${importId}`, {
      entities: [
        { id: "GET /v2/Flows/{FlowSid}/Executions", selected: false },
        { id: "GET /v2/Flows/{Sid}/TestUsers", selected: false },
      ],
    });
    expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
    const published = await call("POST", `/api/v1/integrations/definitions/imports/${importId}/publish`);
    expect(published.status, JSON.stringify(published.body)).toBe(201);
    definitionName = published.body.import.definition_name;
    expect(published.body.import).toMatchObject({ status: "published", check_stream: "flows" });
    const definition = server.deps.catalog.get(published.body.definition.id ?? published.body.import.definition_id)!;
    expect(definition).toMatchObject({ name: definitionName, check: "declarative", entityTest: true });
    const manifest = await call("GET", `/api/v1/integrations/definitions/imports/${importId}/manifest`);
    const streams = (load(manifest.body) as { streams: Row[] }).streams.map((stream) => stream.name);
    // Deselected entities are no streams of their own; executions still feeds steps as its parent.
    expect(streams.sort()).toEqual(["flows", "revisions", "steps"]);
    // Publishing again keeps the same definition id.
    const again = await call("POST", `/api/v1/integrations/definitions/imports/${importId}/publish`);
    expect(again.body.import.definition_id).toBe(published.body.import.definition_id);
  });

  it("is set up by chat, its test excludes revisions (403) and steps (parent deselected), and it saves with flows", async () => {
    api.forbid(/^\/v2\/Flows\/[^/]+\/Revisions$/);
    const config = api.config;
    const caseDef: EvalCase = {
      id: "import/twilio-studio",
      connector: definitionName,
      file: "inline",
      opening: `Hi, I'd like to connect Twilio - Studio. Our address is ${config.base_url}`,
      facts: { "/base_url": config.base_url, "/username": config.username, "/password": { secret: config.password } },
      expect: { outcome: "saved", test: "succeeded" },
    };
    const run = await runCase(caseDef, (concrete) => startRest(concrete, { baseUrl: server.baseUrl, apiToken: server.apiToken }));
    expect(run.error).toBeUndefined();
    const events = eventsOf(run);
    if (!events.some((event) => event.type === "test.result")) console.log(JSON.stringify(run.transcript.map((item) => item.event), null, 1).slice(0, 6000));
    const result = events.findLast((event) => event.type === "test.result") as Extract<ServerEvent, { type: "test.result" }>;
    expect(result).toMatchObject({ status: "succeeded" });
    const by = Object.fromEntries((result.entities ?? []).map((entity) => [entity.entity, entity]));
    expect(by.flows).toMatchObject({ status: "passed" });
    expect(by.revisions).toMatchObject({ status: "excluded", reason: "insufficient_permission" });
    expect(by.steps).toMatchObject({ status: "excluded", reason: "parent_endpoint_excluded" });
    // The agent says what worked and why the rest did not.
    const words = events.filter((event) => event.type === "agent.message").map((event) => (event as { text: string }).text).join(" ");
    expect(words).toMatch(/1 of 3 entities work; excluded: (revisions \(insufficient_permission\), steps \(parent_endpoint_excluded\)|steps \(parent_endpoint_excluded\), revisions \(insufficient_permission\))/);
    // The token went through secret mode (asked as a secret), never as a chat message.
    expect(events.some((event) => event.type === "secret.request" && event.path === "/password")).toBe(true);
    const said = run.transcript.filter((item) => item.from === "user" && item.event.type === "user.message").map((item) => JSON.stringify(item.event));
    expect(said.some((text) => text.includes(AUTH_TOKEN))).toBe(false);
    const completed = events.find((event) => event.type === "session.completed") as { connectorId: string };
    connectorId = completed.connectorId;
    const record = (await server.deps.store.getConnector(connectorId))!;
    expect(record.streams).toEqual(["flows"]);
    expect(getAt(record.configuration, "/password")).toBe(SECRET_MASK);
  });

  it("POST /connectors/:id/check tests every entity again and keeps the ones that work", async () => {
    const answer = await call("POST", `/api/v1/integrations/connectors/${connectorId}/check`);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body).toMatchObject({ status: "succeeded", saved: true, connector: { streams: ["flows"] } });
    expect(answer.body.entities.map((entity: Row) => [entity.entity, entity.reason ?? entity.status]).sort()).toEqual([
      ["flows", "passed"],
      ["revisions", "insufficient_permission"],
      ["steps", "parent_endpoint_excluded"],
    ]);
  });

  it("POST /connectors/:id/execute reads every page of flows", async () => {
    const rows: Row[] = [];
    let cursor: string | null = null;
    let calls = 0;
    const before = api.sent("/v2/Flows").length;
    do {
      const answer = await call("POST", `/api/v1/integrations/connectors/${connectorId}/execute`, { entity: "flows", action: "list", params: { limit: 8, ...(cursor ? { cursor } : {}) } });
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      rows.push(...answer.body.data);
      cursor = answer.body.next_cursor;
      calls++;
    } while (cursor && calls < 20);
    expect(rows).toEqual(api.paged.records);
    expect(api.sent("/v2/Flows").length - before).toBeGreaterThanOrEqual(3);
  });
});

// Four more descriptions, one per paging style, each against its own local API: imported and
// reviewed over REST (only the paged table and its parents kept), set up by chat (the secret in
// secret mode), saved with its tables, and every page read through execute.
const STYLES: Array<{ style: string; start: () => Promise<DescribedApi> }> = [
  { style: "page/size (dlthub-platform.yaml)", start: () => startDlthubApi({ token: `dlt-${Date.now().toString(36)}-token` }) },
  { style: "cursor (openai-api-2024-04.yaml)", start: () => startOpenAiApi({ token: `sk-${Date.now().toString(36)}-openai` }) },
  { style: "Link header (harbor-v2.yaml)", start: () => startHarborApi({ username: "robot-reader", password: `harbor-${Date.now().toString(36)}-pw` }) },
  { style: "next link in a response header (oai-petstore.yaml)", start: () => startPetstoreApi() },
];

describe.skipIf(!openapiPresent)("imported connectors by paging style, set up by chat", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ logLevel: "warn" });
  });
  afterAll(() => server?.close());

  for (const { style, start } of STYLES) {
    it(style, async () => {
      const api = await start();
      try {
        const call = async (method: string, url: string, body?: unknown) => {
          const response = await fetch(`${server.baseUrl}${url}`, {
            method,
            headers: { authorization: `Bearer ${server.apiToken}`, ...(body ? { "content-type": "application/json" } : {}) },
            ...(body ? { body: JSON.stringify(body) } : {}),
          });
          return { status: response.status, body: await response.json() };
        };
        const created = await call("POST", "/api/v1/integrations/definitions/imports", { workspace_name: "default", document: readDescription(api.file) });
        expect(created.status, JSON.stringify(created.body)).toBe(201);
        const entities: Array<{ id: string; name: string; parent?: { entity_id: string } }> = created.body.draft.entities;
        const keep = new Set<string>();
        for (let entity = entities.find((one) => one.name === api.paged.stream); entity; entity = entities.find((one) => one.id === entity!.parent?.entity_id)) keep.add(entity.id);
        const reviewed = await call("PATCH", `/api/v1/integrations/definitions/imports/${created.body.id}`, { entities: entities.map((entity) => ({ id: entity.id, selected: keep.has(entity.id) })) });
        expect(reviewed.status, JSON.stringify(reviewed.body)).toBe(200);
        const published = await call("POST", `/api/v1/integrations/definitions/imports/${created.body.id}/publish`);
        expect(published.status, JSON.stringify(published.body)).toBe(201);

        const facts: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(api.config)) facts[`/${key}`] = `/${key}` === api.secretPath ? { secret: value } : value;
        const run = await runCase(
          {
            id: `import/${api.file}`,
            connector: published.body.import.definition_name,
            file: "inline",
            opening: `Hi, I'd like to connect ${created.body.draft.title}. Our address is ${api.config.base_url}`,
            facts,
            expect: { outcome: "saved", test: "succeeded" },
          },
          (concrete) => startRest(concrete, { baseUrl: server.baseUrl, apiToken: server.apiToken }),
        );
        expect(run.error).toBeUndefined();
        const events = eventsOf(run);
        expect(events.findLast((event) => event.type === "test.result"), JSON.stringify(events.filter((event) => event.type === "agent.message"))).toMatchObject({ status: "succeeded" });
        if (api.secretPath) expect(events.some((event) => event.type === "secret.request" && event.path === api.secretPath)).toBe(true);
        const connectorId = (events.find((event) => event.type === "session.completed") as { connectorId: string }).connectorId;
        expect((await server.deps.store.getConnector(connectorId))!.streams).toContain(api.paged.stream);

        const rows: Row[] = [];
        let cursor: string | null = null;
        let calls = 0;
        do {
          const answer = await call("POST", `/api/v1/integrations/connectors/${connectorId}/execute`, { entity: api.paged.stream, action: "list", params: { limit: 9, ...(cursor ? { cursor } : {}) } });
          expect(answer.status, JSON.stringify(answer.body)).toBe(200);
          rows.push(...answer.body.data);
          cursor = answer.body.next_cursor;
          calls++;
        } while (cursor && calls < 20);
        expect(rows).toEqual(api.paged.records);
        expect(calls).toBeGreaterThanOrEqual(2);
      } finally {
        await api.close();
      }
    });
  }
});
