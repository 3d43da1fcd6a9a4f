// Secrets that are not strings (an integer, an object) go the way string secrets go, through the
// management API and a setup session alike: sealed into the secret store, the mask in every
// answer, nowhere in the data dir, and their real value back for the connection check.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECRET_MASK } from "../../specs/index.ts";
import { startTestApp, type TestApp } from "../testing/test-app.ts";
import { findLeaks } from "../sessions/testing/leak-check.ts";
import { catalogWithTypedSecrets, startTypedSecretsApi, typedSecrets, type TypedSecrets } from "../testing/typed-secrets.ts";

describe("secrets that are not strings", () => {
  let t: TestApp;
  let secrets: TypedSecrets;
  let api: Awaited<ReturnType<typeof startTypedSecretsApi>>;
  const answers: string[] = [];
  const call = async (method: string, url: string, body?: unknown, token?: string) => {
    const response = await t.call(method, url, body, token);
    answers.push(JSON.stringify(response.body));
    return response;
  };

  beforeAll(async () => {
    secrets = typedSecrets();
    api = await startTypedSecretsApi(secrets);
    t = await startTestApp({ overrides: { catalog: await catalogWithTypedSecrets() } });
  });
  afterAll(async () => {
    await t.close();
    await api.close();
  });

  const leaks = async () => {
    await t.jobs.idle();
    return findLeaks(secrets.canaries, [...answers.map((text, index) => ({ label: `answer ${index}`, text })), { label: "log", text: t.logLines.join("\n") }], [t.dataDir]);
  };

  it("are sealed on create, masked in every answer, and come back typed for test and save", async () => {
    const created = await call("POST", "/api/v1/integrations/connectors", {
      workspace_name: "default",
      connector_type: "typed-secrets",
      configuration: { base_url: api.baseUrl, pin: secrets.pin, service_account: secrets.serviceAccount },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.id).toMatch(/^src_/);
    expect(created.body.configuration).toMatchObject({ pin: SECRET_MASK, service_account: SECRET_MASK });

    const fetched = await call("GET", `/api/v1/integrations/connectors/${created.body.id}`);
    expect(fetched.body.configuration).toEqual({ base_url: api.baseUrl, pin: SECRET_MASK, service_account: SECRET_MASK });
    const record = (await t.deps.store.getConnector(created.body.id))!;
    expect(Object.keys(record.secretRefs).sort()).toEqual(["/pin", "/service_account"]);
    expect(await leaks()).toEqual([]);

    // The check resolves both to their real types: validation passes and the API sees the values.
    const checked = await call("POST", `/api/v1/integrations/connectors/${created.body.id}/check`);
    expect(checked.body, JSON.stringify(checked.body)).toMatchObject({ status: "succeeded", saved: true });
    expect(api.hits()).toBe(1);

    // The masks sent back keep both secrets.
    const patched = await call("PATCH", `/api/v1/integrations/connectors/${created.body.id}`, { configuration: fetched.body.configuration });
    expect(patched.status).toBe(200);
    expect((await call("POST", `/api/v1/integrations/connectors/${created.body.id}/check`)).body.status).toBe("succeeded");
    expect(api.hits()).toBe(2);
    expect(await leaks()).toEqual([]);
  });

  it("are sealed by a setup session's form edit, and the session's test resolves them", async () => {
    const session = await call("POST", "/api/v1/setup-sessions", { workspace_name: "default", connector_type: "typed-secrets" });
    expect(session.status).toBe(201);
    const { session_id: id, session_token: token } = session.body;
    const snapshot = await call("GET", `/api/v1/setup-sessions/${id}`, undefined, token);
    const edited = await call(
      "PATCH",
      `/api/v1/setup-sessions/${id}/form`,
      {
        base_version: snapshot.body.form.version,
        ops: [
          { op: "set", path: "/base_url", value: api.baseUrl },
          { op: "set", path: "/pin", value: secrets.pin },
          { op: "set", path: "/service_account", value: secrets.serviceAccount },
        ],
      },
      token,
    );
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const after = await call("GET", `/api/v1/setup-sessions/${id}`, undefined, token);
    expect(after.body.form.values).toMatchObject({ pin: SECRET_MASK, service_account: SECRET_MASK });
    expect(Object.keys(after.body.form.secrets).sort()).toEqual(["/pin", "/service_account"]);

    const hitsBefore = api.hits();
    const tested = await call("POST", `/api/v1/setup-sessions/${id}/test`, {}, token);
    const result = tested.body.events.find((event: { type: string }) => event.type === "test.result");
    expect(result, JSON.stringify(tested.body.events)).toMatchObject({ status: "succeeded" });
    expect(api.hits()).toBe(hitsBefore + 1);
    expect(await leaks()).toEqual([]);
  });
});
