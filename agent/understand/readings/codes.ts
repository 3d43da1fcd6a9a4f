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
