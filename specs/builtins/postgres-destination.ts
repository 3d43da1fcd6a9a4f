// Postgres destination, with Airbyte's destination-postgres config keys.
import type { Definition } from "../types.ts";
import { hostProperties, jdbcUrlParams, loginProperties, postgresSslMode } from "./fragments.ts";

export const postgresDestination: Definition = {
  id: "96907724-02ba-49b4-9773-5552a6b7c724",
  name: "destination-postgres",
  kind: "destination",
  displayName: "Postgres",
  documentationUrl: "https://www.postgresql.org/docs/current/libpq-connect.html",
  origin: "builtin",
  check: "postgres",
  connectionSpecification: {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Postgres destination",
    type: "object",
    required: ["host", "port", "database", "schema", "username"],
    additionalProperties: true,
    properties: {
      ...hostProperties(5432),
      schema: {
        type: "string",
        title: "Default schema",
        description: "Schema new tables are written to when a stream names none.",
        default: "public",
        examples: ["public"],
        order: 3,
        group: "db",
      },
      ...loginProperties(4),
      ssl_mode: postgresSslMode(6),
      jdbc_url_params: jdbcUrlParams(7),
      raw_data_schema: {
        type: "string",
        title: "Raw tables schema",
        description: "Schema for the raw copies of incoming records, if not the default one.",
        order: 8,
        group: "advanced",
      },
      drop_cascade: {
        type: "boolean",
        title: "Drop tables with CASCADE",
        description: "Also drop views that depend on a table when it is recreated. Can lose data in those views.",
        default: false,
        order: 9,
        group: "advanced",
      },
    },
  },
};
