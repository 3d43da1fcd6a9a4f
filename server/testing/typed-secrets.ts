// A test definition whose secrets are not strings (an integer PIN, a service-account object), and
// a local API that answers 200 only when the check sent the real values of both: proof that a
// secret that left the config as JSON text comes back as the value it was.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes, randomInt } from "node:crypto";
import { Catalog, type Definition } from "../../specs/index.ts";

export const typedSecretsDefinition: Definition = {
  id: "6f1f2a4e-9c3b-4d7a-8e21-5b0c7d9e4f10",
  name: "source-typed-secrets",
  kind: "source",
  displayName: "Typed secrets (test)",
  origin: "test",
  check: "http",
  httpCheck: { url: "{{ config.base_url }}/probe/{{ config.service_account.client_email }}?pin={{ config.pin }}", method: "GET" },
  connectionSpecification: {
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    required: ["base_url", "pin", "service_account"],
    properties: {
      base_url: { type: "string", title: "Base URL", order: 0 },
      pin: { type: "integer", title: "PIN", airbyte_secret: true, order: 1 },
      service_account: {
        type: "object",
        title: "Service account key",
        airbyte_secret: true,
        // A key file pasted whole: the spec does not describe its inside, so nothing asks for it
        // field by field.
        order: 2,
      },
    },
  },
};

/** The built-in catalog plus the typed-secrets definition. */
export async function catalogWithTypedSecrets(): Promise<Catalog> {
  const catalog = await Catalog.load({ builtins: true });
  catalog.add(typedSecretsDefinition);
  return catalog;
}

export interface TypedSecrets {
  pin: number;
  serviceAccount: { client_email: string; private_key: string };
  /** What must never be found in plaintext: the PIN's digits and the key inside the object. */
  canaries: string[];
}

export function typedSecrets(): TypedSecrets {
  const pin = randomInt(100_000_000_000, 999_999_999_999);
  const privateKey = `canary-key-${randomBytes(10).toString("hex")}`;
  return {
    pin,
    serviceAccount: { client_email: `svc-${randomBytes(4).toString("hex")}@example.com`, private_key: privateKey },
    canaries: [String(pin), privateKey],
  };
}

/** A local API that accepts exactly these secrets; `hits` counts the requests that did. */
export async function startTypedSecretsApi(expected: TypedSecrets): Promise<{ baseUrl: string; hits: () => number; close(): Promise<void> }> {
  let hits = 0;
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://x");
    const ok = url.pathname === `/probe/${expected.serviceAccount.client_email}` && url.searchParams.get("pin") === String(expected.pin);
    if (ok) hits++;
    response.writeHead(ok ? 200 : 401).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    hits: () => hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
