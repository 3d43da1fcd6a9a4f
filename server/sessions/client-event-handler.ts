// What each client event does to a session, inside the session's lock: screening chat, secret
// mode, form edits (with conflicts), view switches, OAuth cancel, test requests. Refusals are
// answered to the caller only; everything else is broadcast through the action.
import type { ClientEvent, ServerEvent } from "../../agent/protocol.ts";
import type { AgentInput } from "../../agent/session-port.ts";
import { screenOptionsFor, screenUserText } from "../../agent/index.ts";
import { isSecretPath, questionAt } from "../../specs/index.ts";
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

/** What a person types to leave an optional field out (also into the masked box). */
const SKIP_WORD = /^\s*skip(?: (?:it|this|this one|for now))?[.!]?\s*$/i;

/**
 * A chat message: screened before anything else sees it (a pasted secret never reaches the agent
 * or the transcript), echoed to every view as kept, then handed to the agent.
 */
async function receiveMessage(action: SessionAction, text: string, { services, runAgent }: ClientEventDeps): Promise<void> {
  const { record } = action;
  const screened = screenUserText(text, record.pending, screenOptionsFor(definitionOf(record, services.catalog), record.form.values, record.pending?.path ?? null));
  appendTranscript(record, { role: "user", text: screened.text });
  action.emit({ type: "message.received", text: screened.text, ...(screened.secret ? { redacted: true } : {}) });
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
    case "user.message":
      await receiveMessage(action, event.text, { services, runAgent });
      return;
    case "secret.submit": {
      const definition = definitionOf(record, catalog);
      const asked = record.secretMode?.path === event.path || (record.pending?.secret && record.pending.path === event.path);
      if (!asked && !(definition && isSecretPath(definition.connectionSpecification, event.path))) {
        reply.push(callerError("not_secret_field", `${event.path} is not a secret field of this connector`, event.path));
        return;
      }
      // "skip" typed into the masked box means skip, never a password: it is not stored.
      if (SKIP_WORD.test(event.value)) {
        const question = definition ? questionAt(definition, event.path, record.form.values) : undefined;
        const required = record.pending?.path === event.path ? record.pending.required : question?.required !== false;
        if (required) {
          reply.push(callerError("secret_required", `${question?.title ?? "This field"} is required, so it cannot be skipped. Enter it, or press Cancel to talk it over in chat.`, event.path));
          return;
        }
        record.secretMode = null;
        await receiveMessage(action, "skip", { services, runAgent });
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
      const name = event.name === undefined ? undefined : event.name.trim();
      if (name === "") {
        reply.push(callerError("invalid_name", "Give the connector a name.", "/name"));
        return;
      }
      try {
        await patchSessionForm(action, event.ops, "form", services, name);
      } catch (error) {
        if (!(error instanceof FormOpError)) throw error;
        reply.push(callerError(error.code, error.message, error.field));
        return;
      }
      // A new name alone changes nothing the agent asks about; it is saved with the connector.
      if (event.ops.length > 0) await runAgent(action, { kind: "form.changed", paths: [...new Set(event.ops.map((op) => op.path))] });
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
