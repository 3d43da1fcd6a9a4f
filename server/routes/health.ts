import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";

export function healthRoutes(deps: AppDeps): Hono<any> {
  const app = new Hono();
  app.get("/healthz", (c) => {
    const registries = deps.catalogRegistries ?? [];
    return c.json({
      status: "ok",
      definitions: deps.catalog.list().length,
      store: deps.config.databaseUrl ? "postgres" : "lowdb",
      // A registry that could not be read is no outage (the rest of the catalog works), but the
      // operator learns here why its connectors are missing or stale.
      catalog: {
        definitions: deps.catalog.list().length,
        registries,
        ...(registries.some((registry) => registry.status !== "loaded") ? { warnings: registries.filter((r) => r.status !== "loaded").map((r) => `${r.source}: ${r.error}`) } : {}),
      },
    });
  });
  return app;
}
