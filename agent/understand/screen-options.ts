// What the session layer needs to know of a connector to screen chat for secrets: the names a
// person calls its secret fields ("my key is ...", "the token: ..."), the words of its own name
// (a lone "coinmarketcap" while the API key is asked opens the chat, it is not the key), and a
// reading of sentences that give other fields. Built once per definition, values aside.
import type { Definition } from "../../specs/types.ts";
import { isStrongSecretName } from "../screen-named-secrets.ts";
import type { ScreenOptions } from "../screen-secrets.ts";
import { listFields } from "./fields.ts";
import { fillsOtherFields } from "./fills-other-fields.ts";
import { aliasesOf } from "./mentions.ts";

const named = new WeakMap<Definition, Pick<ScreenOptions, "secretFields" | "connectorWords">>();

function namesOf(definition: Definition): Pick<ScreenOptions, "secretFields" | "connectorWords"> {
  const cached = named.get(definition);
  if (cached) return cached;
  const fields = listFields(definition);
  const secretFields = fields
    .filter((field) => field.secret)
    // Two letters are too short to be a name, except the credential words themselves ("pw").
    .map((field) => ({ path: field.path, names: aliasesOf(field, fields).filter((name) => name.length >= 3 || isStrongSecretName(name)) }));
  const connectorWords = [
    ...new Set(
      `${definition.displayName} ${definition.name.replace(/^(?:source|destination)-/, "")} ${definition.name}`
        .toLowerCase()
        .split(/[^a-z0-9-]+/)
        .filter((word) => word.length >= 3),
    ),
  ];
  // The whole display name without spaces too: "CoinMarketCap" is typed "coinmarketcap".
  connectorWords.push(definition.displayName.toLowerCase().replace(/[^a-z0-9]+/g, ""));
  const result = { secretFields, connectorWords };
  named.set(definition, result);
  return result;
}

export function screenOptionsFor(definition: Definition | undefined, values: Record<string, unknown>, secretPath: string | null): ScreenOptions {
  if (!definition) return {};
  const { secretFields, connectorWords } = namesOf(definition);
  return {
    secretFields,
    // A lone connector name is the opening only while nothing is answered: later, "postgres"
    // typed while the Postgres password is asked is that password (a common one), and stays secret.
    ...(Object.keys(values).length === 0 ? { connectorWords } : {}),
    fillsOtherFields: (text) => secretPath !== null && fillsOtherFields(text, definition, values, secretPath),
  };
}
