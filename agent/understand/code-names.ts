// Codes people say by name: a country ("New Zealand" for NZ), a language ("German" for de), a
// currency ("the euro" for EUR). Each list comes from a maintained ISO table (i18n-iso-countries,
// iso-639-1, currency-codes), never from a hand-written list.
import currencyCodes from "currency-codes";
import countries from "i18n-iso-countries";
import ISO6391 from "iso-639-1";

export type CodeKind = "country" | "language" | "currency";

// "euro", "us dollar", "pound sterling", and a currency's last word where only one currency has it ("yen").
const currencyByName = (() => {
  const byName = new Map<string, string>();
  const lastWords = new Map<string, string[]>();
  for (const entry of currencyCodes.data) {
    const name = entry.currency.toLowerCase().replace(/\s*\(.*?\)\s*/g, " ").trim();
    byName.set(name, entry.code);
    const last = name.split(/\s+/).pop()!;
    lastWords.set(last, [...(lastWords.get(last) ?? []), entry.code]);
  }
  for (const [word, codes] of lastWords) if (codes.length === 1 && !byName.has(word)) byName.set(word, codes[0]);
  return byName;
})();

// Every country's names, built once (a country enum asks for each of its codes).
let countryNames: Record<string, string[]> | undefined;

/** The names a code is said by. */
export function namesOfCode(kind: CodeKind, code: string): string[] {
  if (kind === "country") return (countryNames ??= countries.getNames("en", { select: "all" }))[code.toUpperCase()] ?? [];
  if (kind === "language") {
    const name = ISO6391.getName(code.toLowerCase());
    return name ? [name] : [];
  }
  const entry = currencyCodes.code(code.toUpperCase());
  return entry ? [entry.currency.replace(/\s*\(.*?\)\s*/g, " ").trim()] : [];
}

/** The code a name stands for ("euros" → EUR), in the case and length the field's codes use. */
export function codeOfName(kind: CodeKind, name: string, sample?: string): string | undefined {
  const text = name.toLowerCase().trim();
  let code: string | undefined;
  if (kind === "currency") code = currencyByName.get(text) ?? currencyByName.get(text.replace(/s$/, ""));
  else if (kind === "language") code = ISO6391.getCode(text) || undefined;
  else code = (sample && sample.length === 3 ? countries.getAlpha3Code(name, "en") : countries.getAlpha2Code(name, "en")) ?? undefined;
  if (!code) return undefined;
  return sample && sample === sample.toLowerCase() ? code.toLowerCase() : code.toUpperCase();
}

/** Whether `code` is a code of the kind ("at" is Austria's). */
export function isCodeOf(kind: CodeKind, code: string): boolean {
  if (kind === "currency") return currencyCodes.code(code.toUpperCase()) !== undefined;
  if (kind === "language") return ISO6391.validate(code.toLowerCase());
  return countries.isValid(code.toUpperCase());
}
