import { describe, expect, it } from "vitest";
import { noWrongValue } from "./no-wrong-value.ts";
import type { CaseRun, EvalCase, TranscriptItem } from "../types.ts";

const spec = {
  type: "object",
  required: ["host", "port", "credentials"],
  properties: {
    host: { type: "string" },
    port: { type: "integer", default: 5432 },
    schemas: { type: "array", items: { type: "string" } },
    credentials: {
      type: "object",
      oneOf: [
        { title: "API Key", properties: { auth_type: { const: "api_key", default: "api_key" }, api_key: { type: "string", airbyte_secret: true } } },
        { title: "Sign in with a password", properties: { auth_type: { const: "basic" }, user: { type: "string" }, password: { type: "string", airbyte_secret: true } } },
      ],
    },
  },
};

function caseWith(facts: EvalCase["facts"], turns: EvalCase["turns"] = []): EvalCase {
  return { id: "t/case", connector: "source-x", file: "inline", facts, turns, expect: {} };
}

function runWith(...batches: Array<{ ops: Array<{ op: "set" | "unset"; path: string; value?: unknown }>; by?: string }>): CaseRun {
  const transcript: TranscriptItem[] = batches.map((batch, index) => ({
    at: index,
    from: "server",
    event: { type: "form.patch", version: index + 1, ops: batch.ops, by: batch.by ?? "agent", errors: [] } as any,
  }));
  return {
    caseId: "t/case", outcome: "saved", endReason: "saved", transcript, userTurns: 1, requiredFields: 3,
    finalConfig: {}, unresolvedSecrets: [], configErrors: [], lastTest: null, spec, liveCheck: false,
    asked: [], askedAtStart: [], leakSources: { model: [], logs: [], files: [] }, seconds: 1,
  };
}

const set = (path: string, value: unknown) => ({ op: "set" as const, path, value });

describe("no_wrong_value", () => {
  it("passes writes of facts, of any of successive answers, and of a field's default", () => {
    const facts = { "/host": "db.internal", "/port": { answers: [5439, 5432] } };
    const result = noWrongValue(caseWith(facts), runWith({ ops: [set("/host", "db.internal"), set("/port", 5439)] }, { ops: [set("/port", 5432)] }));
    expect(result).toMatchObject({ pass: true, count: 0 });
  });

  it("fails a filler word stored as a value and counts each wrong write", () => {
    const result = noWrongValue(caseWith({ "/host": "db.internal" }), runWith({ ops: [set("/host", "through"), set("/port", 6543)] }));
    expect(result.pass).toBe(false);
    expect(result.count).toBe(2);
    expect(result.reason).toContain('/host = "through"');
  });

  it("judges an object written whole field by field, a choice by the title or const the case chose", () => {
    const facts = { "/credentials": { choose: "Sign in with a password" }, "/credentials/user": "reader" };
    const good = runWith({ ops: [set("/credentials", { auth_type: "basic", user: "reader" })] });
    expect(noWrongValue(caseWith(facts), good).pass).toBe(true);
    const wrongOption = runWith({ ops: [set("/credentials", { auth_type: "api_key" })] });
    expect(noWrongValue(caseWith(facts), wrongOption)).toMatchObject({ pass: false, count: 1 });
  });

  it("accepts the option a fact inside it implies, but not another one", () => {
    const facts = { "/credentials/user": "reader" };
    expect(noWrongValue(caseWith(facts), runWith({ ops: [set("/credentials/auth_type", "basic")] })).pass).toBe(true);
    expect(noWrongValue(caseWith(facts), runWith({ ops: [set("/credentials/auth_type", "api_key")] })).pass).toBe(false);
  });

  it("takes a list that holds only meant items, not one with a stray item", () => {
    const facts = { "/schemas": ["public", "sales"] };
    expect(noWrongValue(caseWith(facts), runWith({ ops: [set("/schemas", ["public"])] })).pass).toBe(true);
    expect(noWrongValue(caseWith(facts), runWith({ ops: [set("/schemas", ["public", "and"])] })).pass).toBe(false);
  });

  it("ignores masks, unsets and writes made by the form, and accepts what a form turn set", () => {
    const facts = { "/host": "db.internal" };
    const turns = [{ form: { set: { "/port": 6543 } } }];
    const run = runWith(
      { ops: [set("/credentials/api_key", "**********"), { op: "unset", path: "/host" }] },
      { ops: [set("/host", "typed.in.form")], by: "form" },
      { ops: [set("/port", 6543)] },
    );
    expect(noWrongValue(caseWith(facts, turns), run)).toMatchObject({ pass: true, count: 0 });
  });

  it("reads a list fact into its items: an item's field written right passes, a wrong one fails", () => {
    const facts = { "/reports": [{ name: "daily", format: { filetype: "csv" } }] };
    expect(noWrongValue(caseWith(facts), runWith({ ops: [set("/reports/0/name", "daily"), set("/reports/0/format", { filetype: "csv" })] }))).toMatchObject({ pass: true, count: 0 });
    expect(noWrongValue(caseWith(facts), runWith({ ops: [set("/reports/0/name", "weekly"), set("/reports/1/name", "daily")] }))).toMatchObject({ pass: false, count: 2 });
  });
});

