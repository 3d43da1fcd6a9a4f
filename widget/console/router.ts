// The console's pages live in the URL fragment, so a reload (or a link) opens the same page,
// an open setup included: #/, #/setup/<session>, #/connectors/<id>,
// #/connectors/<id>/modify/<session>, #/connectors/<id>/connections/new[?with=<id>], #/oauth-clients,
// #/imports (a new connector from an API description), #/imports/<id> (its review).
import { useEffect, useState } from "preact/hooks";

export type Route =
  | { page: "home" }
  | { page: "setup"; sessionId: string }
  /** `saved`: it was just set up (the page says so). */
  | { page: "connector"; connectorId: string; saved?: boolean }
  | { page: "modify"; connectorId: string; sessionId: string }
  | { page: "new-connection"; connectorId: string; withId?: string; saved?: boolean }
  | { page: "oauth-clients" }
  | { page: "imports" }
  | { page: "import"; importId: string };

export function parseRoute(hash: string): Route {
  const [path, query = ""] = hash.replace(/^#\/?/, "").split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query);
  if (parts[0] === "setup" && parts[1]) return { page: "setup", sessionId: parts[1] };
  if (parts[0] === "oauth-clients") return { page: "oauth-clients" };
  if (parts[0] === "imports") return parts[1] ? { page: "import", importId: parts[1] } : { page: "imports" };
  if (parts[0] === "connectors" && parts[1]) {
    if (parts[2] === "modify" && parts[3]) return { page: "modify", connectorId: parts[1], sessionId: parts[3] };
    const saved = params.get("saved") === "1" ? { saved: true } : {};
    if (parts[2] === "connections" && parts[3] === "new") return { page: "new-connection", connectorId: parts[1], ...(params.get("with") ? { withId: params.get("with")! } : {}), ...saved };
    return { page: "connector", connectorId: parts[1], ...saved };
  }
  return { page: "home" };
}

export function routeHash(route: Route): string {
  const id = encodeURIComponent;
  switch (route.page) {
    case "home":
      return "#/";
    case "setup":
      return `#/setup/${id(route.sessionId)}`;
    case "connector":
      return `#/connectors/${id(route.connectorId)}${route.saved ? "?saved=1" : ""}`;
    case "modify":
      return `#/connectors/${id(route.connectorId)}/modify/${id(route.sessionId)}`;
    case "new-connection": {
      const query = new URLSearchParams({ ...(route.withId ? { with: route.withId } : {}), ...(route.saved ? { saved: "1" } : {}) }).toString();
      return `#/connectors/${id(route.connectorId)}/connections/new${query ? `?${query}` : ""}`;
    }
    case "oauth-clients":
      return "#/oauth-clients";
    case "imports":
      return "#/imports";
    case "import":
      return `#/imports/${id(route.importId)}`;
  }
}

export function navigate(route: Route) {
  location.hash = routeHash(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.hash));
    window.addEventListener("hashchange", update);
    return () => window.removeEventListener("hashchange", update);
  }, []);
  return route;
}
