import { describe, expect, it } from "vitest";
import { propagateManifest } from "./propagate-components.ts";

describe("propagateManifest (Airbyte's ManifestComponentTransformer)", () => {
  const manifest = () => ({
    type: "DeclarativeSource",
    check: { stream_names: ["users"] },
    streams: [
      {
        $parameters: { name: "users", path: "/users", primary_key: "id" },
        retriever: {
          requester: { url_base: "https://api.example.com", path: "", authenticator: { type: "BearerAuthenticator", api_token: "{{ config.key }}" } },
          record_selector: { extractor: { field_path: ["data"] } },
          paginator: { type: "DefaultPaginator", pagination_strategy: { type: "PageIncrement", page_size: 10 }, page_size_option: { inject_into: "request_parameter", field_name: "per_page" } },
        },
        schema_loader: { type: "InlineSchemaLoader", schema: { type: "object", properties: { id: { type: "string" } } } },
      },
    ],
  });

  it("fills default component types by the field they sit in", () => {
    const out = propagateManifest(manifest());
    expect(out.check.type).toBe("CheckStream");
    const stream = out.streams[0];
    expect(stream.type).toBe("DeclarativeStream");
    expect(stream.retriever.type).toBe("SimpleRetriever");
    expect(stream.retriever.requester.type).toBe("HttpRequester");
    expect(stream.retriever.record_selector.type).toBe("RecordSelector");
    expect(stream.retriever.record_selector.extractor.type).toBe("DpathExtractor");
    expect(stream.retriever.paginator.page_size_option.type).toBe("RequestOption");
    expect(stream.retriever.paginator.pagination_strategy.type).toBe("PageIncrement");
    // Untyped, a paginator is NoPagination (the CDK's default), and its fields get no defaults.
    const untyped = manifest();
    delete (untyped.streams[0].retriever.paginator as any).type;
    const paginator = propagateManifest(untyped).streams[0].retriever.paginator;
    expect(paginator.type).toBe("NoPagination");
    expect(paginator.page_size_option.type).toBeUndefined();
  });

  it("passes $parameters down, filling empty fields (Python's `field or parameter`) but not set ones", () => {
    const stream = propagateManifest(manifest()).streams[0];
    expect(stream.name).toBe("users");
    // `path: ""` is falsy, so the parameter fills it, as on Airbyte.
    expect(stream.retriever.requester.path).toBe("/users");
    expect(stream.retriever.requester.$parameters).toEqual({ name: "users", path: "/users", primary_key: "id" });
    expect(stream.retriever.requester.authenticator.name).toBe("users");
    expect(stream.retriever.requester.url_base).toBe("https://api.example.com");
  });

  it("leaves JSON schemas alone and marks Python components by their field", () => {
    const raw = manifest();
    (raw.streams[0].retriever.record_selector as any).extractor = { class_name: "source_x.components.Extractor" };
    const stream = propagateManifest(raw).streams[0];
    expect(stream.schema_loader.schema).toEqual({ type: "object", properties: { id: { type: "string" } } });
    expect(stream.retriever.record_selector.extractor.type).toBe("CustomRecordExtractor");
  });

  it("does not pass a parameter into the field of the same name", () => {
    const out = propagateManifest({ type: "DeclarativeSource", streams: [{ $parameters: { retriever: "x" }, retriever: { requester: { url_base: "u" } } }] });
    expect(out.streams[0].retriever.retriever).toBeUndefined();
    expect(out.streams[0].retriever.requester.retriever).toBeUndefined();
  });
});
