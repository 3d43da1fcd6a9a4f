import { describe, expect, it } from "vitest";
import type { FieldAsk, SessionSnapshot } from "../agent/protocol.ts";
import { SimulatedUser } from "./simulated-user.ts";
import type { EvalCase } from "./types.ts";

function snapshot(patch: Partial<SessionSnapshot> = {}): SessionSnapshot {
  return {
    id: "s",
    status: "active",
    definition: null,
    spec: null,
    form: { version: 3, definitionId: "d", name: "n", values: {}, secrets: {}, status: {} },
    pending: null,
    secretMode: null,
    oauthPending: null,
    transcript: [],
    connectorId: null,
    lastTest: null,
    ...patch,
  };
}

const ask = (path: string, extra: Partial<FieldAsk> = {}): FieldAsk => ({
  path,
  kind: "field",
  title: path,
  type: "string",
  secret: false,
  required: true,
  ...extra,
});

const base: EvalCase = {
  id: "pg/sim",
  connector: "source-postgres",
  file: "inline",
  opening: "Hi, postgres please",
  facts: {
    "/host": "db.internal",
    "/password": { secret: "pw-CANARY-123456" },
    "/ssl_mode": { choose: "disable" },
    "/port": { answers: [5439, 5432] },
    "/schemas": ["public", "sales"],
  },
  expect: {},
};

function textOf(action: ReturnType<SimulatedUser["next"]>): string {
  if (action.kind !== "event" || action.event.type !== "user.message") throw new Error(`not a message: ${JSON.stringify(action)}`);
  return action.event.text;
}

describe("SimulatedUser", () => {
  it("opens, then answers from facts with seeded, reproducible phrasing", () => {
    const run = () => {
      const user = new SimulatedUser(base);
      const texts = [textOf(user.next({ snapshot: snapshot(), asked: [] }, 0))];
      for (const path of ["/host", "/port", "/port", "/port", "/schemas"]) {
        texts.push(textOf(user.next({ snapshot: snapshot({ pending: ask(path) }), asked: [path] }, texts.length)));
      }
      return texts;
    };
    const texts = run();
    expect(texts[0]).toBe("Hi, postgres please");
    expect(texts[1]).toContain("db.internal");
    expect(texts[1]).toMatch(/^(db\.internal|it's db\.internal|use db\.internal|db\.internal please)$/);
    expect(texts[2]).toContain("5439");
    expect(texts[3]).toContain("5432");
    expect(texts[4]).toContain("5432");
    expect(texts[5]).toContain("public, sales");
    expect(run()).toEqual(texts);
  });

  it("submits secrets only through secret mode, and chooses oneOf options by title or const", () => {
    const user = new SimulatedUser({ ...base, opening: undefined });
    const secret = user.next({ snapshot: snapshot({ secretMode: { path: "/password" } }), asked: [] }, 0);
    expect(secret).toMatchObject({ kind: "event", counts: true, event: { type: "secret.submit", path: "/password", value: "pw-CANARY-123456" } });
    const choice = ask("/ssl_mode", { kind: "choice", options: [{ index: 0, title: "disable", value: "disable" }] });
    expect(textOf(user.next({ snapshot: snapshot({ pending: choice }), asked: [] }, 1))).toContain("disable");
  });

  it("skips optional fields and does not know required ones without a fact", () => {
    const user = new SimulatedUser({ ...base, opening: undefined });
    expect(textOf(user.next({ snapshot: snapshot({ pending: ask("/jdbc", { required: false }) }), asked: [] }, 0))).toBe("skip");
    expect(textOf(user.next({ snapshot: snapshot({ pending: ask("/database") }), asked: [] }, 1))).toBe("I don't know");
  });

  it("says skip to an optional secret it does not have, in secret mode and after it, instead of cancelling forever", () => {
    const user = new SimulatedUser({ ...base, opening: undefined });
    const key = ask("/api_key", { secret: true, required: false });
    expect(textOf(user.next({ snapshot: snapshot({ pending: key, secretMode: { path: "/api_key" } }), asked: [] }, 0))).toBe("skip");
    expect(textOf(user.next({ snapshot: snapshot({ pending: key }), asked: [] }, 1))).toBe("skip");
    const token = ask("/token", { secret: true });
    expect(textOf(user.next({ snapshot: snapshot({ pending: token, secretMode: { path: "/token" } }), asked: [] }, 2))).toBe("I don't know");
  });

  it("plays scripted turns in order, holding guarded ones until their path is asked", () => {
    const user = new SimulatedUser({
      ...base,
      opening: undefined,
      turns: [
        { say: "actually the port is 6543", when: { asked: "/database" } },
        { form: { set: { "/port": 6543 } } },
      ],
    });
    // The guarded turn waits: the user answers the pending question instead.
    expect(textOf(user.next({ snapshot: snapshot({ pending: ask("/host") }), asked: ["/host"] }, 0))).toContain("db.internal");
    expect(textOf(user.next({ snapshot: snapshot({ pending: ask("/database") }), asked: ["/host", "/database"] }, 1))).toBe(
      "actually the port is 6543",
    );
    expect(user.next({ snapshot: snapshot(), asked: [] }, 2)).toMatchObject({
      kind: "event",
      counts: false,
      event: { type: "form.patch", base_version: 3, ops: [{ op: "set", path: "/port", value: 6543 }] },
    });
  });

  it("approves OAuth unless a turn denies it, and ends on save, cancel, 30 messages or silence", () => {
    const oauthPending = { path: "/credentials", startUrl: "http://127.0.0.1:1/oauth/start" };
    const approving = new SimulatedUser({ ...base, opening: undefined });
    expect(approving.next({ snapshot: snapshot({ oauthPending }), asked: [] }, 0)).toMatchObject({ kind: "oauth", decision: "approve" });
    const denying = new SimulatedUser({ ...base, opening: undefined, turns: [{ oauth: "deny" }] });
    expect(denying.next({ snapshot: snapshot({ pending: ask("/host") }), asked: [] }, 0).kind).toBe("event");
    expect(denying.next({ snapshot: snapshot({ oauthPending }), asked: [] }, 1)).toMatchObject({ kind: "oauth", decision: "deny" });

    const user = new SimulatedUser({ ...base, opening: undefined });
    expect(user.next({ snapshot: snapshot({ status: "completed" }), asked: [] }, 0)).toMatchObject({ kind: "end", reason: "saved" });
    expect(user.next({ snapshot: snapshot({ pending: ask("/host") }), asked: [] }, 30)).toMatchObject({ kind: "end" });
    expect(user.next({ snapshot: snapshot(), asked: [] }, 3).kind).toBe("event");
    expect(user.next({ snapshot: snapshot(), asked: [] }, 4)).toMatchObject({ kind: "end", reason: expect.stringContaining("gave up") });
  });

  it("answers a part of a list it knows whole: an item's field, and an item's option by its const", () => {
    const files: EvalCase = { ...base, facts: { "/streams": [{ name: "orders", globs: ["exports/*.csv"], format: { filetype: "csv" } }], "/port": { answers: [1, 2] } } };
    const user = new SimulatedUser(files);
    user.next({ snapshot: snapshot(), asked: [] }, 0);
    expect(textOf(user.next({ snapshot: snapshot({ pending: ask("/streams/0/name") }), asked: ["/streams/0/name"] }, 1))).toContain("orders");
    const format = ask("/streams/0/format", { kind: "choice", options: [{ index: 0, title: "Avro Format", value: "avro" }, { index: 1, title: "CSV Format", value: "csv" }] });
    expect(textOf(user.next({ snapshot: snapshot({ pending: format }), asked: ["/streams/0/format"] }, 2))).toContain("csv");
    // Nothing inside an `answers` fact, and nothing the list does not hold.
    expect(textOf(user.next({ snapshot: snapshot({ pending: ask("/port/0") }), asked: ["/port/0"] }, 3))).toBe("I don't know");
    expect(textOf(user.next({ snapshot: snapshot({ pending: ask("/streams/1/name") }), asked: ["/streams/1/name"] }, 4))).toBe("I don't know");
  });
});
