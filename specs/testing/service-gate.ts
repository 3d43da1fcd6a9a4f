// Tests that need a real service (PostgreSQL, MariaDB, Redis, Chromium, HAProxy) ask this gate first.
// On a laptop without the service the test is skipped with a printed reason; in CI
// (ONRAMP_REQUIRE_SERVICES=1) a missing service is a failure, never a silent skip.
//
// It lives in specs/ because specs imports nothing else of Onramp's, and its tests need it;
// server/testing/service-gate.ts re-exports it for the rest. For the same reason it reads its one
// environment variable itself instead of through server/config.ts (same meaning: "1" or "true").
import { acceptsConnection } from "../checks/tcp-probe.ts";
import { existsSync } from "node:fs";

export function servicesRequired(env: Record<string, string | undefined> = process.env): boolean {
  return env.ONRAMP_REQUIRE_SERVICES === "1" || env.ONRAMP_REQUIRE_SERVICES === "true";
}

export function probeTcp(port: number, host = "127.0.0.1", timeoutMs = 1000): () => Promise<boolean> {
  return () => acceptsConnection(host, port, timeoutMs);
}

export function probeFile(file: string): () => Promise<boolean> {
  return async () => existsSync(file);
}

/** Resolves true when the service is there; false (with a printed reason) when a skip is allowed. */
export async function serviceGate(name: string, probe: () => Promise<boolean>): Promise<boolean> {
  if (await probe()) return true;
  const reason = `${name} is not available`;
  if (servicesRequired()) {
    throw new Error(`${reason}, and ONRAMP_REQUIRE_SERVICES=1 forbids skipping`);
  }
  console.warn(`[skip] ${reason}: tests that need it are skipped`);
  return false;
}

export const services = {
  postgres: () => serviceGate("PostgreSQL at 127.0.0.1:5432", probeTcp(5432)),
  mysql: () => serviceGate("MariaDB/MySQL at 127.0.0.1:3306", probeTcp(3306)),
  redis: () => serviceGate("Redis at 127.0.0.1:6379", probeTcp(6379)),
  chromium: () => serviceGate("Chromium at /usr/bin/chromium", probeFile("/usr/bin/chromium")),
  haproxy: () => serviceGate("HAProxy at /usr/sbin/haproxy", probeFile("/usr/sbin/haproxy")),
};
