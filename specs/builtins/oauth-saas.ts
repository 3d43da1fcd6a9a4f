// A SaaS-style source authorised with OAuth: `advanced_auth` says which credentials option is
// the OAuth one and where the tokens land, `oauth` says where the provider is.
import type { Definition } from "../types.ts";

export const oauthSaasSource: Definition = {
  id: "a3df1d39-510d-492c-bf9c-0334108bf471",
  name: "source-taskboard",
  kind: "source",
  displayName: "Taskboard",
  documentationUrl: "https://github.com/onramp-dev/onramp/blob/main/specs/builtins/taskboard.md",
  origin: "builtin",
  check: "http",
  httpCheck: { url: "{{ config.api_url }}/me", method: "GET" },
  oauth: {
    authorizeUrl: "https://taskboard.example.com/oauth/authorize",
    tokenUrl: "https://taskboard.example.com/oauth/token",
    scopes: ["tasks:read", "projects:read", "offline_access"],
  },
  connectionSpecification: {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Taskboard source",
    type: "object",
    required: ["credentials", "start_date"],
    additionalProperties: true,
    properties: {
      credentials: {
        type: "object",
        title: "Authentication",
        description: "Sign in with Taskboard, or paste a personal API token.",
        order: 0,
        oneOf: [
          {
            type: "object",
            title: "Sign in with Taskboard (OAuth)",
            required: ["auth_type", "client_id", "client_secret", "access_token"],
            properties: {
              auth_type: { type: "string", const: "oauth2.0", order: 0 },
              client_id: { type: "string", title: "Client id", description: "Of your Taskboard OAuth app.", airbyte_secret: true },
              client_secret: { type: "string", title: "Client secret", description: "Of your Taskboard OAuth app.", airbyte_secret: true },
              access_token: { type: "string", title: "Access token", description: "Filled in by the sign-in.", airbyte_secret: true },
              refresh_token: { type: "string", title: "Refresh token", description: "Filled in by the sign-in.", airbyte_secret: true },
              token_expiry_date: { type: "string", title: "Token expiry", format: "date-time", airbyte_hidden: true },
            },
          },
          {
            type: "object",
            title: "Personal API token",
            required: ["auth_type", "api_token"],
            properties: {
              auth_type: { type: "string", const: "api_token", order: 0 },
              api_token: {
                type: "string",
                title: "API token",
                description: "Create one under Settings, then API tokens.",
                airbyte_secret: true,
              },
            },
          },
        ],
      },
      start_date: {
        type: "string",
        title: "Start date",
        description: "Tasks changed before this date are not copied.",
        format: "date",
        pattern: "^\\d{4}-\\d{2}-\\d{2}$",
        pattern_descriptor: "YYYY-MM-DD",
        examples: ["2024-01-01"],
        order: 1,
      },
      api_url: {
        type: "string",
        title: "API URL",
        description: "Only for a self-hosted Taskboard; the cloud address is the default.",
        format: "uri",
        default: "https://api.taskboard.example.com/v2",
        order: 2,
      },
    },
  },
  advanced_auth: {
    auth_flow_type: "oauth2.0",
    predicate_key: ["credentials", "auth_type"],
    predicate_value: "oauth2.0",
    oauth_config_specification: {
      complete_oauth_output_specification: {
        type: "object",
        additionalProperties: false,
        properties: {
          access_token: { type: "string", path_in_connector_config: ["credentials", "access_token"] },
          refresh_token: { type: "string", path_in_connector_config: ["credentials", "refresh_token"] },
          token_expiry_date: { type: "string", format: "date-time", path_in_connector_config: ["credentials", "token_expiry_date"] },
        },
      },
      complete_oauth_server_input_specification: {
        type: "object",
        additionalProperties: false,
        properties: { client_id: { type: "string" }, client_secret: { type: "string" } },
      },
      complete_oauth_server_output_specification: {
        type: "object",
        additionalProperties: false,
        properties: {
          client_id: { type: "string", path_in_connector_config: ["credentials", "client_id"] },
          client_secret: { type: "string", path_in_connector_config: ["credentials", "client_secret"] },
        },
      },
    },
  },
};
