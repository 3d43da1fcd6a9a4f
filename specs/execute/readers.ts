// The reader registry: which reader serves a definition, keyed by `definition.reader ??
// definition.check`. A new way of reading (the declarative runtime) is one more entry here; a
// test passes its own table to createDispatcher instead of changing this one.
import type { Readers } from "./types.ts";
import { sampleReader } from "./sample-reader.ts";
import { postgresReader } from "./postgres-reader.ts";
import { mysqlReader } from "./mysql-reader.ts";
import { declarativeReader } from "./declarative-reader.ts";

export const BUILTIN_READERS: Readers = Object.freeze({
  sample: sampleReader,
  postgres: postgresReader,
  mysql: mysqlReader,
  declarative: declarativeReader,
});
