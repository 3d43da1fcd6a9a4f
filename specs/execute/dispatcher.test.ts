import { describe, expect, it } from "vitest";
import { builtinDefinitions } from "../builtins/index.ts";
import type { Definition } from "../types.ts";
import { BUILTIN_READERS } from "./readers.ts";
import { createDispatcher, MAX_LIMIT } from "./dispatcher.ts";
import { ExecuteError } from "./execute-error.ts";
import type { EntityReader, ReaderListOptions } from "./types.ts";

const builtins = builtinDefinitions();
const byName = (name: string) => builtins.find((definition) => definition.name === name)!;

function fakeDefinition(reader: string, secretField = true): Definition {
  return {
    id: "00000000-0000-4000-8000-000000000001",
    name: "source-fake",
    kind: "source",
    displayName: "Fake",
    origin: "test",
    check: "none",
    reader,
    connectionSpecification: {
      type: "object",
      properties: { api_key: { type: "string", airbyte_secret: secretField }, total: { type: "integer" } },
    },
  };
}

/** Serves `total` numbered records in pages of at most `pageSize`, recording what it was asked. */
function pagedReader(pageSize: number, calls: ReaderListOptions[] = []): EntityReader {
  return {
    entitiesNeedConnection: false,
    async entities() {
      return [{ name: "items" }];
    },
    async list(_definition, config, _entity, options) {
      calls.push(options);
      const start = options.cursor ? Number(options.cursor) : 0;
      const total = Number(config.total);
      const end = Math.min(total, start + Math.min(pageSize, options.limit));
      const data = Array.from({ length: end - start }, (_, index) => ({ n: start + index }));
      return { data, next_cursor: end < total ? String(end) : null };
    },
  };
}

describe("the execute dispatcher", () => {
  it("picks the reader by definition.reader, else the check kind; one it does not know cannot execute", async () => {
    const dispatcher = createDispatcher({ ...BUILTIN_READERS, paged: pagedReader(3) });
    expect(dispatcher.readerKey(byName("source-sample-data"))).toBe("sample");
    expect(dispatcher.readerKey(byName("source-postgres"))).toBe("postgres");
    expect(dispatcher.readerKey(byName("source-mysql"))).toBe("mysql");
    expect(dispatcher.readerKey(fakeDefinition("paged"))).toBe("paged");
    expect(dispatcher.canExecute(byName("source-http-api"))).toBe(false);
    // A key that only exists on Object.prototype is not a reader.
    expect(dispatcher.canExecute(fakeDefinition("toString"))).toBe(false);
    const refused = await dispatcher.listRecords(byName("source-http-api"), {}, "anything").catch((error) => error);
    expect(refused).toBeInstanceOf(ExecuteError);
    expect(refused.code).toBe("cannot_execute");
    expect(refused.message).toMatch(/cannot execute/);
    expect((await dispatcher.entitiesOf(byName("source-http-api"), {}).catch((error) => error)).code).toBe("cannot_execute");
  });

  it("reads across the reader's pages up to the limit, and continues from next_cursor", async () => {
    const calls: ReaderListOptions[] = [];
    const dispatcher = createDispatcher({ paged: pagedReader(3, calls) });
    const definition = fakeDefinition("paged");
    const first = await dispatcher.listRecords(definition, { total: 10 }, "items", { limit: 7 });
    expect(first.data.map((record) => record.n)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    // Three reader pages (3 + 3 + 1), each asked only for what was still missing.
    expect(calls.map((call) => call.limit)).toEqual([7, 4, 1]);
    expect(first.next_cursor).toBe("7");
    const rest = await dispatcher.listRecords(definition, { total: 10 }, "items", { limit: 7, cursor: first.next_cursor });
    expect(rest).toEqual({ data: [{ n: 7 }, { n: 8 }, { n: 9 }], next_cursor: null });
  });

  it("caps the limit at MAX_LIMIT, defaults it, and refuses one that is not a whole number ≥ 1", async () => {
    const dispatcher = createDispatcher({ paged: pagedReader(5000) });
    const definition = fakeDefinition("paged");
    const capped = await dispatcher.listRecords(definition, { total: 5000 }, "items", { limit: 1_000_000 });
    expect(capped.data).toHaveLength(MAX_LIMIT);
    expect(capped.next_cursor).toBe(String(MAX_LIMIT));
    expect((await dispatcher.listRecords(definition, { total: 5000 }, "items")).data).toHaveLength(100);
    for (const limit of [0, -1, 2.5, Number.NaN]) {
      const error = await dispatcher.listRecords(definition, { total: 5 }, "items", { limit }).catch((caught) => caught);
      expect(error.code).toBe("invalid_params");
    }
  });

  it("checks the entity of a reader whose entities need no connection, naming the ones there are", async () => {
    const dispatcher = createDispatcher({ paged: pagedReader(3) });
    const error = await dispatcher.listRecords(fakeDefinition("paged"), { total: 3 }, "nope").catch((caught) => caught);
    expect(error.code).toBe("entity_not_found");
    expect(error.message).toContain('"nope"');
    expect(error.message).toContain('"items"');
  });

  it("refuses a reader that returns more than asked, or a cursor that does not move", async () => {
    const greedy: EntityReader = { ...pagedReader(3), list: async () => ({ data: [{}, {}, {}], next_cursor: null }) };
    const stuck: EntityReader = { ...pagedReader(3), list: async (_d, _c, _e, options) => ({ data: [], next_cursor: options.cursor ?? "same" }) };
    const dispatcher = createDispatcher({ greedy, stuck });
    const tooMany = await dispatcher.listRecords(fakeDefinition("greedy"), {}, "items", { limit: 2 }).catch((caught) => caught);
    expect(tooMany).toMatchObject({ code: "source_failed", reason: "unknown" });
    const loop = await dispatcher.listRecords(fakeDefinition("stuck"), {}, "items", { limit: 2 }).catch((caught) => caught);
    expect(loop).toMatchObject({ code: "source_failed" });
    expect(loop.message).toMatch(/did not move past its cursor/);
  });

  it("stops a reader at the deadline, even one that ignores its signal", async () => {
    let aborted = false;
    const slow: EntityReader = {
      ...pagedReader(3),
      list: (_d, _c, _e, options) =>
        new Promise(() => {
          options.signal.addEventListener("abort", () => (aborted = true));
        }),
    };
    const started = Date.now();
    const error = await createDispatcher({ slow }).listRecords(fakeDefinition("slow"), {}, "items", { timeoutMs: 150 }).catch((caught) => caught);
    expect(error).toMatchObject({ code: "source_failed", reason: "timeout" });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(aborted).toBe(true);
  });

  it("refuses to read a database through an SSH tunnel it cannot open, before connecting", async () => {
    for (const name of ["source-postgres", "source-mysql"]) {
      const config = { host: "db.internal.invalid", port: 5432, database: "d", username: "u", tunnel_method: { tunnel_method: "SSH_KEY_AUTH", tunnel_host: "bastion" } };
      const error = await createDispatcher().listRecords(byName(name), config, "t").catch((caught) => caught);
      expect(error).toMatchObject({ code: "source_failed", fields: ["/tunnel_method"] });
      expect(error.message).toMatch(/SSH tunnel/);
      expect((await createDispatcher().entitiesOf(byName(name), config).catch((caught) => caught)).fields).toEqual(["/tunnel_method"]);
    }
  });

  it("never lets a secret of the config, or one refreshed while reading, into an error message", async () => {
    const key = `key-${Math.random().toString(36).slice(2)}`;
    const renewed = `renewed-${Math.random().toString(36).slice(2)}`;
    const stored: Array<[string, string]> = [];
    const leaky: EntityReader = {
      ...pagedReader(3),
      async list(_definition, config, _entity, options) {
        await options.onSecretRefreshed("/api_key", renewed);
        throw new Error(`upstream said: bad key ${config.api_key}, then ${renewed}`);
      },
    };
    const error = await createDispatcher({ leaky })
      .listRecords(fakeDefinition("leaky"), { api_key: key }, "items", { onSecretRefreshed: (path, value) => void stored.push([path, value]) })
      .catch((caught) => caught);
    expect(error.code).toBe("source_failed");
    expect(error.message).toContain("upstream said");
    expect(error.message).not.toContain(key);
    expect(error.message).not.toContain(renewed);
    expect(stored).toEqual([["/api_key", renewed]]);
  });
});
