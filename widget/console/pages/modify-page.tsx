// Modify a connector: the form (the widget's form view, "Test and save" as ever) on the left and
// the documentation panel on the right, following the field in focus.
import { useEffect, useState } from "preact/hooks";
import type { ConnectorDetail } from "../api.ts";
import type { ConsoleData } from "../console-data.ts";
import type { FieldFocusDetail } from "../../views/form/form-view.tsx";
import { DocsPanel } from "../docs-panel.tsx";
import { openSession } from "../open-sessions.ts";
import { routeHash } from "../router.ts";
import { SetupWidget } from "../setup-panel.tsx";

export function ModifyPage({ data, connectorId, sessionId }: { data: ConsoleData; connectorId: string; sessionId: string }) {
  const [connector, setConnector] = useState<ConnectorDetail | null>(null);
  const [field, setField] = useState<FieldFocusDetail | null>(null);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    data.api.connector(connectorId).then(setConnector, data.fail);
  }, [connectorId]);
  const session = openSession(sessionId);
  const back = routeHash({ page: "connector", connectorId });
  if (!session) {
    return (
      <div class="page narrow">
        <p class="empty">This modification is not open in this tab.</p>
        <a href={back}>Back to the connector</a>
      </div>
    );
  }
  const definition = connector ? data.definition(connector.definitionId) : undefined;
  return (
    <div class="page wide">
      <div class="crumbs">
        <a href={back}>← {connector?.name ?? "Connector"}</a>
      </div>
      {saved && (
        <p class="note ok" role="status">
          Saved. <a href={back}>Back to {connector?.name}</a>
        </p>
      )}
      <div class="split">
        <SetupWidget
          target={{ sessionId, sessionToken: session.token, view: "form" }}
          onFieldFocus={setField}
          onCompleted={async () => {
            setSaved(true);
            setConnector(await data.api.connector(connectorId));
            await data.reloadConnectors();
          }}
        />
        <DocsPanel displayName={definition?.displayName ?? "This connector"} documentationUrl={definition?.documentationUrl} field={field} />
      </div>
    </div>
  );
}
