// Test helper: the shared Airbyte manifests (../shared/airbyte-manifests beside the repo). Tests
// on them skip with a printed reason when the folder is absent, and fail instead when
// ONRAMP_REQUIRE_SERVICES=1 (CI), through the project's one service gate.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { probeFile, serviceGate } from "../../testing/service-gate.ts";

export const SHARED_MANIFESTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../shared/airbyte-manifests");

export function sharedManifests(): Promise<boolean> {
  return serviceGate(`the shared Airbyte manifests at ${SHARED_MANIFESTS_DIR}`, probeFile(path.join(SHARED_MANIFESTS_DIR, "declarative_component_schema.yaml")));
}
