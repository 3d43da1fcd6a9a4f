// execute: list a connector's entities and read their records, whichever reader serves it.
export * from "./types.ts";
export { ExecuteError, cannotExecute, type ExecuteErrorCode } from "./execute-error.ts";
export {
  createDispatcher,
  entitiesOf,
  listRecords,
  canExecute,
  DEFAULT_LIMIT,
  MAX_LIMIT,
  DEFAULT_EXECUTE_TIMEOUT_MS,
  type Dispatcher,
  type EntitiesOptions,
  type ListRecordsOptions,
} from "./dispatcher.ts";
export { BUILTIN_READERS } from "./readers.ts";
export { encodeCursor, decodeCursor, MAX_CURSOR_LENGTH } from "./cursor.ts";
