// Postgres source, written by Onramp with Airbyte's config keys so an Airbyte config works as is.
import type { Definition } from "../types.ts";
import { hostProperties, jdbcUrlParams, loginProperties, postgresSslMode } from "./fragments.ts";

export const postgresSource: Definition = {
  id: "b7371004-93d3-4522-864e-949704f9fd7d",
  name: "source-postgres",
  kind: "source",
  displayName: "Postgres",
  documentationUrl: "https://www.postgresql.org/docs/current/libpq-connect.html",
  origin: "builtin",
  check: "postgres",
  connectionSpecification: {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Postgres source",
    type: "object",
    required: ["host", "port", "database", "username"],
    additionalProperties: true,
    groups: [{ id: "db" }, { id: "auth" }, { id: "security", title: "Security" }, { id: "advanced", title: "Advanced" }],
    properties: {
      ...hostProperties(5432),
      schemas: {
        type: "array",
        title: "Schemas",
        description: "Schemas to read tables from (names are case sensitive).",
        items: { type: "string" },
        minItems: 0,
        uniqueItems: true,
        default: ["public"],
        order: 3,
        group: "db",
      },
      ...loginProperties(4),
      jdbc_url_params: jdbcUrlParams(6),
      ssl_mode: postgresSslMode(7),
      replication_method: {
        type: "object",
        title: "Update method",
        description: "How new and changed rows are found on each sync.",
        order: 8,
        group: "advanced",
        oneOf: [
          {
            type: "object",
            title: "Cursor column",
            description: "Compare a column you pick (such as updated_at) with its value at the last sync.",
            required: ["method"],
            properties: { method: { type: "string", const: "Standard", order: 0 } },
          },
          {
            type: "object",
            title: "Xmin system column",
            description: "Use Postgres' transaction ids; fine for tables without a good cursor column.",
            required: ["method"],
            properties: { method: { type: "string", const: "Xmin", order: 0 } },
          },
          {
            type: "object",
            title: "Logical replication (CDC)",
            description: "Read the write-ahead log, which also captures deletes. Needs a replication slot and a publication.",
            required: ["method", "replication_slot", "publication"],
            properties: {
              method: { type: "string", const: "CDC", order: 0 },
              plugin: { type: "string", title: "Plugin", enum: ["pgoutput"], default: "pgoutput", order: 1 },
              replication_slot: {
                type: "string",
                title: "Replication slot",
                description: "Name of the logical replication slot created for Onramp.",
                examples: ["onramp_slot"],
                order: 2,
              },
              publication: {
                type: "string",
                title: "Publication",
                description: "Name of the publication listing the tables to capture.",
                examples: ["onramp_publication"],
                order: 3,
              },
              initial_waiting_seconds: {
                type: "integer",
                title: "Initial wait (seconds)",
                description: "How long to wait for the first change before giving up on a sync.",
                default: 300,
                minimum: 120,
                maximum: 1200,
                order: 4,
              },
            },
          },
        ],
      },
    },
  },
};
