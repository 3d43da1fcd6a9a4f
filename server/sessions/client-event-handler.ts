// What each client event does to a session, inside the session's lock: screening chat, secret
// mode, form edits (with conflicts), view switches, OAuth cancel, test requests. Refusals are
// answered to the caller only; everything else is broadcast through the action.
import type { ClientEvent, ServerEvent } from "../../agent/protocol.ts";
import type { AgentInput } from "../../agent/session-port.ts";
import { screenOptionsFor, screenUserText } from "../../agent/index.ts";
import { isSecretPath } from "../../specs/index.ts";
import { FormOpError, findConflict } from "./form-document.ts";
import { definitionOf, patchSessionForm, putSessionSecret, type SessionAction, type SessionServices } from "./session-port.ts";
import { appendTranscript } from "./session-state.ts";

// Events answered only to the caller that caused them (a rejected event, a conflict): a mistake
// in one view is not broadcast to the others.
const callerOnly = new WeakSet<ServerEvent>();

/** True for an event that was returned to its caller but not broadcast to the session's views. */
export function isCallerOnly(event: ServerEvent): boolean {
  return callerOnly.has(event);
}

export function callerError(code: string, message: string, field?: string): ServerEvent {
  const event: ServerEvent = { type: "error", code, message, ...(field !== undefined ? { field } : {}) };
  callerOnly.add(event);
  return event;
}

export interface ClientEventDeps {
  services: SessionServices;
  runAgent(action: SessionAction, input: AgentInput): Promise<void>;
}

export async function handleClientEvent(
  action: SessionAction,
  event: ClientEvent,
  reply: ServerEvent[],
  { services, runAgent }: ClientEventDeps,
): Promise<void> {
  const { catalog } = services;
  const { record } = action;
  // A socket opened before the session expired does not outlive it.
  if (Date.parse(record.expiresAt) <= Date.now()) {
    reply.push(callerError("session_expired", `This setup session expired at ${record.expiresAt}; create a new session`));
    return;
  }
  if (record.status !== "active" && event.type !== "view.switch") {
    reply.push(callerError("session_closed", `This setup session is ${record.status}.`));
    return;
  }
  switch (event.type) {
    case "user.message": {
      // Screened before anything else sees it: a pasted secret never reaches the agent or the transcript.
      const secretPath = record.pending?.secret ? record.pending.path : null;
      const screened = screenUserText(event.text, record.pending, screenOptionsFor(definitionOf(record, catalog), record.form.values, secretPath));
      appendTranscript(record, { role: "user", text: screened.text });
      // Every secret the message carried for a known field is stored (a pasted .env may hold two).
      const stored: string[] = [];
      for (const secret of screened.secrets) {
        if (!secret.path || stored.includes(secret.path)) continue;
        await putSessionSecret(action, secret.path, secret.value, "form", services);
        action.emit({ type: "secret.stored", path: secret.path });
        stored.push(secret.path);
      }
      await runAgent(action, {
        kind: "message",
        text: screened.text,
        ...(screened.secret ? { redacted: true } : {}),
        ...(stored.length ? { storedAt: stored[0], stored } : {}),
      });
      return;
    }
    case "secret.submit": {
      const definition = definitionOf(record, catalog);
      const asked = record.secretMode?.path === event.path || (record.pending?.secret && record.pending.path === event.path);
      if (!asked && !(definition && isSecretPath(definition.connectionSpecification, event.path))) {
        reply.push(callerError("not_secret_field", `${event.path} is not a secret field of this connector`, event.path));
        return;
      }
      await putSessionSecret(action, event.path, event.value, "form", services);
      action.emit({ type: "secret.stored", path: event.path });
      await runAgent(action, { kind: "secret.stored", path: event.path });
      return;
    }
    case "secret.cancel":
      record.secretMode = null;
      await runAgent(action, { kind: "secret.cancel", ...(event.path ? { path: event.path } : {}) });
      return;
    case "form.patch": {
      if (!definitionOf(record, catalog)) {
        reply.push(callerError("no_definition", "Choose a connector before editing the form"));
        return;
      }
      const conflict = findConflict(record.pathVersions ?? {}, record.form.version, event.base_version, event.ops);
      if (conflict !== null) {
        reply.push(
          callerError(
            "conflict",
            `${conflict || "The form"} changed since version ${event.base_version} (now ${record.form.version}); reload and apply your edit again`,
            conflict,
          ),
        );
        return;
      }
      try {
        await patchSessionForm(action, event.ops, "form", services);
      } catch (error) {
        if (!(error instanceof FormOpError)) throw error;
        reply.push(callerError(error.code, error.message, error.field));
        return;
      }
      await runAgent(action, { kind: "form.changed" });
      return;
    }
    case "view.switch":
      record.view = event.view;
      return;
    case "oauth.cancel": {
      const cancelledPath = event.path ?? record.oauthPending?.path;
      record.oauthPending = null;
      // The popup may still be open at the provider: a sign-in finished there after the cancel
      // must find no state to redeem (the callback also checks that the session still waits).
      await services.store.dropOAuthStates(record.id);
      // A closed popup ends the flow like any other failure, for every view of the session.
      if (cancelledPath !== undefined) {
        action.emit({ type: "oauth.failed", path: cancelledPath, reason: "cancelled", message: "The sign-in window was closed before access was granted." });
      }
      await runAgent(action, { kind: "oauth.cancel", ...(event.path ? { path: event.path } : {}) });
      return;
    }
    case "test.request":
      await runAgent(action, { kind: "test.request" });
      return;
    case "session.cancel":
      record.secretMode = null;
      record.oauthPending = null;
      // As with oauth.cancel: a sign-in still open at the provider finds nothing to redeem.
      await services.store.dropOAuthStates(record.id);
      await runAgent(action, { kind: "cancel" });
      return;
  }
}
