// Two connectors without a live check for the secret-mode journey tests (session layer and
// widget): one whose secret is required, one whose only secret is optional (asked, since it is
// the only way in; see agent/README.md). Folder-definition shape: a catalog gives them ids.
export const requiredSecretDefinition = {
  name: "source-required-secret",
  displayName: "Required secret",
  kind: "source" as const,
  check: "none" as const,
  connectionSpecification: {
    type: "object",
    required: ["host", "api_key"],
    properties: {
      host: { type: "string", title: "Host", order: 0 },
      api_key: { type: "string", title: "API key", airbyte_secret: true, order: 1 },
    },
  },
};

export const optionalSecretDefinition = {
  name: "source-optional-secret",
  displayName: "Optional secret",
  kind: "source" as const,
  check: "none" as const,
  connectionSpecification: {
    type: "object",
    required: ["host"],
    properties: {
      host: { type: "string", title: "Host", order: 0 },
      password: { type: "string", title: "Password", airbyte_secret: true, order: 1 },
    },
  },
};
