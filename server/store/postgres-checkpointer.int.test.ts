// The agent's checkpoints on Postgres (DATABASE_URL): LangGraph's official tables, one checkpoint
// per thread however many turns, a new agent (a restarted server) resumes the conversation, and
// forgetting a session deletes its thread. Needs PostgreSQL at 127.0.0.1:5432 (skips with a reason,
// fails under ONRAMP_REQUIRE_SERVICES=1).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Catalog, type Definition } from "../../specs/index.ts";
import { createSetupAgent } from "../../agent/index.ts";
import { converse } from "../../agent/testing/conversation.ts";
import { createMemoryPort } from "../../agent/memory-port.ts";
import { services } from "../testing/service-gate.ts";
import { checkpointSchema } from "../bootstrap.ts";
import { loadConfig } from "../config.ts";
import { startTestServer, type TestServer } from "../sessions/testing/test-server.ts";
import { createSession, RestSession } from "../sessions/testing/session-client.ts";
import { createPostgresCheckpointer } from "./postgres-checkpointer.ts";

const ok = await services.postgres();
const databaseUrl = "postgres://postgres@127.0.0.1:5432/test";

/** Row counts of one thread in the official tables, and blobs the newest checkpoint does not name. */
async function threadRows(pool: pg.Pool, schema: string, threadId: string) {
  const count = async (sql: string) => Number((await pool.query(sql, [threadId])).rows[0].count);
  const s = `"${schema}"`;
  return {
    checkpoints: await count(`SELECT count(*) FROM ${s}.checkpoints WHERE thread_id = $1`),
    writes: await count(`SELECT count(*) FROM ${s}.checkpoint_writes WHERE thread_id = $1`),
    staleWrites: await count(
      `SELECT count(*) FROM ${s}.checkpoint_writes w WHERE thread_id = $1 AND NOT EXISTS (SELECT 1 FROM ${s}.checkpoints cp WHERE cp.thread_id = w.thread_id AND cp.checkpoint_id = w.checkpoint_id)`,
    ),
    blobs: await count(`SELECT count(*) FROM ${s}.checkpoint_blobs WHERE thread_id = $1`),
    unnamedBlobs: await count(
      `SELECT count(*) FROM ${s}.checkpoint_blobs b WHERE thread_id = $1 AND NOT EXISTS (
         SELECT 1 FROM ${s}.checkpoints cp, jsonb_each_text(cp.checkpoint -> 'channel_versions') v
         WHERE cp.thread_id = b.thread_id AND v.key = b.channel AND v.value = b.version)`,
    ),
  };
}

describe.skipIf(!ok)("agent checkpoints on Postgres", () => {
  const schema = `onramp_cp_${randomBytes(6).toString("hex")}`;
  let pool: pg.Pool;
  let catalog: Catalog;
  let postgres: Definition;
  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    catalog = await Catalog.load({ builtins: true });
    postgres = catalog.get("source-postgres")!;
  });
  afterAll(async () => {
    await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool?.end();
  });

  it("keeps one checkpoint per thread over many turns, resumes in a new agent, and forget deletes the thread", async () => {
    // Two savers set up at once, as two replicas starting together would.
    const [saver] = await Promise.all([createPostgresCheckpointer({ pool, schema }), createPostgresCheckpointer({ pool, schema })]);
    const agent = createSetupAgent({ catalog, checkpointer: saver, model: { kind: "offline" } });
    const port = createMemoryPort({ definition: postgres });
    const other = createMemoryPort({ definition: postgres });
    const chat = converse(agent, port);
    await chat.send({ kind: "start" });
    await converse(agent, other).send({ kind: "start" });
    await chat.say("db.internal");
    await chat.say("what is this?");
    await chat.say("5433");
    expect(chat.pending()?.path).toBe("/database");

    const rows = await threadRows(pool, schema, port.sessionId);
    expect(rows).toMatchObject({ checkpoints: 1, staleWrites: 0, unnamedBlobs: 0 });
    // A turn runs to END (agent/graph.ts): the question asked is in the checkpoint's channels, no
    // interrupt or other pending write is left beside it.
    expect(rows.writes).toBe(0);
    expect(rows.blobs).toBeGreaterThan(0);
    expect((await threadRows(pool, schema, other.sessionId)).checkpoints).toBe(1);

    // A restarted server: a new saver and agent on the same tables.
    const restarted = createSetupAgent({ catalog, checkpointer: await createPostgresCheckpointer({ pool, schema }), model: { kind: "offline" } });
    const resumed = converse(restarted, port);
    const events = await resumed.say("shop");
    expect(port.form.values).toMatchObject({ host: "db.internal", port: 5433, database: "shop" });
    expect(resumed.asked(events)).toEqual(["/username"]);
    // "go back" walks the answers the first agent recorded in the checkpoint.
    const back = await resumed.say("go back");
    expect(resumed.asked(back)).toEqual(["/database"]);
    expect((await threadRows(pool, schema, port.sessionId)).checkpoints).toBe(1);

    await restarted.forget(port.sessionId);
    expect(await threadRows(pool, schema, port.sessionId)).toEqual({ checkpoints: 0, writes: 0, staleWrites: 0, blobs: 0, unnamedBlobs: 0 });
    expect((await threadRows(pool, schema, other.sessionId)).checkpoints).toBe(1);
  });
});

describe.skipIf(!ok)("setup sessions with DATABASE_URL", () => {
  const schema = `onramp_cps_${randomBytes(6).toString("hex")}`;
  const env = { DATABASE_URL: databaseUrl, ONRAMP_DATABASE_SCHEMA: schema, ONRAMP_SECRET_KEY: randomBytes(32).toString("base64") };
  const langgraph = checkpointSchema(loadConfig(env));
  const servers: TestServer[] = [];
  let pool: pg.Pool;
  beforeAll(() => {
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  });
  afterAll(async () => {
    for (const server of servers) await server.close().catch(() => undefined);
    await pool?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await pool?.query(`DROP SCHEMA IF EXISTS "${langgraph}" CASCADE`);
    await pool?.end();
  });

  it("stores the session's thread in the official tables, continues after a restart, and the sweep deletes it", async () => {
    const first = await startTestServer({ env, logLevel: "warn" });
    servers.push(first);
    const created = await createSession(first.baseUrl, first.apiToken, { connector_type: "source-postgres" });
    const rest = new RestSession(first.baseUrl, created.session_id, created.session_token);
    // A token pasted into chat is cut out before the agent sees it, so no checkpoint holds it.
    const token = `ghp_${randomBytes(18).toString("hex")}`;
    await rest.events("POST", "/messages", { text: `host db.internal and my token ${token}` });
    await rest.events("POST", "/messages", { text: "what is this?" });
    await rest.events("POST", "/messages", { text: "5433" });
    expect(await threadRows(pool, langgraph, created.session_id)).toMatchObject({ checkpoints: 1, staleWrites: 0, unnamedBlobs: 0 });
    const dump = await pool.query(
      `SELECT cp.checkpoint::text || cp.metadata::text AS text FROM "${langgraph}".checkpoints cp
       UNION ALL SELECT convert_from(blob, 'UTF8') FROM "${langgraph}".checkpoint_blobs WHERE blob IS NOT NULL
       UNION ALL SELECT convert_from(blob, 'UTF8') FROM "${langgraph}".checkpoint_writes`,
    );
    const stored = dump.rows.map((row) => row.text).join("\n");
    // What the state does hold (the answered paths, the waiting question) is in there: the search sees it.
    expect(stored).toContain(`"/database"`);
    expect(stored).not.toContain(token);
    await first.close();

    const second = await startTestServer({ env, logLevel: "warn", apiToken: first.apiToken, dataDir: first.dataDir });
    servers.push(second);
    const again = new RestSession(second.baseUrl, created.session_id, created.session_token);
    const events = await again.events("POST", "/messages", { text: "shop" });
    const asked = events.filter((event) => event.type === "field.ask").map((event) => (event as { path: string }).path);
    expect(asked).toEqual(["/username"]);
    expect(await threadRows(pool, langgraph, created.session_id)).toMatchObject({ checkpoints: 1 });

    const swept = await second.deps.sessions.sweepExpired!({ graceMs: 0, now: Date.now() + 400 * 24 * 3600 * 1000 });
    expect(swept).toBeGreaterThanOrEqual(1);
    expect(await threadRows(pool, langgraph, created.session_id)).toMatchObject({ checkpoints: 0, writes: 0, blobs: 0 });
  });
});
