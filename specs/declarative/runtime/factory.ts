// Builds runnable components from a resolved manifest, one small function per component type,
// in the spirit of the CDK's model_to_component_factory: a type this runtime does not run (a
// Python `class_name`, AsyncRetriever, XmlDecoder...) is an UnsupportedComponentError naming
// it and where it sits, raised while building, before any request is made.
import { apiKeyAuthenticator, basicAuthenticator, bearerAuthenticator, noAuth, selectiveAuthenticator, type Authenticator } from "./auth/authenticator.ts";
import { oauthAuthenticator } from "./auth/oauth.ts";
import { legacySessionTokenAuthenticator, sessionTokenAuthenticator } from "./auth/session-token.ts";
import { DatetimeBasedCursor } from "./datetime-cursor.ts";
import { backoffStrategy, CompositeErrorHandler, DefaultErrorHandler, type ErrorHandler } from "./error-handler.ts";
import { ManifestError, UnsupportedComponentError } from "./errors.ts";
import { decodeJson, decodeJsonLines, type Decode } from "./http-client.ts";
import { HttpRequester } from "./http-requester.ts";
import { paginator } from "./paginators.ts";
import { cartesianProduct, listPartitionRouter, substreamPartitionRouter, unsupportedRouter, type PartitionRouter } from "./partition-routers.ts";
import { RecordSelector } from "./record-selector.ts";
import { StreamRunner } from "./stream-runner.ts";
import { Templates, type Clock } from "./templates.ts";
import { transformation } from "./transformations.ts";

type Model = Record<string, any>;

const unsupported = (model: Model | undefined, at: string, detail?: string): never => {
  throw new UnsupportedComponentError(String(model?.type ?? (model?.class_name ? "custom component" : "untyped component")), at, detail);
};

export class ComponentFactory {
  private readonly templates: Templates;

  constructor(
    private readonly manifest: Model,
    config: Record<string, unknown>,
    private readonly clock: Clock = {},
  ) {
    this.templates = new Templates(config, {}, clock);
  }

  private of(model: Model | undefined): Templates {
    return this.templates.with(model?.$parameters);
  }

  /** The stream definitions of the manifest, by name (conditional streams included when their condition holds). */
  streamModels(): Array<{ model: Model; at: string }> {
    const out: Array<{ model: Model; at: string }> = [];
    const visit = (list: unknown, at: string) => {
      if (!Array.isArray(list)) return;
      list.forEach((model: Model, index) => {
        const where = `${at}/${index}`;
        if (model?.type === "ConditionalStreams") {
          if (this.of(model).boolean(model.condition)) visit(model.streams, `${where}/streams`);
        } else if (model?.type === "StateDelegatingStream") out.push({ model: { ...model.full_refresh_stream, name: model.full_refresh_stream?.name ?? model.name }, at: `${where}/full_refresh_stream` });
        else if (model && typeof model === "object") out.push({ model, at: where });
      });
    };
    visit(this.manifest.streams, "/streams");
    return out;
  }

  stream(model: Model, at: string): StreamRunner {
    if (model.type !== "DeclarativeStream") unsupported(model, at);
    const retriever: Model | undefined = model.retriever;
    if (!retriever || retriever.type !== "SimpleRetriever") unsupported(retriever, `${at}/retriever`);
    const retrieverAt = `${at}/retriever`;
    const requester = this.requester(retriever!.requester, `${retrieverAt}/requester`);
    const transformations = (model.transformations ?? []).map((item: Model, index: number) => transformation(item, this.of(item), `${at}/transformations/${index}`));
    const selector = RecordSelector.build(retriever!.record_selector ?? {}, this.of(retriever!.record_selector), `${retrieverAt}/record_selector`, transformations);
    const decode = this.decoder(retriever!.decoder ?? retriever!.requester?.decoder, `${retrieverAt}/decoder`);
    const router = this.router(retriever!.partition_router ?? retriever!.stream_slicer, `${retrieverAt}/partition_router`);
    const incremental: Model | undefined = model.incremental_sync;
    let cursor: DatetimeBasedCursor | undefined;
    if (incremental) {
      if (incremental.type !== "DatetimeBasedCursor") unsupported(incremental, `${at}/incremental_sync`);
      cursor = new DatetimeBasedCursor(incremental, this.of(incremental), `${at}/incremental_sync`, this.clock.now ?? (() => new Date()));
    }
    return new StreamRunner(String(model.name ?? ""), {
      requester,
      paginator: paginator(retriever!.paginator, this.of(retriever!.paginator), `${retrieverAt}/paginator`),
      selector,
      decode,
      router,
      cursor,
      ignoreSlicerOnPaginatedRequests: retriever!.ignore_stream_slicer_parameters_on_paginated_requests === true,
    });
  }

  requester(model: Model | undefined, at: string): HttpRequester {
    if (!model || model.type !== "HttpRequester") return unsupported(model, at);
    const authenticator = this.authenticator(model.authenticator, `${at}/authenticator`);
    return new HttpRequester(model, this.of(model), at, authenticator, this.errorHandler(model.error_handler, `${at}/error_handler`));
  }

  authenticator(model: Model | undefined, at: string): Authenticator {
    if (!model) return noAuth();
    const templates = this.of(model);
    switch (model.type) {
      case "NoAuth":
        return noAuth();
      case "ApiKeyAuthenticator":
        return apiKeyAuthenticator(model, templates, at);
      case "BearerAuthenticator":
        return bearerAuthenticator(model, templates);
      case "BasicHttpAuthenticator":
        return basicAuthenticator(model, templates);
      case "OAuthAuthenticator":
        return oauthAuthenticator(model, templates, at);
      case "SelectiveAuthenticator":
        return selectiveAuthenticator(model, this.templates.config, at, (chosen, where) => this.authenticator(chosen, where));
      case "SessionTokenAuthenticator":
        return sessionTokenAuthenticator(model, templates, at, this.requester(model.login_requester, `${at}/login_requester`));
      case "LegacySessionTokenAuthenticator":
        return legacySessionTokenAuthenticator(model, templates, at, this.errorHandler(undefined, at));
      default:
        return unsupported(model, at);
    }
  }

  errorHandler(model: Model | undefined, at: string): ErrorHandler {
    if (!model) return new DefaultErrorHandler({}, this.templates, at, []);
    if (model.type === "CompositeErrorHandler") {
      const handlers: Model[] = model.error_handlers ?? [];
      if (handlers.length === 0) throw new ManifestError("CompositeErrorHandler has no error_handlers", at);
      return new CompositeErrorHandler(handlers.map((handler, index) => this.errorHandler(handler, `${at}/error_handlers/${index}`)));
    }
    if (model.type !== "DefaultErrorHandler") return unsupported(model, at);
    const strategies = (model.backoff_strategies ?? []).map((strategy: Model, index: number) => {
      const where = `${at}/backoff_strategies/${index}`;
      if (!["ConstantBackoffStrategy", "ExponentialBackoffStrategy", "WaitTimeFromHeader", "WaitUntilTimeFromHeader"].includes(strategy?.type)) unsupported(strategy, where);
      return backoffStrategy(strategy, this.of(strategy), where);
    });
    return new DefaultErrorHandler(model, this.of(model), at, strategies);
  }

  decoder(model: Model | undefined, at: string): Decode {
    if (!model || model.type === "JsonDecoder") return decodeJson;
    if (model.type === "JsonlDecoder") return decodeJsonLines;
    return unsupported(model, at);
  }

  router(model: Model | Model[] | undefined, at: string): PartitionRouter | undefined {
    if (!model) return undefined;
    const models = Array.isArray(model) ? model : [model];
    if (models.length === 0) return undefined;
    const routers = models.map((item, index) => {
      const where = Array.isArray(model) ? `${at}/${index}` : at;
      if (item?.type === "ListPartitionRouter") return listPartitionRouter(item, this.of(item), where);
      if (item?.type === "SubstreamPartitionRouter") return substreamPartitionRouter(item, this.of(item), where, (parent, parentAt) => this.stream(parent, parentAt));
      return unsupportedRouter(item, where);
    });
    return cartesianProduct(routers);
  }
}
