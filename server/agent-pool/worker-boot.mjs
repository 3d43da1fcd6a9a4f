// An agent worker's first module: worker threads do not inherit tsx's loader hooks from the
// main thread, so the TypeScript entry is imported through tsx's API.
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(workerData.entry, import.meta.url);
