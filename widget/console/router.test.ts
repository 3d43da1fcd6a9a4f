import { describe, expect, it } from "vitest";
import { parseRoute, routeHash, type Route } from "./router.ts";

describe("console routes", () => {
  it("round-trip through the URL fragment", () => {
    const routes: Route[] = [
      { page: "home" },
      { page: "setup", sessionId: "3f2a" },
      { page: "connector", connectorId: "src_1" },
      { page: "connector", connectorId: "dst_1", saved: true },
      { page: "modify", connectorId: "src_1", sessionId: "9c" },
      { page: "new-connection", connectorId: "src_1" },
      { page: "new-connection", connectorId: "src_1", withId: "dst_2", saved: true },
      { page: "oauth-clients" },
    ];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
    expect(parseRoute("")).toEqual({ page: "home" });
    expect(parseRoute("#token=abc")).toEqual({ page: "home" });
  });
});
