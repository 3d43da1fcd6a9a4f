// The widget's size budget: everything a host page downloads (chat, form, secret mode, OAuth)
// must stay at or under 25 KB gzip. The console is a separate bundle and does not count.
import { describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { buildWidget, WIDGET_BUDGET_BYTES } from "./build.ts";

describe("widget bundle", () => {
  it(`is at most ${WIDGET_BUDGET_BYTES / 1024} KB gzip`, async () => {
    const outDir = await mkdtemp(path.join(os.tmpdir(), "onramp-widget-size-"));
    const { widgetGzip } = await buildWidget(outDir).finally(() => rm(outDir, { recursive: true, force: true }));
    expect(widgetGzip).toBeGreaterThan(1000);
    expect(widgetGzip).toBeLessThanOrEqual(WIDGET_BUDGET_BYTES);
  });
});
