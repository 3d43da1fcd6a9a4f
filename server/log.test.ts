import { describe, expect, it } from "vitest";
import { memoryLogger, redact, REDACTED } from "./log.ts";

describe("logger", () => {
  it("never prints values under secret-looking keys, at any depth", () => {
    const log = memoryLogger();
    const canary = "canary-" + Math.random().toString(36).slice(2);
    log.info("connector saved", {
      connector_id: "src_1",
      config: { host: "db", password: canary, credentials: { api_key: canary }, nested: [{ client_secret: canary }] },
      headers: { Authorization: `Bearer ${canary}` },
      secretRefs: { "/password": "sec_1" },
    });
    log.warn(`request with Bearer ${canary}`);
    const text = log.lines.join("\n");
    expect(text).not.toContain(canary);
    expect(text).toContain("src_1");
    expect(text).toContain("sec_1");
    expect(text).toContain(REDACTED);
  });

  it("respects the level", () => {
    const log = memoryLogger("warn");
    log.info("hidden");
    log.error("shown");
    expect(log.lines).toHaveLength(1);
  });

  it("keeps ordinary fields", () => {
    expect(redact({ host: "h", port: 5432, tokenHash: "x" })).toEqual({ host: "h", port: 5432, tokenHash: "x" });
  });
});
