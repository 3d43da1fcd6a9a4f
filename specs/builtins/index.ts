// Onramp's own connector definitions. Each call returns fresh copies, so a caller that mutates
// one (or a Catalog that replaces one) never changes another's.
import type { Definition } from "../types.ts";
import { sampleDataSource } from "./sample-data.ts";
import { devNullDestination } from "./dev-null.ts";
import { postgresSource } from "./postgres-source.ts";
import { postgresDestination } from "./postgres-destination.ts";
import { mysqlSource } from "./mysql-source.ts";
import { httpApiSource } from "./http-api.ts";
import { oauthSaasSource } from "./oauth-saas.ts";

const BUILTINS: Definition[] = [
  sampleDataSource,
  devNullDestination,
  postgresSource,
  postgresDestination,
  mysqlSource,
  httpApiSource,
  oauthSaasSource,
];

export function builtinDefinitions(): Definition[] {
  return structuredClone(BUILTINS);
}
