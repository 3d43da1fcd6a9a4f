import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LowdbStore } from "./lowdb-store.ts";
import { WriteJournal } from "./write-journal.ts";
import { sessionRecord } from "./store-contract.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

describe("lowdb store write journal", () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), "onramp-journal-"));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("reads a session back before its file is written, and writes each record's file once on flush", async () => {
    const store = new LowdbStore({ dataDir });
    await store.init();
    for (let turn = 0; turn < 20; turn++) await store.putSession({ ...sessionRecord("ses_busy"), updated_at: `turn ${turn}` });
    expect((await store.getSession("ses_busy"))?.updated_at).toBe("turn 19");
    expect(await store.listSessionsExpiredBefore("9999-01-01T00:00:00.000Z")).toContain("ses_busy");
    await store.flush();
    expect(JSON.parse(await readFile(path.join(dataDir, "sessions", "ses_busy.json"), "utf8")).updated_at).toBe("turn 19");
    // Nothing is left to replay once every record is in its file.
    expect(await readdir(path.join(dataDir, "journal"))).toEqual([]);
    await store.close();
  });

  it("never brings a deleted session back, whether it was in its file or only in the journal", async () => {
    const store = new LowdbStore({ dataDir });
    await store.init();
    await store.putSession(sessionRecord("ses_filed"));
    await store.flush();
    await store.putSession(sessionRecord("ses_journaled"));
    await store.deleteSession("ses_filed");
    await store.deleteSession("ses_journaled");
    expect(await store.getSession("ses_filed")).toBeUndefined();
    expect(await store.getSession("ses_journaled")).toBeUndefined();
    // Another store opening the same data dir replays the journal (as after a crash).
    const reopened = new LowdbStore({ dataDir });
    await reopened.init();
    expect(await reopened.getSession("ses_filed")).toBeUndefined();
    expect(await reopened.getSession("ses_journaled")).toBeUndefined();
    await reopened.close();
    await store.close();
  });

  it("rotates while writes keep coming, and every record's file ends with its last value", async () => {
    const files = new Map<string, string>();
    let fileWrites = 0;
    const journal = new WriteJournal({
      dir: path.join(dataDir, "journal"),
      maxAgeMs: 10,
      target: {
        async writeText(collection, id, text) {
          fileWrites++;
          files.set(`${collection}/${id}`, text);
        },
        async remove(collection, id) {
          files.delete(`${collection}/${id}`);
        },
      },
    });
    let turn = 0;
    const writeTurn = () => Promise.all(Array.from({ length: 5 }, (_, slot) => journal.write("sessions", `s${slot}`, JSON.stringify({ turn: turn++ / 5 | 0 }))));
    // A steady stream of writes: a rotation (due every 10 ms) happens without waiting for a pause.
    while (fileWrites === 0 && turn < 500_000) await writeTurn();
    for (let more = 0; more < 20; more++) await writeTurn();
    turn = turn / 5;
    expect(fileWrites).toBeGreaterThan(0);
    expect(fileWrites).toBeLessThan(turn * 5);
    await journal.close();
    for (let slot = 0; slot < 5; slot++) expect(JSON.parse(files.get(`sessions/s${slot}`)!)).toEqual({ turn: turn - 1 });
    expect(await readdir(path.join(dataDir, "journal"))).toEqual([]);
  });

  it("keeps every acknowledged write of a process killed with SIGKILL", async () => {
    // A child process writes sessions and checkpoints, says how far it got, and is killed while
    // it keeps writing; a new store must read everything it had acknowledged.
    const script = `
      import { LowdbStore } from ${JSON.stringify(path.join(here, "lowdb-store.ts"))};
      import { sessionRecord } from ${JSON.stringify(path.join(here, "store-contract.ts"))};
      const store = new LowdbStore({ dataDir: ${JSON.stringify(dataDir)} });
      await store.init();
      for (let turn = 0; ; turn++) {
        await Promise.all([
          store.putSession({ ...sessionRecord("ses_" + (turn % 7)), updated_at: "turn " + turn }),
          store.putCheckpoint("ses_" + (turn % 7), { turn }),
        ]);
        process.stdout.write(turn + "\\n");
      }
    `;
    const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
    let acknowledged = -1;
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        const lines = chunk.toString().trim().split("\n");
        acknowledged = Number(lines.at(-1));
        if (acknowledged >= 300 && !child.killed) {
          child.kill("SIGKILL");
          resolve();
        }
      });
    });
    await new Promise((resolve) => child.once("close", resolve));
    const store = new LowdbStore({ dataDir });
    await store.init();
    for (let slot = 0; slot < 7; slot++) {
      // The newest acknowledged turn of each session, or a later one the child wrote before dying.
      const newestAcknowledged = acknowledged - ((acknowledged - slot) % 7 + 7) % 7;
      const session = await store.getSession(`ses_${slot}`);
      expect(Number(session?.updated_at.slice("turn ".length))).toBeGreaterThanOrEqual(newestAcknowledged);
      const checkpoint = (await store.getCheckpoint(`ses_${slot}`)) as { turn: number } | undefined;
      expect(checkpoint?.turn).toBeGreaterThanOrEqual(newestAcknowledged);
    }
    await store.close();
  }, 30_000);
});
