import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";

export function healthRoutes(deps: AppDeps): Hono<any> {
  const app = new Hono();
  app.get("/healthz", (c) =>
    c.json({ status: "ok", definitions: deps.catalog.list().length, store: deps.config.databaseUrl ? "postgres" : "lowdb" }),
  );
  return app;
}
