// Airbyte's ManifestComponentTransformer, in TypeScript: after references are resolved, every
// component without a `type` gets the default type of the field it sits in
// ("SimpleRetriever.paginator" → NoPagination), and `$parameters` flow down from parents to
// children, where they also fill the component's own empty fields ("name", "path", ...).
// Behaviour copied on purpose, quirks included (a falsy field is overwritten by a parameter of
// the same name, as Python's `field or parameter` does), so a manifest means here what it means
// on Airbyte.
const PARAMETERS = "$parameters";

/** The type a component gets when it has none, by "<ParentType>.<field>". */
export const DEFAULT_MODEL_TYPES: Readonly<Record<string, string>> = {
  "CompositeErrorHandler.error_handlers": "DefaultErrorHandler",
  "CursorPagination.decoder": "JsonDecoder",
  "DatetimeBasedCursor.end_datetime": "MinMaxDatetime",
  "DatetimeBasedCursor.end_time_option": "RequestOption",
  "DatetimeBasedCursor.start_datetime": "MinMaxDatetime",
  "DatetimeBasedCursor.start_time_option": "RequestOption",
  "DeclarativeSource.check": "CheckStream",
  "DeclarativeSource.spec": "Spec",
  "DeclarativeSource.streams": "DeclarativeStream",
  "DeclarativeStream.retriever": "SimpleRetriever",
  "DeclarativeStream.schema_loader": "JsonFileSchemaLoader",
  "DynamicDeclarativeStream.stream_template": "DeclarativeStream",
  "DynamicDeclarativeStream.components_resolver": "ConfigComponentResolver",
  "HttpComponentsResolver.retriever": "SimpleRetriever",
  "HttpComponentsResolver.components_mapping": "ComponentMappingDefinition",
  "ConfigComponentsResolver.stream_config": "StreamConfig",
  "ConfigComponentsResolver.components_mapping": "ComponentMappingDefinition",
  "DefaultErrorHandler.response_filters": "HttpResponseFilter",
  "DefaultPaginator.decoder": "JsonDecoder",
  "DefaultPaginator.page_size_option": "RequestOption",
  "DpathExtractor.decoder": "JsonDecoder",
  "HttpRequester.error_handler": "DefaultErrorHandler",
  "ListPartitionRouter.request_option": "RequestOption",
  "ParentStreamConfig.request_option": "RequestOption",
  "ParentStreamConfig.stream": "DeclarativeStream",
  "RecordSelector.extractor": "DpathExtractor",
  "RecordSelector.record_filter": "RecordFilter",
  "SimpleRetriever.paginator": "NoPagination",
  "SimpleRetriever.record_selector": "RecordSelector",
  "SimpleRetriever.requester": "HttpRequester",
  "SubstreamPartitionRouter.parent_stream_configs": "ParentStreamConfig",
  "AddFields.fields": "AddedFieldDefinition",
  "CustomPartitionRouter.parent_stream_configs": "ParentStreamConfig",
  "DynamicSchemaLoader.retriever": "SimpleRetriever",
  "SchemaTypeIdentifier.types_map": "TypesMap",
  "StreamGroup.streams": "DeclarativeStream",
};

/** Fields whose value is a map of named components (JSON Schema additionalProperties). */
const ADDITIONAL_PROPERTIES_TYPES: Readonly<Record<string, string>> = {
  "DeclarativeSource.stream_groups": "StreamGroup",
};

/** The type a `class_name` component (Python code) gets when it has none. */
const CUSTOM_COMPONENT_TYPES: Readonly<Record<string, string>> = {
  "CompositeErrorHandler.backoff_strategies": "CustomBackoffStrategy",
  "DeclarativeStream.retriever": "CustomRetriever",
  "DeclarativeStream.transformations": "CustomTransformation",
  "DefaultErrorHandler.backoff_strategies": "CustomBackoffStrategy",
  "DefaultPaginator.pagination_strategy": "CustomPaginationStrategy",
  "HttpRequester.authenticator": "CustomAuthenticator",
  "HttpRequester.error_handler": "CustomErrorHandler",
  "RecordSelector.extractor": "CustomRecordExtractor",
  "SimpleRetriever.partition_router": "CustomPartitionRouter",
};

type Json = Record<string, any>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === "object" && !Array.isArray(value);

/** Python truthiness, for `field or parameter`. */
function truthy(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return true;
}

const clone = <T>(value: T): T => structuredClone(value);

// Components are copied one level at a time (every level is rebuilt below), so the input is never
// changed and no deep copy of the whole tree is made per component as Python's deepcopy does.

// JSON schemas (a stream's schema, the connection specification) are data, not components.
const isJsonSchemaObject = (component: Json) =>
  component.type === "object" || (Array.isArray(component.type) && component.type.length === 2 && component.type[0] === "null" && component.type[1] === "object");

const hasNestedComponents = (component: Json) => Object.values(component).some((value) => isObject(value) && truthy(value.type));

export function propagateComponent(parentField: string, declarative: Json, parentParameters: Json, useParentParameters?: boolean): Json {
  const component: Json = { ...declarative };
  if (!("type" in component)) {
    const found = "class_name" in component ? CUSTOM_COMPONENT_TYPES[parentField] : DEFAULT_MODEL_TYPES[parentField];
    if (found) component.type = found;
  }
  const own: Json = isObject(component[PARAMETERS]) ? component[PARAMETERS] : {};
  delete component[PARAMETERS];
  const current: Json = useParentParameters ? { ...own, ...clone(parentParameters) } : { ...clone(parentParameters), ...own };

  if (isJsonSchemaObject(component)) return component;
  if (!("type" in component)) {
    if (hasNestedComponents(component)) {
      for (const [field, value] of Object.entries(component)) {
        if (isObject(value) && truthy(value.type)) component[field] = propagateComponent(parentField, value, current, useParentParameters);
      }
    }
    return component;
  }

  for (const [key, value] of Object.entries(current)) component[key] = truthy(component[key]) ? component[key] : value;

  for (const [field, value] of Object.entries(component)) {
    if (!isObject(value) && !Array.isArray(value)) continue;
    // A parameter named like the field is not passed into it, or it would nest forever.
    const excluded = current[field];
    delete current[field];
    const identifier = `${component.type}.${field}`;
    if (isObject(value)) {
      const mapType = ADDITIONAL_PROPERTIES_TYPES[identifier];
      if (mapType) {
        const map: Json = { ...value };
        for (const [key, entry] of Object.entries(map)) {
          if (isObject(entry)) map[key] = propagateComponent(identifier, "type" in entry ? entry : { ...entry, type: mapType }, current, useParentParameters);
        }
        component[field] = map;
      } else {
        component[field] = propagateComponent(identifier, value, current, useParentParameters);
      }
    } else {
      component[field] = (value as unknown[]).map((element) => (isObject(element) ? propagateComponent(identifier, element, current, useParentParameters) : element));
    }
    if (truthy(excluded)) current[field] = excluded;
  }
  if (Object.keys(current).length > 0) component[PARAMETERS] = current;
  return component;
}

/** The whole manifest with default types filled and `$parameters` propagated, as the CDK does before validating. */
export function propagateManifest(resolved: Json): Json {
  return propagateComponent("", resolved, {});
}
