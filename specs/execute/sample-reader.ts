// The Sample Data source's records through execute. The cursor is the position plus the seed the
// first page used, so a config without a seed still pages through one consistent set of rows.
import { sampleRecordIterator, sampleStreams, type SampleConfig } from "../builtins/sample-records.ts";
import { cursorOffset, decodeCursor, encodeCursor } from "./cursor.ts";
import { ExecuteError } from "./execute-error.ts";
import type { EntityReader } from "./types.ts";

function seedOf(entity: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw new ExecuteError("invalid_cursor", `This cursor was not made by a list of "${entity}"; pass next_cursor exactly as it came.`);
  }
  return value;
}

export const sampleReader: EntityReader = {
  entitiesNeedConnection: false,

  async entities(_definition, config) {
    return sampleStreams(config as SampleConfig).map((name) => ({ name, kind: "stream", primary_key: ["id"] }));
  },

  async list(_definition, rawConfig, entity, { limit, cursor, signal }) {
    const config = rawConfig as SampleConfig;
    const state = cursor ? decodeCursor(entity, cursor) : {};
    const offset = cursor ? cursorOffset(entity, state.o) : 0;
    const seed = cursor ? seedOf(entity, state.s) : (config.seed ?? Math.floor(Math.random() * 2 ** 31));
    const data: Array<Record<string, unknown>> = [];
    let index = 0;
    for (const record of sampleRecordIterator({ ...config, seed }, entity)) {
      if (index >= offset + limit) break;
      if (index >= offset) data.push(record);
      index++;
      // A deep page of a large dataset generates every record before it; the deadline still holds.
      if (index % 10_000 === 0 && signal.aborted) throw signal.reason;
    }
    const more = offset + data.length < (config.record_count ?? 1000);
    return { data, next_cursor: more ? encodeCursor(entity, { o: offset + data.length, s: seed }) : null };
  },
};
