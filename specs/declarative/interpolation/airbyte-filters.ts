// The Airbyte CDK's filters (airbyte_cdk/sources/declarative/interpolation/filters.py): hash,
// base64encode, base64decode, base64binascii_decode, string, regex_search, hmac.
import { createHash, createHmac, getHashes } from "node:crypto";
import { bind, REQUIRED } from "./arguments.ts";
import { pyError, typeError, valueError } from "./errors.ts";
import { toJson } from "./json.ts";
import { pyStr } from "./py-str.ts";
import { pythonRegExp } from "./regex.ts";
import { truthy, typeName, type Kwargs } from "./values.ts";

type FilterFunction = (value: unknown, args: unknown[], kwargs: Kwargs) => unknown;

function hashText(value: unknown, hashType: unknown, salt: unknown): string {
  const algorithm = String(hashType).replace(/^sha3_/, "sha3-");
  if (typeof hashType !== "string" || !getHashes().includes(algorithm)) throw pyError("AttributeError", `No hashing function named ${String(hashType)}`);
  const hash = createHash(algorithm).update(pyStr(value), "utf8");
  if (truthy(salt)) hash.update(pyStr(salt), "utf8");
  return hash.digest("hex");
}

function encodeString(value: unknown, method: string): string {
  if (typeof value !== "string") throw pyError("AttributeError", `'${typeName(value)}' object has no attribute '${method}'`);
  return value;
}

export const AIRBYTE_FILTERS: Record<string, FilterFunction> = {
  hash: (value, args, kwargs) => {
    const [hashType, salt] = bind("hash", [["hash_type", "md5"], ["salt", null]], args, kwargs);
    return hashText(value, hashType, salt);
  },
  base64encode: (value) => Buffer.from(encodeString(value, "encode"), "utf8").toString("base64"),
  base64decode: (value) => {
    const text = encodeString(value, "encode");
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text.replace(/[^A-Za-z0-9+/=]/g, "")) || text.replace(/[^A-Za-z0-9+/]/g, "").length % 4 === 1) {
      throw pyError("Error", "Incorrect padding");
    }
    const decoded = Buffer.from(text, "base64");
    const result = new TextDecoder("utf-8", { fatal: true });
    try {
      return result.decode(decoded);
    } catch {
      throw valueError("'utf-8' codec can't decode bytes");
    }
  },
  base64binascii_decode: (value) => Buffer.from(encodeString(value, "encode"), "latin1").toString("base64"),
  string: (value) => {
    if (typeof value === "string") return value;
    return `"""${toJson(value, { sortKeys: false })}"""`;
  },
  regex_search: (value, args, kwargs) => {
    const [pattern] = bind("regex_search", [["regex", REQUIRED]], args, kwargs);
    if (typeof value !== "string") throw typeError(`expected string or bytes-like object, got '${typeName(value)}'`);
    const match = pythonRegExp(String(pattern)).exec(value);
    return match && match.length > 1 ? (match[1] ?? null) : "";
  },
  hmac: (value, args, kwargs) => {
    const [key, hashType] = bind("hmac", [["key", REQUIRED], ["hash_type", "sha256"]], args, kwargs);
    if (hashType !== "sha256") throw valueError(`Hash type '${String(hashType)}' is not allowed. Allowed types: sha256`);
    return createHmac("sha256", pyStr(key)).update(pyStr(value), "utf8").digest("hex");
  },
};
