// Found by the reliability suite's crash run: a process killed after the agent stored its
// checkpoint ("completed") and before the session record was saved left a session that waited for
// its password forever, its agent never running again. The record is stored first now; here the
// record save fails at that very moment (as a kill would cut it), the process "restarts" (new deps
// over the same data dir), and the person's resent password finishes the setup.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { LowdbStore } from "../store/lowdb-store.ts";
import type { SessionRecord } from "../store/types.ts";
import { services } from "../testing/service-gate.ts";
import { startTestApp } from "../testing/test-app.ts";

const postgresUp = await services.postgres();

/** A lowdb store whose next session save fails, as a SIGKILL during it would leave things. */
class CutStore extends LowdbStore {
  cutNextSessionSave = false;
  override async putSession(record: SessionRecord): Promise<void> {
    if (this.cutNextSessionSave) {
      this.cutNextSessionSave = false;
      throw new Error("killed before the session record was saved");
    }
    await super.putSession(record);
  }
}

describe.skipIf(!postgresUp)("checkpoint and session record after a crash between them", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("a session whose finishing action lost its record save finishes when the answer is sent again", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-checkpoint-order-"));
    dirs.push(dataDir);
    const env = { ONRAMP_SECRET_KEY: randomBytes(32).toString("base64") };
    const token = `onr_test_${randomBytes(16).toString("hex")}`;
    const firstStore = new CutStore({ dataDir });
    const first = await startTestApp({ dataDir, env, token, overrides: { store: firstStore } });
    const created = (await first.call("POST", "/api/v1/setup-sessions", { workspace_name: "default", connector_type: "source-postgres" })).body;
    const url = `/api/v1/setup-sessions/${created.session_id}`;
    for (const text of ["host 127.0.0.1", "port 5432", "database test", "username postgres"]) {
      expect((await first.call("POST", `${url}/messages`, { text }, created.session_token)).status).toBe(200);
    }
    // The password's action tests, saves the connector and completes; its record save is cut.
    firstStore.cutNextSessionSave = true;
    const cut = await first.call("POST", `${url}/secrets`, { path: "/password", value: "pw" }, created.session_token);
    expect(cut.status).toBe(500);
    await first.close({ keepData: true });

    // A new process over the same data: the person sends the password again, then presses Test if asked.
    const second = await startTestApp({ dataDir, env, token });
    try {
      const resent = await second.call("POST", `${url}/secrets`, { path: "/password", value: "pw" }, created.session_token);
      expect(resent.status, JSON.stringify(resent.body)).toBe(200);
      let snapshot = (await second.call("GET", url, undefined, created.session_token)).body;
      for (let press = 0; press < 3 && snapshot.status === "active"; press++) {
        await second.call("POST", `${url}/test`, undefined, created.session_token);
        snapshot = (await second.call("GET", url, undefined, created.session_token)).body;
      }
      expect(snapshot.status).toBe("completed");
      const record = (await second.deps.store.getSession(created.session_id))!;
      expect(record.connectorId).toBeTruthy();
    } finally {
      await second.close({ keepData: true });
    }
  });
});
