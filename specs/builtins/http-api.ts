// A generic HTTP API source: a base URL and one of the usual ways of signing requests. The
// check makes a real request to the base URL (or `health_path`) with that auth.
import type { Definition } from "../types.ts";

export const httpApiSource: Definition = {
  id: "33262f32-15bc-4ea6-b329-bc21a78f8535",
  name: "source-http-api",
  kind: "source",
  displayName: "HTTP API",
  documentationUrl: "https://github.com/onramp-dev/onramp/blob/main/specs/builtins/http-api.md",
  origin: "builtin",
  check: "http",
  httpCheck: { url: "{{ config.base_url }}{{ config.health_path }}", method: "GET" },
  connectionSpecification: {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "HTTP API source",
    type: "object",
    required: ["base_url", "auth"],
    additionalProperties: true,
    properties: {
      base_url: {
        type: "string",
        title: "Base URL",
        description: "Address every request starts with, including the version path if the API has one.",
        format: "uri",
        pattern: "^https?://",
        pattern_descriptor: "https://api.example.com/v1",
        examples: ["https://api.example.com/v1"],
        order: 0,
      },
      health_path: {
        type: "string",
        title: "Path used by the connection test",
        description: "Appended to the base URL when testing the connection; pick a cheap endpoint that needs auth.",
        pattern: "^(/.*)?$",
        examples: ["/me"],
        default: "",
        order: 1,
      },
      auth: {
        type: "object",
        title: "Authentication",
        description: "How each request proves who is asking.",
        order: 2,
        oneOf: [
          {
            type: "object",
            title: "No authentication",
            description: "A public API.",
            required: ["auth_type"],
            properties: { auth_type: { type: "string", const: "none", order: 0 } },
          },
          {
            type: "object",
            title: "API key",
            description: "A key sent in a header or in the query string.",
            required: ["auth_type", "api_key", "location", "name"],
            properties: {
              auth_type: { type: "string", const: "api_key", order: 0 },
              api_key: { type: "string", title: "API key", airbyte_secret: true, order: 1 },
              location: {
                type: "string",
                title: "Sent in",
                enum: ["header", "query"],
                default: "header",
                order: 2,
              },
              name: {
                type: "string",
                title: "Header or parameter name",
                description: "Name the API expects the key under.",
                examples: ["X-API-Key"],
                default: "X-API-Key",
                order: 3,
              },
            },
          },
          {
            type: "object",
            title: "Bearer token",
            description: "A token sent as 'Authorization: Bearer ...'.",
            required: ["auth_type", "token"],
            properties: {
              auth_type: { type: "string", const: "bearer", order: 0 },
              token: { type: "string", title: "Token", airbyte_secret: true, order: 1 },
            },
          },
          {
            type: "object",
            title: "Basic authentication",
            description: "A user name and password sent with every request.",
            required: ["auth_type", "username"],
            properties: {
              auth_type: { type: "string", const: "basic", order: 0 },
              username: { type: "string", title: "User name", order: 1 },
              password: { type: "string", title: "Password", airbyte_secret: true, order: 2 },
            },
          },
          {
            type: "object",
            title: "OAuth 2.0 (client credentials)",
            description: "Onramp fetches a token from the token URL with your client id and secret.",
            required: ["auth_type", "token_url", "client_id", "client_secret"],
            properties: {
              auth_type: { type: "string", const: "oauth2", order: 0 },
              token_url: {
                type: "string",
                title: "Token URL",
                format: "uri",
                examples: ["https://auth.example.com/oauth/token"],
                order: 1,
              },
              client_id: { type: "string", title: "Client id", order: 2 },
              client_secret: { type: "string", title: "Client secret", airbyte_secret: true, order: 3 },
              scopes: {
                type: "array",
                title: "Scopes",
                items: { type: "string" },
                examples: [["read"]],
                order: 4,
              },
            },
          },
        ],
      },
    },
  },
};
