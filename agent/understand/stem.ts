// The stemmer behind every comparison of words. Stemming is the understander's most repeated
// call (each word of a message against each field's names, on every turn), so a bounded memo
// keeps it to one stemmer run per distinct word; cleared whole when full, which is rare and cheap.
import { stemmer } from "stemmer";

const memo = new Map<string, string>();
const MEMO_LIMIT = 20_000;

/** The stem of a lower-case word (a curly apostrophe counts as a straight one). */
export function stemLower(lower: string): string {
  let stem = memo.get(lower);
  if (stem === undefined) {
    stem = stemmer(lower.replace(/[’]/g, "'"));
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(lower, stem);
  }
  return stem;
}
