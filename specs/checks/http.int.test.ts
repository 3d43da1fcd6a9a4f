// Real HTTP checks against a local server on 127.0.0.1 that answers by the credentials it gets.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinDefinitions } from "../builtins/index.ts";
import { runCheck } from "./run-check.ts";

const httpApi = builtinDefinitions().find((definition) => definition.name === "source-http-api")!;
const taskboard = builtinDefinitions().find((definition) => definition.name === "source-taskboard")!;
const goodToken = `canary-${Math.random().toString(36).slice(2)}`;
const seen: Array<{ url: string; authorization?: string; key?: string }> = [];

let server: http.Server;
let base: string;
let blocked: http.Server | undefined;
beforeAll(async () => {
  server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://x");
    seen.push({ url: request.url ?? "", authorization: request.headers.authorization, key: request.headers["x-api-key"] as string | undefined });
    if (url.pathname === "/oauth/token") {
      const ok = request.headers.authorization === `Basic ${Buffer.from(`client:${goodToken}`).toString("base64")}`;
      response.writeHead(ok ? 200 : 401, { "content-type": "application/json" });
      return response.end(ok ? JSON.stringify({ access_token: goodToken, token_type: "bearer" }) : "{}");
    }
    if (url.pathname === "/busy") return response.writeHead(429).end();
    if (!url.pathname.startsWith("/v1")) return response.writeHead(404).end();
    const authorized =
      request.headers.authorization === `Bearer ${goodToken}` ||
      request.headers["x-api-key"] === goodToken ||
      url.searchParams.get("key") === goodToken ||
      request.headers.authorization === `Basic ${Buffer.from(`me:${goodToken}`).toString("base64")}` ||
      url.pathname === "/v1/public";
    if (url.pathname === "/v1/admin" && authorized) return response.writeHead(403).end();
    response.writeHead(authorized ? 200 : 401, { "content-type": "application/json" }).end("{}");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("HTTP check against a local server", () => {
  it("bearer token: right → succeeded, wrong → auth_failed on the token field, never echoed", async () => {
    const ok = await runCheck(httpApi, { base_url: `${base}/v1`, auth: { auth_type: "bearer", token: goodToken } });
    expect(ok.status).toBe("succeeded");
    const wrong = `canary-${Math.random().toString(36).slice(2)}`;
    const result = await runCheck(httpApi, { base_url: `${base}/v1`, auth: { auth_type: "bearer", token: wrong } });
    expect(result).toMatchObject({ status: "failed", reason: "auth_failed", fields: ["/auth/token"] });
    expect(JSON.stringify(result)).not.toContain(wrong);
  });

  it("API key in a header or in the query; basic auth", async () => {
    const header = await runCheck(httpApi, { base_url: `${base}/v1`, auth: { auth_type: "api_key", api_key: goodToken, location: "header", name: "X-API-Key" } });
    expect(header.status).toBe("succeeded");
    const query = await runCheck(httpApi, { base_url: `${base}/v1`, auth: { auth_type: "api_key", api_key: goodToken, location: "query", name: "key" } });
    expect(query.status).toBe("succeeded");
    expect(seen.some((request) => request.url.includes(`key=${goodToken}`))).toBe(true);
    const basic = await runCheck(httpApi, { base_url: `${base}/v1`, auth: { auth_type: "basic", username: "me", password: goodToken } });
    expect(basic.status).toBe("succeeded");
  });

  it("OAuth client credentials: the token is fetched, then used", async () => {
    const config = { base_url: `${base}/v1`, auth: { auth_type: "oauth2", token_url: `${base}/oauth/token`, client_id: "client", client_secret: goodToken } };
    expect((await runCheck(httpApi, config)).status).toBe("succeeded");
    const refused = await runCheck(httpApi, { ...config, auth: { ...config.auth, client_secret: "nope-nope" } });
    expect(refused).toMatchObject({ status: "failed", reason: "auth_failed" });
    expect(refused.fields).toContain("/auth/client_secret");
  });

  it("404 → not_found on the URL fields, 403 → permission_denied, 429 → rate_limited", async () => {
    const missing = await runCheck(httpApi, { base_url: `${base}/v2`, auth: { auth_type: "none" } });
    expect(missing).toMatchObject({ status: "failed", reason: "not_found", fields: ["/base_url", "/health_path"] });
    const forbidden = await runCheck(httpApi, { base_url: `${base}/v1`, health_path: "/admin", auth: { auth_type: "bearer", token: goodToken } });
    expect(forbidden).toMatchObject({ status: "failed", reason: "permission_denied", fields: ["/auth/token"] });
    const busy = await runCheck(httpApi, { base_url: base, health_path: "/busy", auth: { auth_type: "none" } });
    expect(busy).toMatchObject({ status: "failed", reason: "rate_limited" });
  });

  it("a closed port → unreachable on the URL", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const result = await runCheck(httpApi, { base_url: `http://127.0.0.1:${port}/v1`, auth: { auth_type: "none" } });
    expect(result).toMatchObject({ status: "failed", reason: "unreachable", fields: ["/base_url"] });
  });

  it("a port fetch refuses to dial (the Fetch standard's bad ports) with nothing there → unreachable", async () => {
    for (const port of [9, 1]) {
      const result = await runCheck(httpApi, { base_url: `http://127.0.0.1:${port}/v1`, auth: { auth_type: "none" } });
      expect(result).toMatchObject({ status: "failed", reason: "unreachable", fields: ["/base_url"] });
    }
  });

  it("an API listening on a port fetch refuses is still checked for real", async () => {
    // Ports above 1024 on the bad-ports list; any one free on this machine will do.
    let port: number | undefined;
    for (const candidate of [6665, 6666, 6667, 6668, 6669, 6697, 10080, 6000, 5060, 4045]) {
      const ok = await new Promise<boolean>((resolve) => {
        const extra = http.createServer((request, response) => {
          const authorized = request.headers.authorization === `Bearer ${goodToken}`;
          response.writeHead(authorized ? 200 : 401).end();
        });
        extra.once("error", () => resolve(false));
        extra.listen(candidate, "127.0.0.1", () => {
          blocked = extra;
          resolve(true);
        });
      });
      if (ok) {
        port = candidate;
        break;
      }
    }
    expect(port, "every candidate port is taken on this machine").toBeDefined();
    try {
      const ok = await runCheck(httpApi, { base_url: `http://127.0.0.1:${port}/v1`, auth: { auth_type: "bearer", token: goodToken } });
      expect(ok.status).toBe("succeeded");
      const wrong = await runCheck(httpApi, { base_url: `http://127.0.0.1:${port}/v1`, auth: { auth_type: "bearer", token: "nope" } });
      expect(wrong).toMatchObject({ status: "failed", reason: "auth_failed" });
    } finally {
      await new Promise<void>((resolve) => blocked!.close(() => resolve()));
    }
  });

  it("the OAuth SaaS source checks with its access token at its API URL", async () => {
    const config = {
      start_date: "2024-01-01",
      api_url: `${base}/v1`,
      credentials: { auth_type: "oauth2.0", client_id: "c", client_secret: "s", access_token: goodToken },
    };
    expect((await runCheck(taskboard, config)).status).toBe("succeeded");
    const expired = await runCheck(taskboard, { ...config, credentials: { ...config.credentials, access_token: "old-token-x" } });
    expect(expired).toMatchObject({ status: "failed", reason: "auth_failed" });
    expect(expired.fields).toContain("/credentials/access_token");
  });

  it("a server that never answers → timeout on the URL, within the bound", async () => {
    const hanging = http.createServer(() => {});
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    try {
      const started = Date.now();
      const port = (hanging.address() as AddressInfo).port;
      const result = await runCheck(httpApi, { base_url: `http://127.0.0.1:${port}/v1`, auth: { auth_type: "none" } }, { timeoutMs: 500 });
      expect(result).toMatchObject({ status: "failed", reason: "timeout", fields: ["/base_url"] });
      // Cut off by runCheck's deadline, the result still names what the driver was reaching.
      expect(result.message).toContain(`The API at 127.0.0.1:${port} did not answer`);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      hanging.closeAllConnections();
      hanging.close();
    }
  });

  it.skipIf(!existsSync("/usr/bin/openssl"))("a self-signed certificate → tls on the URL", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "onramp-tls-"));
    await promisify(execFile)("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "1",
      "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem"),
    ]);
    const secure = https.createServer({ key: await readFile(path.join(dir, "key.pem")), cert: await readFile(path.join(dir, "cert.pem")) }, (_request, response) => {
      response.writeHead(200).end("{}");
    });
    await new Promise<void>((resolve) => secure.listen(0, "127.0.0.1", resolve));
    try {
      const port = (secure.address() as AddressInfo).port;
      const result = await runCheck(httpApi, { base_url: `https://127.0.0.1:${port}/v1`, auth: { auth_type: "none" } });
      expect(result).toMatchObject({ status: "failed", reason: "tls", fields: ["/base_url"] });
      expect(result.message).toMatch(/certificate/);
    } finally {
      secure.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("a masked secret is refused as invalid_config on that field", async () => {
    const result = await runCheck(httpApi, { base_url: `${base}/v1`, auth: { auth_type: "bearer", token: "**********" } });
    expect(result).toMatchObject({ status: "failed", reason: "invalid_config", fields: ["/auth/token"] });
  });
});
