// A new connector set up with the assistant (the widget in its agent view). The session is
// resumed after a reload: its id is in the URL, its token in this tab's sessionStorage. Once saved,
// a source goes on to its New connection page, a destination to its Connections page (or back to
// the New connection page it was set up from).
import type { ConsoleData } from "../console-data.ts";
import { openSession } from "../open-sessions.ts";
import { navigate, routeHash } from "../router.ts";
import { SetupWidget } from "../setup-panel.tsx";

export function SetupPage({ data, sessionId }: { data: ConsoleData; sessionId: string }) {
  const session = openSession(sessionId);
  if (!session) {
    return (
      <div class="page narrow">
        <div class="panel">
          <h3>
            <span>This setup is not open in this tab</span>
          </h3>
          <p class="muted">Setups are kept per browser tab. Start it again from the catalog.</p>
          <a href={routeHash({ page: "home" })}>Back to connectors</a>
        </div>
      </div>
    );
  }
  const completed = async (connectorId: string) => {
    await data.reloadConnectors();
    if (session.connectionFor) navigate({ page: "new-connection", connectorId: session.connectionFor, withId: connectorId });
    else if (session.kind === "source") navigate({ page: "new-connection", connectorId, saved: true });
    else navigate({ page: "connector", connectorId, saved: true });
  };
  const back = session.connectionFor ? routeHash({ page: "new-connection", connectorId: session.connectionFor }) : routeHash({ page: "home" });
  return (
    <div class="page narrow">
      <div class="crumbs">
        <a href={back}>← {session.connectionFor ? "Back to the new connection" : "Connectors"}</a>
      </div>
      <h2 class="title">{session.title}</h2>
      <SetupWidget target={{ sessionId, sessionToken: session.token, view: "agent" }} onCompleted={completed} />
    </div>
  );
}
