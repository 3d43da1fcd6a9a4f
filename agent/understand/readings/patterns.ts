// A regular expression said in passing ("every topic matching orders-.*", "files matching
// orders_[0-9]{8}\.csv") is the value of the one open field that takes a pattern (its key or
// title says pattern or regex). Read from the text itself: a pattern's brackets and escapes are
// split into several tokens by the analysis.
import { emptyReading, isOpen, type Reading, type Scene } from "../scene.ts";

// Runs of non-space text with a mark only a pattern has: ".*", ".+", "\d", a character class, a
// count in braces, a group "(?:".
const PATTERN = /[^\s"'`,;]*(?:\.\*|\.\+|\\[dwsDWS.]|\[[^\]\s]+\]|\{\d+(?:,\d*)?\}|\(\?:)[^\s"'`,;]*/g;
const TAKES_PATTERN = /pattern|regex|regexp/i;

function compiles(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

export function patternValues(scene: Scene): Reading {
  const reading = emptyReading();
  const { text } = scene.analysis;
  if (!/[*+\\[{]/.test(text)) return reading;
  const fields = scene.vocabulary.fields.filter(
    (field) => !field.question.secret && field.question.type === "string" && !field.choices?.length && TAKES_PATTERN.test(`${field.key} ${field.question.title}`) && isOpen(scene, field),
  );
  if (fields.length !== 1) return reading;
  for (const match of text.matchAll(PATTERN)) {
    // (A sentence's full stop is no part of it, unless escaped: "\.csv.")
    const value = match[0].replace(/(?<!\\)[.!?]$/, "");
    if (value.length < 3 || /^[a-z][a-z0-9+.-]*:\/\//i.test(value) || !compiles(value)) continue;
    const start = match.index!;
    reading.candidates.push({ path: fields[0].path, value, start, end: start + value.length, score: 0.82, source: "pattern" });
    break;
  }
  return reading;
}
