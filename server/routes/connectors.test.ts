import { randomBytes } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET_MASK } from "../../specs/index.ts";
import { startTestApp, type TestApp } from "../testing/test-app.ts";
import { createApplicationToken } from "../auth/index.ts";
import { IDENTIFIER_RULE_MESSAGE } from "../connectors/connector-config.ts";
import { services } from "../testing/service-gate.ts";
import { catalogWithTypedSecrets, typedSecrets } from "../testing/typed-secrets.ts";

const postgresUp = await services.postgres();
const canary = () => `canary-${randomBytes(10).toString("hex")}`;

function pgConfig(password: string, overrides: Record<string, unknown> = {}) {
  return { host: "127.0.0.1", port: 5432, database: "test", username: "postgres", password, ...overrides };
}

async function waitForJob(t: TestApp, jobId: string) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const job = await t.call("GET", `/api/v1/jobs/${jobId}`);
    if (job.body.status === "succeeded" || job.body.status === "failed") return job.body;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("job did not finish");
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else out.push(full);
  }
  return out;
}

describe("connectors API", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ overrides: { catalog: await catalogWithTypedSecrets() } });
    expect((await t.call("POST", "/api/v1/workspaces", { name: "acme" })).status).toBe(201);
  });
  afterAll(() => t.close());

  const create = (body: Record<string, unknown>) => t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "default", ...body });

  it("enforces exactly one of definition_id / connector_type / source_template_id", async () => {
    const none = await create({ name: "x", configuration: {} });
    expect(none.status).toBe(422);
    expect(none.body.message).toBe(IDENTIFIER_RULE_MESSAGE);
    expect(none.body.message).toBe("One of connector_type, definition_id, or source_template_id must be provided");
    const two = await create({ connector_type: "postgres", definition_id: "source-postgres", configuration: pgConfig("x") });
    expect(two.status).toBe(422);
    expect(two.body.message).toBe(IDENTIFIER_RULE_MESSAGE);
    const unknown = await create({ connector_type: "no-such-thing" });
    expect(unknown.status).toBe(404);
  });

  it("404 for an unknown workspace, 422 without one on an org token", async () => {
    const missing = await t.call("POST", "/api/v1/integrations/connectors", { workspace_name: "nope", connector_type: "postgres", configuration: pgConfig("x") });
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].field).toBe("workspace_name");
    const unnamed = await t.call("POST", "/api/v1/integrations/connectors", { connector_type: "postgres", configuration: pgConfig("x") });
    expect(unnamed.status).toBe(422);
    for (const key of ["workspace_name", "workspace_id"]) {
      const typed = await t.call("POST", "/api/v1/integrations/connectors", { [key]: 123, connector_type: "postgres", configuration: pgConfig("x") });
      expect(typed.status).toBe(422);
      expect(typed.body.errors[0]).toEqual({ field: key, message: `${key} must be a string`, error_code: "invalid_type" });
    }
  });

  it("422 with JSON-pointer fields for schema errors", async () => {
    const response = await create({ connector_type: "postgres", configuration: { host: "h", port: "not-a-port", username: "u" } });
    expect(response.status).toBe(422);
    const fields = response.body.errors.map((error: { field: string }) => error.field);
    expect(fields).toContain("/port");
    expect(fields.some((field: string) => field === "/database" || field === "")).toBe(true);
    for (const field of fields) expect(field === "" || field.startsWith("/")).toBe(true);
  });

  it("400 when credentials match no auth scheme", async () => {
    const response = await create({
      connector_type: "taskboard",
      credentials: { nonsense_key: "x" },
      replication_config: { start_date: "2024-01-01" },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/^Credentials do not match any auth scheme\. Provided keys: \[nonsense_key\]\. Available schemes: .+/);
  });

  it("takes credentials + replication_config, stores the secret encrypted and masks it", async () => {
    const secret = canary();
    const response = await create({
      connector_type: "taskboard",
      name: "Tasks",
      credentials: { auth_type: "api_token", api_token: secret },
      replication_config: { start_date: "2024-01-01" },
    });
    expect(response.status).toBe(201);
    expect(JSON.stringify(response.body)).not.toContain(secret);
    expect(response.body.configuration.credentials.api_token).toBe(SECRET_MASK);
    expect(response.body.credentials.api_token).toBe(SECRET_MASK);
    expect(response.body.replication_config.start_date).toBe("2024-01-01");
    const record = (await t.deps.store.getConnector(response.body.id))!;
    expect(await t.deps.secrets.get(record.secretRefs["/credentials/api_token"]!)).toBe(secret);
  });

  it("lists with workspace and definition filters in the documented shape", async () => {
    const pg = await create({ connector_type: "postgres", name: "Warehouse", configuration: pgConfig(canary()) });
    expect(pg.status).toBe(201);
    const list = await t.call("GET", `/api/v1/integrations/connectors?workspace_name=default&definition_id=${pg.body.definition_id}`);
    expect(list.status).toBe(200);
    expect(list.body.data.length).toBeGreaterThanOrEqual(1);
    for (const item of list.body.data) {
      expect(Object.keys(item).sort()).toEqual(["created_at", "id", "name", "summarized_source_template", "updated_at"]);
      expect(Object.keys(item.summarized_source_template).sort()).toEqual(["actor_definition_id", "icon", "id", "mode", "name"]);
      expect(item.summarized_source_template.actor_definition_id).toBe(pg.body.definition_id);
    }
    const workspaceId = (await t.call("GET", "/api/v1/workspaces/acme")).body.id;
    const empty = await t.call("GET", `/api/v1/integrations/connectors?workspace_id=${workspaceId}`);
    expect(empty.body.data).toEqual([]);
  });

  it("keeps the stored secret when the mask is sent back, replaces it when a new value is sent", async () => {
    const first = canary();
    const created = await create({ connector_type: "postgres", configuration: pgConfig(first) });
    const id = created.body.id;
    const fetched = await t.call("GET", `/api/v1/integrations/connectors/${id}`);
    expect(fetched.body.configuration.password).toBe(SECRET_MASK);

    const renamed = await t.call("PATCH", `/api/v1/integrations/connectors/${id}`, { name: "Renamed", configuration: { ...fetched.body.configuration, database: "other" } });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("Renamed");
    expect(renamed.body.configuration.database).toBe("other");
    const kept = (await t.deps.store.getConnector(id))!;
    const oldRef = kept.secretRefs["/password"]!;
    expect(await t.deps.secrets.get(oldRef)).toBe(first);

    const second = canary();
    const replaced = await t.call("PATCH", `/api/v1/integrations/connectors/${id}`, { configuration: pgConfig(second) });
    expect(replaced.status).toBe(200);
    const after = (await t.deps.store.getConnector(id))!;
    expect(await t.deps.secrets.get(after.secretRefs["/password"]!)).toBe(second);
    expect(await t.deps.secrets.get(oldRef)).toBeUndefined();

    const invalid = await t.call("PATCH", `/api/v1/integrations/connectors/${id}`, { configuration: pgConfig(SECRET_MASK, { port: -5 }) });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors.map((error: { field: string }) => error.field)).toContain("/port");
  });

  it("patches one half (credentials or replication_config) and keeps the masked secret", async () => {
    const secret = canary();
    const created = await create({ connector_type: "taskboard", credentials: { auth_type: "api_token", api_token: secret }, replication_config: { start_date: "2024-01-01" } });
    const id = created.body.id;
    const patched = await t.call("PATCH", `/api/v1/integrations/connectors/${id}`, { replication_config: { start_date: "2025-05-05" } });
    expect(patched.status).toBe(200);
    expect(patched.body.replication_config.start_date).toBe("2025-05-05");
    expect(patched.body.credentials).toEqual({ auth_type: "api_token", api_token: SECRET_MASK });
    const again = await t.call("PATCH", `/api/v1/integrations/connectors/${id}`, { credentials: patched.body.credentials });
    expect(again.status).toBe(200);
    const record = (await t.deps.store.getConnector(id))!;
    expect(await t.deps.secrets.get(record.secretRefs["/credentials/api_token"]!)).toBe(secret);
    const both = await t.call("PATCH", `/api/v1/integrations/connectors/${id}`, { configuration: {}, credentials: {} });
    expect(both.status).toBe(422);
    expect(both.body.errors[0].field).toBe("configuration");
  });

  it("refuses the mask where no secret was ever stored", async () => {
    const response = await create({ connector_type: "postgres", configuration: pgConfig(SECRET_MASK) });
    expect(response.status).toBe(422);
    expect(response.body.errors[0].field).toBe("/password");
  });

  it("404 for an unknown connector", async () => {
    expect((await t.call("GET", "/api/v1/integrations/connectors/src_nope")).status).toBe(404);
    expect((await t.call("PATCH", "/api/v1/integrations/connectors/src_nope", { name: "x" })).status).toBe(404);
    expect((await t.call("DELETE", "/api/v1/integrations/connectors/src_nope")).status).toBe(404);
  });

  it("a token of workspace A cannot read, change or delete workspace B's connector", async () => {
    const acme = (await t.call("GET", "/api/v1/workspaces/acme")).body;
    const acmeToken = (await createApplicationToken(t.deps.store, { workspaceId: acme.id })).token;
    const inDefault = await create({ connector_type: "postgres", configuration: pgConfig(canary()) });
    for (const [method, url, body] of [
      ["GET", `/api/v1/integrations/connectors/${inDefault.body.id}`, undefined],
      ["PATCH", `/api/v1/integrations/connectors/${inDefault.body.id}`, { name: "stolen" }],
      ["DELETE", `/api/v1/integrations/connectors/${inDefault.body.id}`, undefined],
      ["GET", "/api/v1/integrations/connectors?workspace_name=default", undefined],
    ] as const) {
      const response = await t.call(method, url, body, acmeToken);
      expect(response.status, `${method} ${url}`).toBe(403);
    }
    // Its own workspace works, without even naming it.
    const own = await t.call("POST", "/api/v1/integrations/connectors", { connector_type: "sample-data", configuration: { dataset: "users" } }, acmeToken);
    expect(own.status).toBe(201);
    expect(own.body.workspace_id).toBe(acme.id);
    const otherOrg = (await createApplicationToken(t.deps.store, { organizationId: "org_else" })).token;
    expect((await t.call("GET", `/api/v1/integrations/connectors/${inDefault.body.id}`, undefined, otherOrg)).status).toBe(403);
  });

  it("deletes in the background: 202 job, connections and secrets go with it; the other connections stay", async () => {
    const secret = canary();
    const source = await create({ connector_type: "postgres", configuration: pgConfig(secret) });
    const other = await create({ connector_type: "sample-data", configuration: { dataset: "users" } });
    const destination = await create({ connector_type: "destination-dev-null", configuration: { test_destination: { test_destination_type: "SILENT" } } });
    expect(destination.status).toBe(201);
    const connections = [];
    for (const sourceId of [source.body.id, source.body.id, other.body.id]) {
      const connection = await t.call("POST", "/api/v1/connections", { source_id: sourceId, destination_id: destination.body.id, streams: ["users"] });
      expect(connection.status).toBe(201);
      connections.push(connection.body);
    }
    const byDestination = await t.call("GET", `/api/v1/connections?workspace_name=default&connector_id=${destination.body.id}`);
    expect(byDestination.body.data).toHaveLength(3);

    const secretId = (await t.deps.store.getConnector(source.body.id))!.secretRefs["/password"]!;
    const deleted = await t.call("DELETE", `/api/v1/integrations/connectors/${source.body.id}`);
    expect(deleted.status).toBe(202);
    expect(deleted.body.job_id).toMatch(/^job_/);
    const job = await waitForJob(t, deleted.body.job_id);
    expect(job.status).toBe("succeeded");
    expect(job.target_id).toBe(source.body.id);
    expect((await t.call("GET", `/api/v1/integrations/connectors/${source.body.id}`)).status).toBe(404);
    expect((await t.call("GET", `/api/v1/connections/${connections[0].id}`)).status).toBe(404);
    expect((await t.call("GET", `/api/v1/connections/${connections[1].id}`)).status).toBe(404);
    expect((await t.call("GET", `/api/v1/connections/${connections[2].id}`)).status).toBe(200);
    expect(await t.deps.secrets.get(secretId)).toBeUndefined();
  });

  it("never writes a secret in plaintext anywhere in the data dir or the log", async () => {
    const secrets = [canary(), canary(), canary()];
    await create({ connector_type: "postgres", configuration: pgConfig(secrets[0]!) });
    await create({ connector_type: "taskboard", credentials: { auth_type: "api_token", api_token: secrets[1] }, replication_config: { start_date: "2024-02-02" } });
    const patched = await create({ connector_type: "postgres", configuration: pgConfig(canary()) });
    await t.call("PATCH", `/api/v1/integrations/connectors/${patched.body.id}`, { configuration: pgConfig(secrets[2]!) });
    // Secrets that are not strings: an integer and an object.
    const typed = typedSecrets();
    const typedConnector = await create({
      connector_type: "typed-secrets",
      configuration: { base_url: "http://127.0.0.1:9", pin: typed.pin, service_account: typed.serviceAccount },
    });
    expect(typedConnector.status).toBe(201);
    secrets.push(...typed.canaries);

    // A setup session: a secret typed in secret mode (POST .../secrets), one set through the
    // form (PATCH .../form), and a token pasted into the chat by mistake.
    const session = await t.call("POST", "/api/v1/setup-sessions", { workspace_name: "default", connector_type: "postgres" });
    expect(session.status).toBe(201);
    const { session_id: sessionId, session_token: sessionToken } = session.body;
    const sessionUrl = `/api/v1/setup-sessions/${sessionId}`;
    const typedInSecretMode = canary();
    const submitted = await t.call("POST", `${sessionUrl}/secrets`, { path: "/password", value: typedInSecretMode }, sessionToken);
    expect(submitted.status).toBe(200);
    const viaForm = canary();
    const version = (await t.call("GET", sessionUrl, undefined, sessionToken)).body.form.version;
    const edited = await t.call("PATCH", `${sessionUrl}/form`, { base_version: version, ops: [{ op: "set", path: "/password", value: viaForm }] }, sessionToken);
    expect(edited.status).toBe(200);
    const pastedRandom = randomBytes(27).toString("base64url").replace(/[-_]/g, "Q");
    const pasted = await t.call("POST", `${sessionUrl}/messages`, { text: `host is db.internal and my github token is ghp_${pastedRandom}` }, sessionToken);
    expect(pasted.status).toBe(200);
    expect(JSON.stringify(pasted.body).includes(pastedRandom), "the pasted token in the answer").toBe(false);
    // And a non-string secret set through a session's form.
    const typedSession = await t.call("POST", "/api/v1/setup-sessions", { workspace_name: "default", connector_type: "typed-secrets" });
    const sessionPin = typedSecrets().pin;
    const typedEdit = await t.call(
      "PATCH",
      `/api/v1/setup-sessions/${typedSession.body.session_id}/form`,
      { base_version: (await t.call("GET", `/api/v1/setup-sessions/${typedSession.body.session_id}`, undefined, typedSession.body.session_token)).body.form.version, ops: [{ op: "set", path: "/pin", value: sessionPin }] },
      typedSession.body.session_token,
    );
    expect(typedEdit.status).toBe(200);
    secrets.push(typedInSecretMode, viaForm, pastedRandom, String(sessionPin));

    await t.jobs.idle();
    const files = await filesUnder(t.dataDir);
    expect(files.length).toBeGreaterThan(5);
    // The secret store's files are in the search too: they must hold only ciphertext.
    expect(files.some((file) => file.includes(`${path.sep}secrets${path.sep}`))).toBe(true);
    for (const file of files) {
      const text = await readFile(file, "utf8");
      for (const secret of secrets) expect(text.includes(secret), `a canary in ${file}`).toBe(false);
    }
    for (const line of t.logLines) for (const secret of secrets) expect(line.includes(secret), "a canary in the log").toBe(false);
  });

  describe.skipIf(!postgresUp)("check (test and save) against the machine's Postgres", () => {
    it("saves the patch only when the check succeeds", async () => {
      const created = await create({ connector_type: "postgres", configuration: pgConfig(canary()) });
      const id = created.body.id;
      const failed = await t.call("POST", `/api/v1/integrations/connectors/${id}/check`, { configuration: pgConfig(SECRET_MASK, { port: 1 }) });
      expect(failed.status).toBe(200);
      expect(failed.body.status).toBe("failed");
      expect(failed.body.saved).toBe(false);
      expect(typeof failed.body.reason).toBe("string");
      expect((await t.call("GET", `/api/v1/integrations/connectors/${id}`)).body.configuration.port).toBe(5432);

      const succeeded = await t.call("POST", `/api/v1/integrations/connectors/${id}/check`, { name: "Checked" });
      expect(succeeded.status).toBe(200);
      expect(succeeded.body.status).toBe("succeeded");
      expect(succeeded.body.saved).toBe(true);
      expect(succeeded.body.connector.name).toBe("Checked");
      expect(succeeded.body.connector.configuration.password).toBe(SECRET_MASK);
    });
  });
});
