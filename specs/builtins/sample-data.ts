// A source that makes up records, so a first pipeline can run before any real system is wired.
import type { Definition } from "../types.ts";
import { SAMPLE_STREAMS } from "./sample-records.ts";

export const sampleDataSource: Definition = {
  id: "88f730ea-2080-4021-8fd1-c8627d242069",
  name: "source-sample-data",
  kind: "source",
  displayName: "Sample Data",
  documentationUrl: "https://github.com/onramp-dev/onramp/blob/main/specs/builtins/sample-data.md",
  origin: "builtin",
  check: "sample",
  // Which streams a connection can choose depends on the dataset.
  streams: { byValueAt: "/dataset", values: SAMPLE_STREAMS, default: "ecommerce" },
  connectionSpecification: {
    $schema: "http://json-schema.org/draft-07/schema#",
    title: "Sample Data source",
    type: "object",
    required: ["dataset"],
    additionalProperties: false,
    properties: {
      dataset: {
        type: "string",
        title: "Dataset",
        description: "Which made-up data to produce.",
        enum: ["ecommerce", "users", "events"],
        default: "ecommerce",
        order: 0,
      },
      record_count: {
        type: "integer",
        title: "Records per stream",
        description: "How many records each stream produces per sync.",
        minimum: 1,
        maximum: 1000000,
        default: 1000,
        order: 1,
      },
      seed: {
        type: "integer",
        title: "Random seed",
        description: "The same seed gives the same records every time; leave empty for new ones each sync.",
        examples: [42],
        order: 2,
      },
      start_date: {
        type: "string",
        title: "Start date",
        description: "Earliest timestamp the generated records carry (UTC).",
        format: "date-time",
        pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$",
        pattern_descriptor: "YYYY-MM-DDTHH:mm:ssZ",
        examples: ["2024-01-01T00:00:00Z"],
        order: 3,
      },
    },
  },
};
