// MySQL source, with Airbyte's source-mysql config keys.
import type { Definition } from "../types.ts";
import { hostProperties, jdbcUrlParams, loginProperties, mysqlSslMode } from "./fragments.ts";

export const mysqlSource: Definition = {
  id: "ae6602e7-fd5e-4164-9b24-edc7c78189c1",
  name: "source-mysql",
  kind: "source",
  displayName: "MySQL",
  documentationUrl: "https://dev.mysql.com/doc/refman/8.0/en/connecting.html",
  origin: "builtin",
  check: "mysql",
  connectionSpecification: {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "MySQL source",
    type: "object",
    required: ["host", "port", "database", "username", "replication_method"],
    additionalProperties: true,
    properties: {
      ...hostProperties(3306),
      ...loginProperties(3),
      jdbc_url_params: jdbcUrlParams(5),
      ssl_mode: mysqlSslMode(6),
      replication_method: {
        type: "object",
        title: "Update method",
        description: "How new and changed rows are found on each sync.",
        order: 7,
        oneOf: [
          {
            type: "object",
            title: "Cursor column",
            description: "Compare a column you pick (such as updated_at) with its value at the last sync.",
            required: ["method"],
            properties: { method: { type: "string", enum: ["STANDARD"], default: "STANDARD", order: 0 } },
          },
          {
            type: "object",
            title: "Binary log (CDC)",
            description: "Read the binlog, which also captures deletes. Needs binlog_format=ROW.",
            required: ["method"],
            properties: {
              method: { type: "string", enum: ["CDC"], default: "CDC", order: 0 },
              server_timezone: {
                type: "string",
                title: "Server time zone",
                description: "Time zone of the MySQL server when it cannot be read from the server itself.",
                examples: ["UTC"],
                order: 1,
              },
            },
          },
        ],
      },
    },
  },
};
