// A destination that accepts everything and keeps nothing: for testing a source end to end.
import type { Definition } from "../types.ts";

export const devNullDestination: Definition = {
  id: "97a8e19d-b34f-41e0-b588-aa0cc883b198",
  name: "destination-dev-null",
  kind: "destination",
  displayName: "End-to-End Testing (/dev/null)",
  documentationUrl: "https://github.com/onramp-dev/onramp/blob/main/specs/builtins/dev-null.md",
  origin: "builtin",
  check: "none",
  connectionSpecification: {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "/dev/null destination",
    type: "object",
    required: ["test_destination"],
    additionalProperties: true,
    properties: {
      test_destination: {
        type: "object",
        title: "Behaviour",
        description: "What the destination does with each record before dropping it.",
        order: 0,
        oneOf: [
          {
            type: "object",
            title: "Silent",
            description: "Drop every record without a trace.",
            required: ["test_destination_type"],
            properties: { test_destination_type: { type: "string", const: "SILENT" } },
          },
          {
            type: "object",
            title: "Logging",
            description: "Log a sample of the records, then drop them.",
            required: ["test_destination_type", "logging_config"],
            properties: {
              test_destination_type: { type: "string", const: "LOGGING" },
              logging_config: {
                type: "object",
                title: "Which records to log",
                oneOf: [
                  {
                    type: "object",
                    title: "First N",
                    required: ["logging_type"],
                    properties: {
                      logging_type: { type: "string", const: "FirstN" },
                      max_entry_count: { type: "number", title: "N", default: 100, minimum: 1, maximum: 1000 },
                    },
                  },
                  {
                    type: "object",
                    title: "Every Nth",
                    required: ["logging_type", "nth_entry_to_log"],
                    properties: {
                      logging_type: { type: "string", const: "EveryNth" },
                      nth_entry_to_log: { type: "number", title: "N", examples: [3], minimum: 1, maximum: 1000 },
                    },
                  },
                ],
              },
            },
          },
          {
            type: "object",
            title: "Failing",
            description: "Fail after a number of messages, to test error handling.",
            required: ["test_destination_type", "num_messages"],
            properties: {
              test_destination_type: { type: "string", const: "FAILING" },
              num_messages: { type: "integer", title: "Messages before failing", examples: [10], minimum: 0 },
            },
          },
        ],
      },
    },
  },
};
