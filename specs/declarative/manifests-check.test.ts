import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { manifestsCheck } from "./manifests-check.ts";
import { FIXTURES_DIR } from "./testing/fixture-definition.ts";
import { SHARED_MANIFESTS_DIR, sharedManifests } from "./testing/shared-manifests.ts";

describe("manifests-check", () => {
  it("builds each manifest's first check request from an example config, secrets masked, nothing sent", async () => {
    const out = new PassThrough();
    let text = "";
    out.on("data", (chunk) => (text += chunk));
    const { passed, failed, reports } = await manifestsCheck([FIXTURES_DIR], out);
    expect(reports).toHaveLength(6);
    expect(failed).toBe(0);
    expect(passed).toBe(6);
    const rocket = reports.find((report) => report.name === "source-rocket-chat")!;
    expect(rocket.request).toMatchObject({ method: "GET", stream: "teams" });
    expect(rocket.request!.url).toMatch(/\/api\/v1\/teams\.list\?count=1$/);
    // The token is a secret of the spec: masked in the headers shown.
    expect(rocket.request!.headers["X-Auth-Token"]).toBe("**********");
    const sigma = reports.find((report) => report.name === "source-sigma-computing")!;
    expect(sigma.request!.headers.Authorization).toBe("Bearer <access token from the token endpoint>");
    const senseforce = reports.find((report) => report.name === "source-senseforce")!;
    expect(senseforce.request).toMatchObject({ method: "POST" });
    expect(senseforce.request!.body).toMatch(/"value": \d+/);
    expect(text).toMatch(/^ok {3}source-aha \(products_stream\): GET .*\/api\/v1\/products\?per_page=5/m);
    expect(text.trim().split("\n").at(-1)).toBe("6 passed, 0 failed");
  });

  it("keeps the six runtime fixtures equal to the shared manifests they were copied from", async () => {
    if (!(await sharedManifests())) return;
    for (const file of (await readdir(FIXTURES_DIR)).filter((name) => name.endsWith(".yaml"))) {
      expect((await readFile(path.join(FIXTURES_DIR, file))).equals(await readFile(path.join(SHARED_MANIFESTS_DIR, file))), file).toBe(true);
    }
  });
});
