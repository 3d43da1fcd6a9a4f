// Isolation: every route the app has (enumerated from the Hono app itself, so a new route is
// covered the day it is added) is called with another workspace's application token, another
// organization's token, and another session's token, aimed at workspace A's resources. None may
// succeed: a route naming one of A's resources answers 4xx, and no answer carries anything of A's
// or changes it.
import { tinyApiDescription } from "./tiny-api.ts";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApplicationToken } from "../auth/index.ts";
import { startTestApp, type TestApp } from "../testing/test-app.ts";
import { report } from "./counts.ts";

let t: TestApp;
const mark = randomBytes(4).toString("hex");

interface WorkspaceA {
  id: string;
  name: string;
  source: string;
  destination: string;
  connection: string;
  job: string;
  session: { session_id: string; session_token: string };
  /** An import draft of A (import drafts belong to their workspace). */
  draft: string;
  /** Strings that only A's data holds: seeing one in an answer is a leak. */
  secrets: string[];
}
let A: WorkspaceA;
let callers: Array<{ name: string; headers: Record<string, string> }>;

async function ok(answer: Promise<{ status: number; body: any }>, status = 201): Promise<any> {
  const result = await answer;
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  return result.body;
}

const postgres = (host: string) => ({ host, port: 5432, database: "test", username: "postgres", password: `pw-${host}` });

/** Everything of A's that a breach would change, as one string. */
async function fingerprint(): Promise<string> {
  const store = t.deps.store;
  return JSON.stringify([
    await store.getWorkspace(A.id),
    await store.listConnectors({ workspaceId: A.id }),
    await store.listConnections({ workspaceId: A.id }),
    await store.getSession(A.session.session_id),
    await store.findOAuthClient("source-taskboard", A.id, "org_default").catch(() => undefined),
    (await store.listWorkspaces("org_default")).map((workspace) => workspace.id).sort(),
  ]);
}

beforeAll(async () => {
  t = await startTestApp();
  const name = `alpha-${mark}`;
  const workspace = await ok(t.call("POST", "/api/v1/workspaces", { name }));
  await ok(t.call("POST", "/api/v1/workspaces", { name: `beta-${mark}` }));
  const source = await ok(t.call("POST", "/api/v1/integrations/connectors", { workspace_name: name, connector_type: "source-postgres", name: `src-${mark}`, configuration: postgres(`a-src-${mark}.internal`) }));
  const destination = await ok(t.call("POST", "/api/v1/integrations/connectors", { workspace_name: name, connector_type: "destination-postgres", name: `dst-${mark}`, configuration: { ...postgres(`a-dst-${mark}.internal`), schema: "public" } }));
  const connection = await ok(t.call("POST", "/api/v1/connections", { source_id: source.id, destination_id: destination.id, name: `cxn-${mark}` }));
  const doomed = await ok(t.call("POST", "/api/v1/integrations/connectors", { workspace_name: name, connector_type: "source-postgres", name: `doomed-${mark}`, configuration: postgres(`a-doomed-${mark}.internal`) }));
  const job = await ok(t.call("DELETE", `/api/v1/integrations/connectors/${doomed.id}`), 202);
  await t.jobs.idle();
  const session = await ok(t.call("POST", "/api/v1/setup-sessions", { workspace_name: name, connector_type: "source-postgres" }));
  await ok(t.call("PATCH", `/api/v1/setup-sessions/${session.session_id}/form`, { base_version: 0, ops: [{ op: "set", path: "/host", value: `a-session-${mark}.internal` }] }, session.session_token), 200);
  await ok(t.call("PUT", "/api/v1/oauth/clients/source-taskboard", { workspace_name: name, client_id: `a-client-${mark}`, client_secret: `a-secret-${mark}` }), 200);
  const draft = await ok(t.call("POST", "/api/v1/integrations/definitions/imports", { workspace_name: name, document: tinyApiDescription }));
  A = {
    id: workspace.id,
    name,
    source: source.id,
    destination: destination.id,
    connection: connection.id,
    job: job.job_id,
    session,
    draft: draft.id,
    secrets: [draft.id, workspace.id, name, source.id, destination.id, connection.id, session.session_id, `a-src-${mark}`, `a-dst-${mark}`, `a-session-${mark}`, `a-client-${mark}`, `a-secret-${mark}`, `src-${mark}`, `cxn-${mark}`],
  };
  const beta = (await t.deps.store.listWorkspaces("org_default")).find((item) => item.name === `beta-${mark}`)!;
  const workspaceToken = await createApplicationToken(t.deps.store, { name: "beta only", workspaceId: beta.id });
  const otherOrganization = await createApplicationToken(t.deps.store, { name: "another organization", organizationId: `org_other_${mark}` });
  const betaSession = await ok(t.call("POST", "/api/v1/setup-sessions", { workspace_name: `beta-${mark}`, connector_type: "source-postgres" }));
  const siblingSession = await ok(t.call("POST", "/api/v1/setup-sessions", { workspace_name: name, connector_type: "source-postgres" }));
  callers = [
    { name: "another workspace's token", headers: { authorization: `Bearer ${workspaceToken.token}` } },
    { name: "another organization's token", headers: { authorization: `Bearer ${otherOrganization.token}` } },
    { name: "another workspace's session token", headers: { authorization: `Bearer ${betaSession.session_token}` } },
    { name: "another session's token (same workspace)", headers: { authorization: `Bearer ${siblingSession.session_token}` } },
  ];
});

afterAll(async () => {
  await t?.close();
});

/** A's resource for a route parameter, by what the path around it names; undefined if unknown. */
function resourceFor(path: string, param: string): string | undefined {
  if (param === "workspace") return A.id;
  if (param === "definitionId") return "source-taskboard";
  if (param !== "id") return undefined;
  if (path.startsWith("/api/v1/integrations/connectors/")) return A.source;
  if (path.startsWith("/api/v1/connections/")) return A.connection;
  if (path.startsWith("/api/v1/jobs/")) return A.job;
  if (path.startsWith("/api/v1/setup-sessions/")) return A.session.session_id;
  // An import draft belongs to its workspace.
  if (path.startsWith("/api/v1/integrations/definitions/imports/")) return A.draft;
  // Organization-wide or global: the same for every workspace, so nothing of A's is named.
  if (path.startsWith("/api/v1/integrations/definitions/")) return "source-postgres";
  if (path.startsWith("/api/v1/integrations/templates/")) return "tpl_none";
  return undefined;
}

describe("isolation", () => {
  it("no route lets another workspace's, organization's or session's token reach workspace A", async () => {
    const routes = t.app.routes.filter((route) => route.method !== "ALL");
    const unique = [...new Map(routes.map((route) => [`${route.method} ${route.path}`, route])).values()];
    const breaches: string[] = [];
    let calls = 0;
    let refused = 0;
    for (const route of unique) {
      const params = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
      let ownsResource = false;
      let path = route.path.replace(/\/\*$/, "/messages");
      for (const param of params) {
        const value = resourceFor(route.path, param);
        expect(value, `no resource of workspace A is known for :${param} in ${route.method} ${route.path}: teach this suite what it names`).toBeDefined();
        if (A.secrets.includes(value!) || value === A.job) ownsResource = true;
        path = path.replace(`:${param}`, encodeURIComponent(value!));
      }
      const scopes: Array<Record<string, string>> = [{ workspace_id: A.id }, { workspace_name: A.name }];
      for (const scope of scopes) {
        const query = new URLSearchParams({ ...scope, session: A.session.session_id, path: "/credentials" }).toString();
        const body = {
          ...scope,
          connector_id: A.source,
          source_id: A.source,
          destination_id: A.destination,
          connector_type: "source-postgres",
          name: `intruder-${mark}`,
          configuration: postgres("intruder.internal"),
          client_id: "intruder",
          base_version: 0,
          ops: [{ op: "set", path: "/host", value: "intruder.internal" }],
          text: "host intruder.internal",
          path: "/password",
          value: "intruder",
          entity: "users",
          action: "list",
        };
        for (const caller of callers) {
          const before = await fingerprint();
          const hasBody = !["GET", "HEAD", "OPTIONS", "DELETE"].includes(route.method);
          const response = await t.app.request(`${path}?${query}`, {
            method: route.method,
            headers: { ...caller.headers, ...(hasBody ? { "content-type": "application/json" } : {}), origin: "http://127.0.0.1" },
            body: hasBody ? JSON.stringify(body) : undefined,
          });
          const text = await response.text();
          await t.jobs.idle();
          calls++;
          const where = `${route.method} ${path} with ${caller.name} (${Object.keys(scope)[0]})`;
          // What the caller sent may be echoed back (an unknown name, an id in an error); nothing else of A's.
          const sent = `${path} ${query} ${hasBody ? JSON.stringify(body) : ""}`;
          const leaked = A.secrets.filter((secret) => text.includes(secret) && !sent.includes(secret) && !sent.includes(encodeURIComponent(secret)));
          if (response.status >= 400) refused++;
          // A preflight carries no credentials by design (CORS): it may answer 204, but nothing more.
          if (ownsResource && response.status < 400 && route.method !== "OPTIONS") breaches.push(`${where}: ${response.status}`);
          if (leaked.length > 0) breaches.push(`${where}: answer holds ${leaked.join(", ")}`);
          if ((await fingerprint()) !== before) breaches.push(`${where}: changed workspace A (${response.status})`);
          if (response.status >= 500) breaches.push(`${where}: ${response.status} ${text.slice(0, 200)}`);
        }
      }
    }
    report("isolation", { routes: unique.length, callers: callers.length, calls, refused, breaches: breaches.length });
    expect(breaches).toEqual([]);
  });
});
