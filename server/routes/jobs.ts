// GET /api/v1/jobs/:id
import { Hono } from "hono";
import type { AppDeps } from "../deps.ts";
import { authorizeInWorkspace, type AuthEnv } from "../auth/index.ts";
import { jobView } from "./serializers.ts";

export function jobRoutes(deps: AppDeps): Hono<AuthEnv> {
  const app = new Hono<AuthEnv>();
  app.get("/api/v1/jobs/:id", async (c) => {
    const id = c.req.param("id");
    const job = await authorizeInWorkspace(deps.store, c.get("auth"), await deps.store.getJob(id), "job", id);
    return c.json(jobView(job));
  });
  return app;
}
