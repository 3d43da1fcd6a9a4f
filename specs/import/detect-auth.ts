// Which credentials the API takes, each guess with its reason: the document's security schemes
// (those its requirements use, else all it declares), and where it declares none, an apiKey the
// operations imply through an auth-like header or query parameter. A requirement naming several
// apiKeys at once (key + secret) becomes one option sending them together.
import { snakeCase, titleCase } from "./names.ts";
import type { ApiModel, ApiParameter, ApiSecurityScheme, AuthGuess, ConfigFieldGuess } from "./types.ts";

/** Parameter names that carry a credential when a document declares no security scheme. */
const AUTH_PARAMETER = /^(authorization|x[-_]?api[-_]?key|api[-_]?key|apikey|x[-_]?auth[-_]?token|auth[-_]?token|api[-_]?token|access[-_]?token|private[-_]?token|x[-_]?access[-_]?token|token|key)$/i;

function secretField(key: string, title: string, reason: string): ConfigFieldGuess {
  return { key, title, type: "string", required: true, secret: true, reason };
}

function plainField(key: string, title: string, reason: string): ConfigFieldGuess {
  return { key, title, type: "string", required: true, secret: false, reason };
}

function apiKeyGuess(scheme: ApiSecurityScheme, fieldKey = "api_key"): AuthGuess {
  const location = scheme.in ?? "header";
  const name = scheme.name ?? "X-API-Key";
  const isAuthorization = location === "header" && /^authorization$/i.test(name);
  const reason =
    scheme.implied ??
    `security scheme "${scheme.key}" is an apiKey sent in the ${location} ${location === "header" ? `"${name}"` : `parameter "${name}"`}`;
  return {
    key: scheme.key,
    kind: "api_key",
    title: `API key (${location} ${name})`,
    inject: { in: location, name },
    fields: [secretField(fieldKey, isAuthorization ? "Authorization header value" : titleCase(name).replace(/^X /, ""), `the ${name} ${location} value`)],
    reason,
  };
}

function oauthGuess(scheme: ApiSecurityScheme, model: ApiModel): AuthGuess {
  const flows = Object.keys(scheme.flows ?? {});
  // A reader needs the scopes the GET operations require, not every scope the flow declares.
  const readScopes = [...new Set(model.operations.filter((operation) => operation.method === "GET").flatMap((operation) => operation.scopes?.[scheme.key] ?? []))];
  // Refresh-token flows first: a connector must run unattended, and a client-credentials grant
  // needs no person at all.
  const flow = ["clientCredentials", "authorizationCode", "password", "implicit"].find((name) => flows.includes(name));
  const details = flow ? scheme.flows![flow as keyof NonNullable<ApiSecurityScheme["flows"]>]! : { scopes: [] as string[] };
  const scopes = readScopes.length ? readScopes : details.scopes;
  const oauth = { flow: flow ?? "token", authorizationUrl: details.authorizationUrl, tokenUrl: details.tokenUrl, refreshUrl: details.refreshUrl, scopes, flows };
  const scopeWords = readScopes.length ? `; scopes ${readScopes.join(", ")}, which its GET operations require` : "";
  const declared = flows.length ? `declares the ${flows.join(", ")} flow(s)` : "declares no flow";
  if (flow === "clientCredentials" && details.tokenUrl) {
    return {
      key: scheme.key,
      kind: "oauth2",
      title: "OAuth 2.0 (client credentials)",
      oauth,
      fields: [plainField("client_id", "Client ID", "the client-credentials grant needs the client id"), secretField("client_secret", "Client secret", "the client-credentials grant needs the client secret")],
      reason: `security scheme "${scheme.key}" is OAuth 2.0 and ${declared}; the client-credentials grant (token URL ${details.tokenUrl}) runs without a person${scopeWords}`,
    };
  }
  if (flow === "authorizationCode" && (details.refreshUrl || details.tokenUrl)) {
    return {
      key: scheme.key,
      kind: "oauth2",
      title: "OAuth 2.0 (authorization code)",
      oauth,
      fields: [
        plainField("client_id", "Client ID", "the token refresh needs the client id"),
        secretField("client_secret", "Client secret", "the token refresh needs the client secret"),
        secretField("refresh_token", "Refresh token", "an authorization-code grant is kept alive by its refresh token"),
      ],
      reason: `security scheme "${scheme.key}" is OAuth 2.0 and ${declared}; access tokens are refreshed at ${details.refreshUrl ?? details.tokenUrl}${scopeWords}`,
    };
  }
  return {
    key: scheme.key,
    kind: "bearer",
    title: "OAuth 2.0 access token",
    oauth,
    fields: [secretField("access_token", "Access token", "the token is sent as a bearer token")],
    reason: `security scheme "${scheme.key}" is OAuth 2.0 and ${declared}${flow ? ` (the ${flow} flow cannot be refreshed unattended)` : ""}; an access token obtained elsewhere is sent as a bearer token`,
  };
}

function guessFor(scheme: ApiSecurityScheme, model: ApiModel): AuthGuess | undefined {
  if (scheme.type === "apiKey") return apiKeyGuess(scheme);
  if (scheme.type === "http" && scheme.scheme === "basic") {
    return {
      key: scheme.key,
      kind: "basic",
      title: "Username and password",
      fields: [plainField("username", "Username", "HTTP basic auth sends a username"), secretField("password", "Password", "HTTP basic auth sends a password")],
      reason: scheme.implied ?? `security scheme "${scheme.key}" is HTTP basic auth`,
    };
  }
  if (scheme.type === "http") {
    return {
      key: scheme.key,
      kind: "bearer",
      title: scheme.bearerFormat ? `Bearer token (${scheme.bearerFormat})` : "Bearer token",
      fields: [secretField("api_key", "API token", "the token is sent as \"Authorization: Bearer …\"")],
      reason: scheme.implied ?? `security scheme "${scheme.key}" is HTTP ${scheme.scheme}${scheme.bearerFormat ? ` (${scheme.bearerFormat})` : ""}`,
    };
  }
  if (scheme.type === "oauth2") return oauthGuess(scheme, model);
  if (scheme.type === "openIdConnect") {
    return {
      key: scheme.key,
      kind: "bearer",
      title: "OpenID Connect access token",
      fields: [secretField("access_token", "Access token", "an OpenID Connect access token is sent as a bearer token")],
      reason: `security scheme "${scheme.key}" is OpenID Connect; its access token is sent as a bearer token`,
    };
  }
  return undefined;
}

/** Schemes the document's requirements name (global or per operation), in first-use order. */
function usedRequirements(model: ApiModel): string[][] {
  const seen = new Map<string, string[]>();
  // A collection's requests each carry their auth: when its GETs carry some, the others' (a token
  // request's basic auth) are not what the connector sends.
  const gets = model.operations.filter((operation) => operation.method === "GET");
  const readers = model.format.startsWith("postman") && gets.some((operation) => operation.security?.length) ? gets : model.operations;
  for (const requirements of [model.security, ...readers.map((operation) => operation.security)]) {
    for (const requirement of requirements ?? []) {
      if (requirement.length) seen.set([...requirement].sort().join("+"), requirement);
    }
  }
  return [...seen.values()];
}

function impliedSchemes(model: ApiModel): ApiSecurityScheme[] {
  const found = new Map<string, { parameter: ApiParameter; count: number }>();
  for (const operation of model.operations) {
    for (const parameter of operation.parameters) {
      if ((parameter.in !== "header" && parameter.in !== "query") || !AUTH_PARAMETER.test(parameter.name)) continue;
      const key = `${parameter.in}:${parameter.name.toLowerCase()}`;
      const known = found.get(key);
      found.set(key, { parameter, count: (known?.count ?? 0) + 1 });
    }
  }
  return [...found.values()].map(({ parameter, count }) => {
    const why = `the document declares no security scheme, but ${count} operation(s) take a "${parameter.name}" ${parameter.in} parameter`;
    if (parameter.in === "header" && /^authorization$/i.test(parameter.name)) {
      return { key: `implied:${parameter.name}`, type: "http", scheme: "bearer", implied: `${why}, sent as a bearer token` } satisfies ApiSecurityScheme;
    }
    return { key: `implied:${parameter.name}`, type: "apiKey", in: parameter.in as "header" | "query", name: parameter.name, implied: why } satisfies ApiSecurityScheme;
  });
}

/** The parameters `detectAuth` took as credentials, so entities do not ask for them again. */
export function isAuthParameter(parameter: ApiParameter, auth: AuthGuess[]): boolean {
  return auth.some((guess) =>
    [guess, ...(guess.alongside ?? [])].some(
      (one) =>
        (one.inject && one.inject.in === parameter.in && one.inject.name.toLowerCase() === parameter.name.toLowerCase()) ||
        (parameter.in === "header" && /^authorization$/i.test(parameter.name) && one.kind !== "none"),
    ),
  );
}

export function detectAuth(model: ApiModel): AuthGuess[] {
  const byKey = new Map(model.schemes.map((scheme) => [scheme.key, scheme]));
  const requirements = usedRequirements(model).filter((requirement) => requirement.every((key) => byKey.has(key)));
  // The schemes operations require come first; schemes declared but required nowhere are still
  // ways the API accepts (HubSpot's private-app header beside its OAuth), so they follow.
  const named = new Set(requirements.flat());
  // (A collection declares nothing: its schemes are only what some request used.)
  const unrequired = model.format.startsWith("postman") && requirements.length ? [] : model.schemes.filter((scheme) => !named.has(scheme.key));
  const groups = [...requirements, ...unrequired.map((scheme) => [scheme.key])];
  const guesses: AuthGuess[] = [];
  for (const group of groups) {
    const schemes = group.map((key) => byKey.get(key)!);
    const apiKeys = schemes.filter((scheme) => scheme.type === "apiKey");
    if (apiKeys.length > 1 && apiKeys.length === schemes.length) {
      const parts = apiKeys.map((scheme) => apiKeyGuess(scheme, snakeCase(scheme.name ?? scheme.key) || scheme.key));
      guesses.push({
        ...parts[0],
        key: group.join("+"),
        title: `API keys (${apiKeys.map((scheme) => scheme.name).join(" + ")})`,
        alongside: parts.slice(1),
        fields: parts.flatMap((part) => part.fields),
        reason: `one security requirement sends ${apiKeys.map((scheme) => `"${scheme.name}"`).join(" and ")} together`,
      });
      continue;
    }
    const guess = guessFor(schemes[0], model);
    if (guess && requirements.length && !named.has(schemes[0].key)) guess.reason += "; declared, though no operation requires it";
    if (guess && !guesses.some((known) => known.key === guess.key)) guesses.push(guess);
  }
  if (guesses.length === 0 && model.schemes.length === 0) {
    for (const scheme of impliedSchemes(model)) {
      const guess = guessFor(scheme, model);
      if (guess) guesses.push(guess);
    }
  }
  // Several ways to send the same credential (the header and the query parameter of one token)
  // stay options of the oneOf; schemes that would send exactly the same thing are one option.
  const seen = new Set<string>();
  return guesses.filter((guess) => {
    const signature = guess.kind === "bearer" ? "bearer" : [guess.kind, guess.inject?.in, guess.inject?.name?.toLowerCase(), guess.oauth?.flow, guess.oauth?.tokenUrl, (guess.alongside ?? []).length].join("|");
    if (seen.has(signature)) return false;
    seen.add(signature);
    return true;
  });
}
