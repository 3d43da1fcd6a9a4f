// A small OpenAPI description the reliability suites import, so the import routes have a draft
// to be probed with (kept inline: the suites need nothing from ../shared).
export const tinyApiDescription = {
  openapi: "3.0.3",
  info: { title: "Tiny inventory", version: "1.0.0" },
  servers: [{ url: "http://127.0.0.1:9/v1" }],
  components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Api-Key" } } },
  security: [{ key: [] }],
  paths: {
    "/items": {
      get: {
        operationId: "listItems",
        responses: {
          "200": {
            description: "Items",
            content: { "application/json": { schema: { type: "object", properties: { data: { type: "array", items: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } } } } } } },
          },
        },
      },
    },
  },
};
