// Places and languages named in passing for a list of their codes: "articles from Australia,
// Chile and Canada" gives a country-code list au, cl, ca, where exactly one open list takes
// that kind of code. Only capitalised names count: "in", "us" and "no" are words, not places.
import type { Token } from "../analyze.ts";
import { codeOfName, type CodeKind } from "../code-names.ts";
import { emptyReading, isOpen, type Reading, type Scene } from "../scene.ts";
import type { FieldEntry } from "../vocabulary.ts";

/** The code of a capitalised name at `index` (one or two words), and how many tokens it took. */
export function namedCodeAt(tokens: Token[], index: number, kind: CodeKind, sample?: string): { code: string; length: number } | null {
  const first = tokens[index];
  if (!first || first.kind !== "word" || !/^[A-Z][a-z]/.test(first.text)) return null;
  const second = tokens[index + 1];
  if (second?.kind === "word" && /^[A-Z][a-z]/.test(second.text)) {
    const pair = codeOfName(kind, `${first.text} ${second.text}`, sample);
    if (pair) return { code: pair, length: 2 };
  }
  const one = codeOfName(kind, first.text, sample);
  return one ? { code: one, length: 1 } : null;
}

/** The one open list of codes of each kind, where there is exactly one. */
export function codeLists(scene: Scene): Map<CodeKind, FieldEntry> {
  const byKind = new Map<CodeKind, FieldEntry[]>();
  for (const field of scene.vocabulary.fields) {
    if (field.shape !== "list" || !field.codes || field.choices?.length || field.question.secret || !isOpen(scene, field)) continue;
    byKind.set(field.codes, [...(byKind.get(field.codes) ?? []), field]);
  }
  return new Map([...byKind].filter(([, fields]) => fields.length === 1).map(([kind, fields]) => [kind, fields[0]]));
}

export function codesInPassing(scene: Scene): Reading {
  const reading = emptyReading();
  const { tokens } = scene.analysis;
  for (const [kind, field] of codeLists(scene)) {
    const codes: string[] = [];
    let start = Infinity;
    let end = -1;
    for (let index = 0; index < tokens.length; index++) {
      if (tokens[index].negated || tokens[index].inQuestion) continue;
      const found = namedCodeAt(tokens, index, kind, field.codeSample);
      if (!found) continue;
      if (!codes.includes(found.code)) codes.push(found.code);
      start = Math.min(start, tokens[index].start);
      end = Math.max(end, tokens[index + found.length - 1].end);
      index += found.length - 1;
    }
    // Two names or more make a list said in passing; one alone may be anything ("Jordan").
    if (codes.length >= 2) reading.candidates.push({ path: field.path, value: codes, start, end, score: 0.8, source: "codes" });
  }
  return reading;
}

/**
 * "US workspace" for a region described "'api' for US or 'eu1' for EU": a word a free-text
 * field's description maps to one of its values, said in passing, for the one open field that
 * maps it. Written as a code ("US", "EU") or a word of four letters or more: "us" in lower case is
 * a pronoun.
 */
export function describedValuesInPassing(scene: Scene): Reading {
  const reading = emptyReading();
  const fields = scene.vocabulary.fields.filter((field) => field.valueFor?.size && !field.question.secret && isOpen(scene, field));
  if (fields.length === 0) return reading;
  for (const token of scene.analysis.tokens) {
    if (token.kind !== "word" || token.negated || token.inQuestion) continue;
    if (!(/^[A-Z]{2,3}$/.test(token.text) || token.lower.length >= 4)) continue;
    if (scene.mentions.some((mention) => token.start >= mention.start && token.end <= mention.end && !fields.includes(mention.field))) continue;
    const holders = fields.filter((field) => field.valueFor!.has(token.lower));
    if (holders.length !== 1) continue;
    reading.candidates.push({ path: holders[0].path, value: holders[0].valueFor!.get(token.lower), start: token.start, end: token.end, score: 0.64, source: "choice" });
  }
  return reading;
}

/**
 * "the rates should be against the Swiss franc rather than the dollar": a currency named in
 * passing, for the one open single-currency field (a base or payout currency), where the message
 * names one currency outside a negation or contrast. (Only currencies: a country or a language
 * said in passing is as often about something else.)
 */
export function currencyInPassing(scene: Scene): Reading {
  const reading = emptyReading();
  const fields = scene.vocabulary.fields.filter((field) => field.codes === "currency" && field.shape !== "list" && !field.choices?.length && !field.question.secret && isOpen(scene, field));
  if (fields.length !== 1) return reading;
  const [field] = fields;
  const { tokens } = scene.analysis;
  const found: Array<{ code: string; start: number; end: number }> = [];
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    // ("rather than the dollar": the analysis marks what a contrast turns down as negated.)
    if (token.negated || token.inQuestion) continue;
    // A name of two words ("Swiss franc") or one ("euro"), as written (a capital is no need here:
    // currency names are written in lower case).
    const pair = tokens[index + 1]?.kind === "word" ? codeOfName("currency", `${token.text} ${tokens[index + 1].text}`, field.codeSample) : undefined;
    const one = token.kind === "word" && token.lower.length >= 4 ? codeOfName("currency", token.text, field.codeSample) : undefined;
    const code = pair ?? one;
    if (!code) continue;
    found.push({ code, start: token.start, end: pair ? tokens[index + 1].end : token.end });
    if (pair) index++;
  }
  const codes = [...new Set(found.map((hit) => hit.code))];
  if (codes.length === 1) reading.candidates.push({ path: field.path, value: codes[0], start: found[0].start, end: found[found.length - 1].end, score: 0.66, source: "codes" });
  return reading;
}
