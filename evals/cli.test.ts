// The CLI end to end, in-process, on a folder of cases written here (offline model).
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { main } from "./cli.ts";

let dir: string;
const lines: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "onramp-cli-"));
  await writeFile(
    path.join(dir, "good.yaml"),
    "id: cli/good\nconnector: destination-dev-null\nopening: \"dev null destination, silent please\"\n" +
      "facts:\n  /test_destination: { choose: Silent }\nexpect:\n  outcome: saved\n  config: { test_destination: { test_destination_type: SILENT } }\n",
  );
  await writeFile(
    path.join(dir, "impossible.json"),
    JSON.stringify({ id: "cli/impossible", connector: "destination-dev-null", opening: "dev null, silent", expect: { outcome: "abandoned", max_user_turns: 0 } }),
  );
});
afterAll(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

function captureStdout() {
  lines.length = 0;
  vi.spyOn(process.stdout, "write").mockImplementation(((chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  }) as any);
  vi.spyOn(process.stderr, "write").mockImplementation(((chunk: unknown) => {
    lines.push(String(chunk));
    return true;
  }) as any);
}

describe("npm run eval", () => {
  it("prints a progress line per case, the table, the closing line, writes --json, exits 1 on a failure", async () => {
    captureStdout();
    const json = path.join(dir, "report.json");
    const code = await main(["--cases", dir, "--json", json, "--markdown", "--concurrency", "2"], {});
    vi.restoreAllMocks();
    const output = lines.join("");
    expect(code).toBe(1);
    expect(output).toMatch(/\[\d\/2\] PASS cli\/good/);
    expect(output).toMatch(/\[\d\/2\] FAIL cli\/impossible/);
    expect(output).toMatch(/id\s+outcome\s+config\s+test\s+turns\s+not_asked\s+no_leak\s+no_wrong_value\s+user turns\s+required\s+seconds/);
    expect(output).toContain("| pass rate | 50% (1/2) |");
    expect(output.trimEnd().split("\n").at(-1)).toBe("1 passed, 1 failed");
    const report = JSON.parse(await readFile(json, "utf8"));
    const good = report.cases.find((entry: any) => entry.id === "cli/good");
    expect(good.graders.outcome).toMatchObject({ pass: true, score: 1 });
    expect(good.transcript.length).toBeGreaterThan(1);
    expect(typeof good.userTurns).toBe("number");
  });

  it("--markdown prints exactly the README block that --markdown-into rewrites, leaving the rest of the file", async () => {
    const readme = path.join(dir, "README.md");
    const before = "# Title\n\nintro\n\n<!-- summary:start -->\nstale figures\n<!-- summary:end -->\n\nafter\n";
    await writeFile(readme, before);
    captureStdout();
    const code = await main(["--cases", dir, "--only", "cli/go*", "--markdown", "--markdown-into", readme], {});
    vi.restoreAllMocks();
    const output = lines.join("");
    expect(code).toBe(0);
    const written = await readFile(readme, "utf8");
    const block = written.slice(written.indexOf("-->\n") + 4, written.indexOf("\n<!-- summary:end -->"));
    expect(output).toContain(`\n${block}\n`);
    expect(block).toMatch(/^`npm run eval -- --cases .* --only 'cli\/go\*'`, model `offline`, \d{4}-\d\d-\d\d:\n/);
    expect(block).toContain("| cases | 1 over 1 connector |");
    expect(block).toContain("| pass rate | 100% (1/1) |");
    expect(block).toContain("| cases with a leaked secret | 0 |");
    expect(written.replace(block, "stale figures")).toBe(before);
  });

  it("refuses a --markdown-into file without the block before running anything", async () => {
    const readme = path.join(dir, "NO-BLOCK.md");
    await writeFile(readme, "# nothing to rewrite\n");
    captureStdout();
    const code = await main(["--cases", dir, "--markdown-into", readme, "--markdown-block", "summary-all"], {});
    vi.restoreAllMocks();
    expect(code).toBe(2);
    expect(lines.join("")).toContain("no <!-- summary-all:start --> ... <!-- summary-all:end --> block");
    expect(lines.join("")).not.toContain("Running");
  });

  it("exits 0 when every selected case passes (--only)", async () => {
    captureStdout();
    const code = await main(["--cases", dir, "--only", "cli/go*"], {});
    vi.restoreAllMocks();
    expect(lines.join("").trimEnd().split("\n").at(-1)).toBe("1 passed, 0 failed");
    expect(code).toBe(0);
  });

  it("runs a case with an unknown top-level key and prints a warning naming the file and the key", async () => {
    const foreign = await mkdtemp(path.join(os.tmpdir(), "onramp-cli-foreign-"));
    await writeFile(
      path.join(foreign, "tagged.yaml"),
      "id: cli/tagged\nconnector: destination-dev-null\ntags: [smoke]\nopening: \"dev null destination, silent please\"\n" +
        "facts:\n  /test_destination: { choose: Silent }\nexpect:\n  outcome: saved\n",
    );
    captureStdout();
    const code = await main(["--cases", foreign], {});
    vi.restoreAllMocks();
    await rm(foreign, { recursive: true, force: true });
    const output = lines.join("");
    expect(output).toMatch(/warning: .*tagged\.yaml: ignoring top-level key "tags"/);
    expect(output.trimEnd().split("\n").at(-1)).toBe("1 passed, 0 failed");
    expect(code).toBe(0);
  });

  it("names the file and field of a malformed case and runs nothing", async () => {
    const bad = await mkdtemp(path.join(os.tmpdir(), "onramp-cli-bad-"));
    await writeFile(path.join(bad, "broken.yaml"), "id: x\nconnector: y\nexpect: { outcome: maybe }\n");
    captureStdout();
    const code = await main(["--cases", bad], {});
    vi.restoreAllMocks();
    await rm(bad, { recursive: true, force: true });
    expect(code).toBe(2);
    expect(lines.join("")).toMatch(/broken\.yaml: malformed case:[\s\S]*\/expect\/outcome/);
  });
});
