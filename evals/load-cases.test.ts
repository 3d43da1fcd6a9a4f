import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CaseFileError, globToRegExp, loadCases } from "./load-cases.ts";

async function folder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "onramp-cases-"));
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
    await writeFile(path.join(dir, name), text);
  }
  return dir;
}

const example = `
id: postgres/one-breath
connector: source-postgres
definitions: ./defs
opening: "Hi! Host db.internal, database shop."
facts:
  /host: db.internal
  /password: { secret: "pw-CANARY-7f3a91" }
  /ssl_mode: { choose: "disable" }
  /port: { answers: [5439, 5432] }
turns:
  - say: "what is the replication method?"
  - form: { set: { /port: 6543 } }
  - secret: { path: /password, value: "pw-CANARY-7f3a91" }
  - oauth: approve
  - switch: form
expect:
  outcome: saved
  config: { host: db.internal, port: 6543 }
  test: succeeded
  max_user_turns: 6
  not_asked: [/host, /database]
`;

describe("loadCases", () => {
  it("loads the EVALS.md example, JSON cases, and skips definition folders and cassettes", async () => {
    const dir = await folder({
      "pg.yaml": example,
      "defs/source-x.json": JSON.stringify({ name: "source-x", connectionSpecification: {} }),
      "defs/notes.yaml": "not: a case",
      "nested/other.json": JSON.stringify({ id: "other", connector: "source-faker", expect: { outcome: "saved" } }),
      "nested/other.cassette.json": "[]",
    });
    const cases = await loadCases(dir);
    expect(cases.map((one) => one.id).sort()).toEqual(["other", "postgres/one-breath"]);
    const pg = cases.find((one) => one.id === "postgres/one-breath")!;
    expect(pg.definitions).toBe(path.join(dir, "defs"));
    expect(pg.facts!["/port"]).toEqual({ answers: [5439, 5432] });
    expect(await loadCases(dir, { only: "postgres/*" })).toHaveLength(1);
  });

  it("names the file and the problem of a malformed case", async () => {
    const dir = await folder({ "bad.yaml": "id: x\nconnector: y\nexpect: { outcome: done }\nturns: [{ shout: hi }]\n" });
    const error = await loadCases(dir).catch((caught) => caught);
    expect(error).toBeInstanceOf(CaseFileError);
    expect(error.message).toContain("bad.yaml");
    expect(error.message).toContain("/expect/outcome");
    expect(error.message).toContain("/turns/0");
  });

  it("runs a foreign case with top-level keys the format does not know, warning about each; known keys stay strict", async () => {
    const foreign = "id: foreign/notes\nconnector: source-faker\ndescription: written elsewhere\ntags: [smoke]\nnotes: { by: someone }\nexpect: { outcome: saved }\n";
    const dir = await folder({ "foreign.yaml": foreign });
    const warnings: string[] = [];
    const [loaded] = await loadCases(dir, { onWarning: (message) => warnings.push(message) });
    expect(loaded.id).toBe("foreign/notes");
    expect(loaded).not.toHaveProperty("tags");
    expect(warnings).toHaveLength(3);
    for (const key of ["description", "tags", "notes"]) {
      expect(warnings.some((warning) => warning.includes(path.join(dir, "foreign.yaml")) && warning.includes(`"${key}"`))).toBe(true);
    }
    const malformed = await folder({ "bad.yaml": foreign.replace("outcome: saved", "outcome: done") });
    await expect(loadCases(malformed)).rejects.toThrow(/\/expect\/outcome/);
  });

  it("rejects unparsable files and duplicate ids", async () => {
    await expect(loadCases(await folder({ "a.yaml": "id: [unclosed" }))).rejects.toThrow(/cannot be parsed/);
    const same = "id: same\nconnector: y\nexpect: {}\n";
    await expect(loadCases(await folder({ "a.yaml": same, "b.yaml": same }))).rejects.toThrow(/also used by/);
  });

  it("turns a glob into an anchored pattern", () => {
    expect(globToRegExp("postgres/*").test("postgres/a")).toBe(true);
    expect(globToRegExp("postgres/*").test("mysql/postgres/a")).toBe(false);
  });
});
