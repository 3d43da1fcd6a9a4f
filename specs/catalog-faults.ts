// What went wrong while loading definition folders, as one log line per file, so an operator
// whose ONRAMP_CATALOG_DIRS file is broken (skipped) or mended (loaded with repairs) learns it
// at start instead of finding a connector missing or different later.
import type { LoadReport } from "./catalog.ts";

export interface CatalogFault {
  level: "warn" | "info";
  message: string;
  fields: { dir: string; file: string };
}

export function catalogFaults(reports: LoadReport[]): CatalogFault[] {
  const faults: CatalogFault[] = [];
  for (const report of reports) {
    for (const failure of report.failed) {
      faults.push({
        level: "warn",
        message: `Catalog: skipped definition file ${failure.file}: ${failure.error}`,
        fields: { dir: report.dir, file: failure.file },
      });
    }
    for (const repaired of report.repaired) {
      faults.push({
        level: "info",
        message: `Catalog: loaded ${repaired.name} from ${repaired.file} after mending upstream faults: ${repaired.repairs.join("; ")}`,
        fields: { dir: report.dir, file: repaired.file },
      });
    }
  }
  return faults;
}
