// Plays one case: the simulated user against a session driver, until saved, cancelled, given up
// or out of messages; then collects what the graders need.
import type { ServerEvent, TestResultEvent } from "../agent/protocol.ts";
import { validateConfig } from "../specs/index.ts";
import type { Definition } from "../specs/types.ts";
import type { SessionDriver } from "./drivers/types.ts";
import { playOAuth } from "./oauth-user.ts";
import { requiredFieldCount } from "./required-fields.ts";
import { SimulatedUser } from "./simulated-user.ts";
import { startEventsFromSnapshot } from "./start-events.ts";
import { hasLiveCheck } from "./test-status.ts";
import type { CaseRun, EvalCase, Outcome, TranscriptItem } from "./types.ts";

const MAX_ACTIONS = 120;

export async function runCase(caseDef: EvalCase, startDriver: (caseDef: EvalCase) => Promise<SessionDriver>): Promise<CaseRun> {
  const started = performance.now();
  const at = () => Math.round(performance.now() - started) / 1000;
  const transcript: TranscriptItem[] = [];
  const asked: string[] = [];
  const askedAtStart: string[] = [];
  const record = (events: ServerEvent[], recovered?: "snapshot") => {
    for (const event of events) {
      transcript.push({ at: at(), from: "server", event, ...(recovered ? { recovered } : {}) });
      if (event.type === "field.ask" || event.type === "secret.request" || event.type === "oauth.request") asked.push(event.path);
    }
  };
  const empty: CaseRun = {
    caseId: caseDef.id,
    outcome: "abandoned",
    endReason: "not started",
    transcript,
    userTurns: 0,
    requiredFields: 0,
    finalConfig: null,
    unresolvedSecrets: [],
    configErrors: null,
    lastTest: null,
    spec: null,
    liveCheck: null,
    asked,
    askedAtStart,
    leakSources: { model: [], logs: [], files: [] },
    seconds: 0,
  };
  let driver: SessionDriver;
  try {
    driver = await startDriver(caseDef);
  } catch (error) {
    return { ...empty, error: `could not start: ${(error as Error).message}`, seconds: at() };
  }
  try {
    const delivered = driver.drain();
    record(delivered);
    record(startEventsFromSnapshot(await driver.snapshot(), delivered), "snapshot");
    askedAtStart.push(...asked);
    const user = new SimulatedUser(caseDef);
    let messages = 0;
    let endReason = `${MAX_ACTIONS} actions without an end`;
    let failures = 0;
    for (let action = 0; action < MAX_ACTIONS; action++) {
      const snapshot = await driver.snapshot();
      record(driver.drain());
      const next = user.next({ snapshot, asked }, messages);
      if (next.kind === "end") {
        endReason = next.reason;
        break;
      }
      if (next.kind === "oauth") {
        messages++;
        const popup: { type: "oauth.approve" | "oauth.deny"; path: string; landed?: string } = { type: `oauth.${next.decision}`, path: next.path };
        transcript.push({ at: at(), from: "user", event: popup });
        try {
          const played = await playOAuth({ startUrl: next.startUrl, decision: next.decision, stopAt: driver.isCallback });
          // Where the popup ended, without the code or state (single-use values, but still credentials).
          const landed = new URL(played.finalUrl);
          popup.landed = `${landed.pathname} ${played.status}${landed.searchParams.get("error") ? ` error=${landed.searchParams.get("error")}` : ""}`;
        } catch (error) {
          record([{ type: "error", code: "eval_oauth", message: (error as Error).message }]);
          if (++failures >= 3) {
            endReason = "the OAuth popup kept failing";
            break;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
        record(driver.drain());
        continue;
      }
      if (next.counts) messages++;
      transcript.push({ at: at(), from: "user", event: next.event });
      try {
        record(await driver.send(next.event));
        failures = 0;
      } catch (error) {
        // A rejected action is the server's answer to the user, kept in the transcript.
        record([{ type: "error", code: "eval_dispatch", message: (error as Error).message }]);
        if (++failures >= 3) {
          endReason = "the server kept rejecting the user's actions";
          break;
        }
      }
    }
    const snapshot = await driver.snapshot();
    record(driver.drain());
    const tests = transcript
      .map((item) => item.event)
      .filter((event): event is TestResultEvent => event.type === "test.result");
    const lastTest = tests.at(-1) ?? snapshot.lastTest ?? null;
    const outcome: Outcome =
      snapshot.status === "completed" ? "saved" : lastTest?.status === "failed" ? "test_failed" : "abandoned";
    const { config, unresolvedSecrets } = await driver.finalConfig(snapshot);
    const definition: Definition | null =
      driver.definition ??
      (snapshot.definition && snapshot.spec
        ? ({ ...snapshot.definition, connectionSpecification: snapshot.spec, origin: "remote" } as Definition)
        : null);
    const configErrors =
      definition && config && unresolvedSecrets.length === 0
        ? validateConfig(definition, config).map((error) => ({ path: error.path, message: error.message }))
        : null;
    return {
      ...empty,
      sessionId: driver.sessionId,
      outcome,
      endReason: snapshot.status === "completed" ? "saved" : endReason,
      userTurns: messages,
      requiredFields: definition ? requiredFieldCount(definition, config) : 0,
      finalConfig: config,
      unresolvedSecrets,
      configErrors,
      lastTest,
      spec: definition?.connectionSpecification ?? null,
      liveCheck: driver.definition ? hasLiveCheck(driver.definition) : null,
      leakSources: await driver.leakSources(),
      seconds: at(),
    };
  } catch (error) {
    return { ...empty, error: (error as Error).stack ?? String(error), seconds: at() };
  } finally {
    await driver.close().catch(() => {});
  }
}
