// Schema pieces shared by several built-in definitions. Key names follow Airbyte's connectors so
// an Airbyte config drops in unchanged; titles and descriptions are our own words.
import type { JsonSchema } from "../types.ts";

function sslOption(mode: string, title: string, description: string, certificates: boolean): JsonSchema {
  const properties: JsonSchema = { mode: { type: "string", const: mode, order: 0 } };
  const required = ["mode"];
  if (certificates) {
    Object.assign(properties, {
      ca_certificate: {
        type: "string",
        title: "CA certificate",
        description: "PEM text of the certificate authority that signed the server's certificate.",
        airbyte_secret: true,
        multiline: true,
        order: 1,
      },
      client_certificate: {
        type: "string",
        title: "Client certificate",
        description: "PEM client certificate, only when the server asks clients for one.",
        airbyte_secret: true,
        multiline: true,
        order: 2,
      },
      client_key: {
        type: "string",
        title: "Client key",
        description: "PEM private key that goes with the client certificate.",
        airbyte_secret: true,
        multiline: true,
        order: 3,
      },
      client_key_password: {
        type: "string",
        title: "Client key password",
        description: "Password protecting the client key, if it has one.",
        airbyte_secret: true,
        order: 4,
      },
    });
    required.push("ca_certificate");
  }
  return { type: "object", title, description, required, additionalProperties: true, properties };
}

/** Postgres `ssl_mode` (libpq's sslmode names). */
export function postgresSslMode(order: number): JsonSchema {
  return {
    type: "object",
    title: "SSL mode",
    description: "How strictly the connection is encrypted and the server's identity checked.",
    order,
    group: "security",
    oneOf: [
      sslOption("disable", "disable", "No encryption. Only for databases on a private network.", false),
      sslOption("allow", "allow", "Encrypt only when the server insists.", false),
      sslOption("prefer", "prefer", "Encrypt when the server offers it (the usual choice).", false),
      sslOption("require", "require", "Always encrypt; do not check the server's certificate.", false),
      sslOption("verify-ca", "verify-ca", "Always encrypt and check the certificate against your CA.", true),
      sslOption("verify-full", "verify-full", "Always encrypt, check the certificate and the host name.", true),
    ],
  };
}

/** MySQL `ssl_mode` (Connector/J's names). */
export function mysqlSslMode(order: number): JsonSchema {
  return {
    type: "object",
    title: "SSL mode",
    description: "How strictly the connection is encrypted and the server's identity checked.",
    order,
    group: "security",
    oneOf: [
      sslOption("preferred", "preferred", "Encrypt when the server offers it.", false),
      sslOption("required", "required", "Always encrypt; do not check the server's certificate.", false),
      sslOption("verify_ca", "verify_ca", "Always encrypt and check the certificate against your CA.", true),
      sslOption("verify_identity", "verify_identity", "Always encrypt, check the certificate and the host name.", true),
    ],
  };
}

export function hostProperties(defaultPort: number): JsonSchema {
  return {
    host: {
      type: "string",
      title: "Host",
      description: "Host name or IP address of the database server.",
      examples: ["db.example.com"],
      order: 0,
      group: "db",
    },
    port: {
      type: "integer",
      title: "Port",
      description: "TCP port the database listens on.",
      minimum: 0,
      maximum: 65535,
      default: defaultPort,
      examples: [String(defaultPort)],
      order: 1,
      group: "db",
    },
    database: {
      type: "string",
      title: "Database",
      description: "Name of the database to connect to.",
      examples: ["analytics"],
      order: 2,
      group: "db",
    },
  };
}

export function loginProperties(order: number): JsonSchema {
  return {
    username: {
      type: "string",
      title: "User",
      description: "Database user Onramp signs in as. A read-only user is enough for a source.",
      examples: ["onramp_reader"],
      order,
      group: "auth",
    },
    password: {
      type: "string",
      title: "Password",
      description: "Password of that user.",
      airbyte_secret: true,
      order: order + 1,
      group: "auth",
      always_show: true,
    },
  };
}

export function jdbcUrlParams(order: number): JsonSchema {
  return {
    type: "string",
    title: "Extra JDBC URL parameters",
    description: "Additional key=value pairs joined by '&', passed to the driver as they are.",
    examples: ["connectTimeout=30"],
    order,
    group: "advanced",
  };
}
