// Reads the value a field wants out of a stretch of the message (the words after its name, a
// pasted pair's value, the whole answer to the question asked), by the field's shape: one word
// for a host or a database, a number (in the field's unit) for a count, an option by its names, a
// date, a list. Returns the value and the span it came from, or why nothing fits.
import { tryRegExp } from "../../specs/index.ts";
import type { Analysis, Token } from "./analyze.ts";
import { isCode, isContent, saidBetween } from "./analyze.ts";
import { ANSWER_WRAPPERS, DETERMINERS, FUNCTION_WORDS, NO_WORDS, ORDINAL_WORDS, PERIOD_WORDS, UNIT_ABBREVIATIONS, UNIT_SECONDS, YES_WORDS } from "./lexicon.ts";
import { parseValue } from "./parse-value.ts";
import { codeOfName } from "./code-names.ts";
import { dateToParse } from "./readings/dates.ts";
import { demonymCountry, exampleShape, examplesOf, findName, singularOf, slips, stemOf, wordsOf, type ChoiceEntry, type FieldEntry } from "./vocabulary.ts";
import { linkShaped } from "./fit.ts";

export type Read = { ok: true; value: unknown; optionIndex?: number; start: number; end: number; weight: number } | { ok: false; reason: string; raw: string };

const VALUE_KINDS = new Set(["uri", "email", "hostport", "dotted", "path", "quoted", "number", "code", "word"]);

/**
 * A subdomain said as the whole host ("acme.zendesk.com" for the "acme" of acme.zendesk.com) is
 * its first label, unless the field's own examples or pattern hold dots.
 */
export function domainValue(field: FieldEntry, raw: string): string {
  // "enter your domain/url without https://": the description says to leave the scheme out.
  // (A subdomain field's "without https://" still wants the subdomain alone: read on.)
  if (/^https?:\/\//i.test(raw) && !/subdomain$/i.test(field.key) && /\bwithout (?:the )?(?:https?:\/\/|https?\b|protocol|scheme)|\b(?:do not|don't) include (?:the )?(?:https?:\/\/|protocol|scheme)/i.test(field.question.description ?? "")) {
    return raw.replace(/^https?:\/\//i, "").replace(/\/+$/, "");
  }
  const labelled = field.shape === "domain" || field.ownLabel === true;
  // "https://acme.zendesk.com/agent" for a subdomain or domain field: its host first.
  if (labelled && /^https?:\/\/[^\s/]+/i.test(raw) && !wantsUrl(field.question)) raw = new URL(raw).hostname;
  if (!/^[a-z0-9-]+(?:\.[a-z0-9-]+){2,}$/i.test(raw) || wantsDots(field.question)) return raw;
  if (/subdomain$/i.test(field.key)) return raw.split(".")[0];
  // "northwind.rest.vitally.io" for the site name at Vitally: the label before the vendor's own name.
  const labels = raw.toLowerCase().split(".");
  return field.ownLabel && labels.slice(1).some((label) => field.vendor?.has(stemOf(label))) ? labels[0] : raw;
}

/** A field whose examples are URLs: a URL is its value whole. */
function wantsUrl(question: FieldEntry["question"]): boolean {
  const examples = examplesOf(question);
  return examples.some((example) => typeof example === "string" && /^https?:\/\//i.test(example));
}

/** A field whose examples or pattern show dots (a full domain), where a dotted value is whole. */
function wantsDots(question: FieldEntry["question"]): boolean {
  const examples = examplesOf(question);
  return (
    [...examples, question.default].some((example) => typeof example === "string" && example.includes(".")) ||
    /\\\./.test(question.pattern ?? "") ||
    /\bhost ?name\b/i.test(question.title)
  );
}

function textOf(analysis: Analysis, tokens: Token[]): string {
  return tokens.length ? analysis.text.slice(tokens[0].start, tokens[tokens.length - 1].end) : "";
}

/** The option (or enum value) said within the tokens: the best-weighted name, when only one choice has it. */
export function readChoice(field: FieldEntry, analysis: Analysis, tokens: Token[], options: { ordinals?: boolean; initials?: boolean; negated?: boolean } = {}): Read | null {
  if (!field.choices?.length || tokens.length === 0) return null;
  const from = analysis.tokens.indexOf(tokens[0]);
  const to = analysis.tokens.indexOf(tokens[tokens.length - 1]) + 1;
  let best: { choice: ChoiceEntry; weight: number; start: number; end: number } | null = null;
  let tie = false;
  for (const choice of field.choices) {
    for (const name of choice.names) {
      for (const hit of findName(analysis, name)) {
        if (hit.from < from || hit.to > to) continue;
        if (!options.negated && analysis.tokens.slice(hit.from, hit.to).some((token) => token.negated)) continue;
        // "we're in Japan": a lowercase function word that spells a code ("in" for India) is a
        // word of the sentence, unless it is the whole answer.
        const said = analysis.tokens[hit.from];
        if (hit.to - hit.from === 1 && functionWord(said) && analysis.tokens.some((token) => token !== said && token.kind !== "punct")) continue;
        // Longer names say more: "us east 2" over "us east".
        const weight = hit.weight + (hit.to - hit.from) * 0.01;
        if (!best || weight > best.weight + 1e-9) {
          tie = false;
          best = { choice, weight, start: hit.start, end: hit.end };
        } else if (Math.abs(weight - best.weight) < 1e-9 && best.choice !== choice) tie = true;
      }
    }
  }
  // "by year and month" for YEAR/MONTH: a value of several words said in order, joined by "and"
  // or a comma, names it over the one word it starts with.
  for (const choice of field.choices) {
    const words = wordsOf(String(choice.value).replace(/[/_-]/g, " ")).filter((word) => !FUNCTION_WORDS.has(word));
    if (words.length < 2) continue;
    for (let at = from; at < to; at++) {
      // (The run may go on past the stretch read, within its clause: "year" then "and month".)
      const sentence = analysis.tokens[at].sentence;
      let limit = at;
      while (limit < analysis.tokens.length && analysis.tokens[limit].sentence === sentence) limit++;
      let next = at;
      let matched = 0;
      for (const word of words) {
        while (next < limit && (analysis.tokens[next].lower === "and" || /^[,&/]$/.test(analysis.tokens[next].text)) && matched > 0) next++;
        if (next < limit && analysis.tokens[next].lower === word && !analysis.tokens[next].negated) {
          matched++;
          next++;
        } else break;
      }
      if (matched !== words.length) continue;
      const weight = 1 + (next - at) * 0.01;
      if (!best || weight > best.weight + 1e-9) {
        tie = false;
        best = { choice, weight, start: analysis.tokens[at].start, end: analysis.tokens[next - 1].end };
      }
      break;
    }
  }
  // "htpp" for http, "sandbx" for sandbox: one slip in a word of four letters or more, when only
  // one choice is that close.
  if (!best) {
    const close = new Map<ChoiceEntry, Token>();
    for (const choice of field.choices) {
      for (const name of choice.names) {
        if (name.stems.length !== 1 || name.text.length < 4) continue;
        const token = tokens.find((candidate) => candidate.kind === "word" && !candidate.negated && candidate.lower[0] === name.text[0] && candidate.lower !== name.text && slips(candidate.lower, name.text) <= (name.text.length >= 8 ? 2 : 1));
        if (token) close.set(choice, token);
      }
    }
    if (close.size === 1) {
      const [[choice, token]] = [...close];
      best = { choice, weight: 0.75, start: token.start, end: token.end };
    }
  }
  // "Canadian" for a list of country codes.
  if (!best && field.codes === "country") {
    for (const token of tokens) {
      const code = token.kind === "word" ? demonymCountry(token.lower)?.toLowerCase() : undefined;
      const choice = code ? field.choices.find((candidate) => String(candidate.value).toLowerCase() === code) : undefined;
      if (choice && !token.negated) {
        best = { choice, weight: 0.75, start: token.start, end: token.end };
        break;
      }
    }
  }
  if (best && !tie) return { ok: true, value: best.choice.value, optionIndex: best.choice.index, start: best.start, end: best.end, weight: best.weight };
  if (options.ordinals) {
    const content = tokens.filter(isContent);
    const only = content.length === 1 ? content[0] : undefined;
    const position = only ? (ORDINAL_WORDS[only.lower] ?? (only.kind === "number" && Number.isInteger(only.number) ? only.number : undefined)) : undefined;
    if (position !== undefined) {
      const choice = position === -1 ? field.choices[field.choices.length - 1] : field.choices[position - 1];
      if (choice && (field.shape === "choice" || !field.choices.some((candidate) => String(candidate.value) === only!.text))) {
        return { ok: true, value: choice.value, optionIndex: choice.index, start: only!.start, end: only!.end, weight: 0.8 };
      }
    }
  }
  // "metric" for M, "English" for E: one-letter codes are the words they abbreviate.
  if (options.initials && field.choices.every((choice) => choice.initial)) {
    const words = tokens.filter((token) => token.kind === "word" && isContent(token) && token.lower.length >= 3);
    const matches = field.choices.filter((choice) => words.some((word) => word.lower[0] === choice.initial));
    if (matches.length === 1) {
      const word = words.find((candidate) => candidate.lower[0] === matches[0].initial)!;
      return { ok: true, value: matches[0].value, optionIndex: matches[0].index, start: word.start, end: word.end, weight: 0.6 };
    }
  }
  return null;
}

function readBoolean(tokens: Token[]): Read | null {
  for (const token of tokens) {
    if (token.kind !== "word" && token.kind !== "number") continue;
    if (YES_WORDS.has(token.lower)) return { ok: true, value: !token.negated, start: token.start, end: token.end, weight: 0.9 };
    if (NO_WORDS.has(token.lower)) return { ok: true, value: false, start: token.start, end: token.end, weight: 0.9 };
  }
  return null;
}

/** A number in the field's unit: "2 weeks" for a count of days is 14, "weekly" 7, "fifty" 50. */
function readNumber(field: FieldEntry, analysis: Analysis, tokens: Token[]): Read | null {
  for (const [index, token] of tokens.entries()) {
    let period = token.kind === "word" ? PERIOD_WORDS[token.lower] : undefined;
    // "a week", "an hour": one of the unit (the "a" may have been cut as a word that wraps a value).
    const next = tokens[index + 1];
    const unitAt = (at: Token | undefined) => (at?.kind === "word" ? UNIT_ABBREVIATIONS[at.lower] ?? Object.keys(UNIT_SECONDS).find((name) => stemOf(at.lower) === stemOf(name)) : undefined);
    if (!period && index === 0 && field.unit && unitAt(token) && /(?:^|\s)an?\s+$/i.test(analysis.text.slice(Math.max(0, token.start - 4), token.start))) period = `1 ${unitAt(token)}`;
    if (!period && /^(?:a|an)$/.test(token.lower) && next?.kind === "word" && (UNIT_ABBREVIATIONS[next.lower] || Object.keys(UNIT_SECONDS).some((name) => stemOf(next.lower) === stemOf(name)))) {
      period = `1 ${UNIT_ABBREVIATIONS[next.lower] ?? Object.keys(UNIT_SECONDS).find((name) => stemOf(next.lower) === stemOf(name))}`;
    }
    if (token.kind !== "number" && !period) continue;
    let value = token.number ?? Number(period!.split(" ").length > 1 ? period!.split(" ")[0] : 1);
    let end = token.end;
    const unitWord = period ? period.split(" ").pop()! : tokens[index + 1]?.kind === "word" ? tokens[index + 1].lower : undefined;
    const unit = unitWord ? UNIT_ABBREVIATIONS[unitWord] ?? (Object.keys(UNIT_SECONDS).find((name) => stemOf(unitWord) === stemOf(name)) as string | undefined) : undefined;
    if (unit && field.unit && unit !== field.unit) {
      const converted = (value * UNIT_SECONDS[unit]) / UNIT_SECONDS[field.unit];
      value = Number.isInteger(converted) || field.question.type === "number" ? converted : Math.round(converted);
      if (!period || /^(?:a|an)$/.test(token.lower)) end = tokens[index + 1].end;
    }
    if (field.question.type === "integer" && !Number.isInteger(value)) return { ok: false, reason: `"${token.text}" is not a whole number`, raw: token.text };
    // A port or a count a spec keeps as text ("8123") is still read as a number.
    return { ok: true, value: field.question.type === "string" ? String(value) : value, start: token.start, end, weight: 1 };
  }
  return null;
}

/** "A, B and C", "A n B", "118 and 907": items of a list, each read as the items' type. */
/** Values of a list named under a negation within the tokens ("not country", "no TSLA"). */
export function takenBack(field: FieldEntry, analysis: Analysis, tokens: Token[]): unknown[] {
  const out: unknown[] = [];
  for (const token of tokens) {
    if (!token.negated || token.kind === "punct" || functionWord(token)) continue;
    const read = readChoice(field, analysis, [token], { negated: true });
    if (read?.ok) out.push(read.value);
  }
  return out;
}

/** A list whose examples all carry a mark a plain word lacks: a dot, a colon, a slash or an at. */
function markedExamples(question: FieldEntry["question"]): boolean {
  const examples = examplesOf(question).flat();
  return examples.length > 0 && examples.every((example) => typeof example === "string" && /[.:/@]/.test(example));
}

const hasQuoted = (tokens: Token[]) => tokens.some((token) => token.kind === "quoted");

function readList(field: FieldEntry, analysis: Analysis, tokens: Token[], explicit = false): Read | null {
  const question = field.question;
  if (field.choices?.length) {
    const values: unknown[] = [];
    let start = Infinity;
    let end = -1;
    // Every choice named among the tokens, in order ("uk n ireland", "english and german").
    for (const token of tokens) {
      if (token.kind === "punct" || functionWord(token) || token.negated) continue;
      const read = readChoice(field, analysis, [token]);
      if (read?.ok && !values.includes(read.value)) {
        values.push(read.value);
        start = Math.min(start, read.start);
        end = Math.max(end, read.end);
      }
    }
    // Multi-word names ("united kingdom") are found over the whole stretch too.
    const whole = readChoice(field, analysis, tokens);
    if (whole?.ok && !values.includes(whole.value)) {
      values.push(whole.value);
      start = Math.min(start, whole.start);
      end = Math.max(end, whole.end);
    }
    // "os_name and country - no wait, not country": a value the stretch takes back is no item.
    const kept = values.filter((value) => !takenBack(field, analysis, tokens).includes(value));
    return kept.length ? { ok: true, value: kept, start, end, weight: 0.9 } : null;
  }
  const items: Token[][] = [[]];
  // "AAPL, MSFT and NVDA, crypto news": the item after "and" is the list's last; what follows
  // its comma is the next thing said.
  // (Not inside brackets: "apple, oracle and sap (AAPL, ORCL and SAP)".)
  let closing = false;
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === "punct" && token.text === "(") depth++;
    if (token.kind === "punct" && token.text === ")") depth = Math.max(0, depth - 1);
    if (closing && depth === 0 && token.kind === "punct" && /^[,;]$/.test(token.text) && items[items.length - 1].length > 0) break;
    // (A bullet at the start of a line is a joint too: "- a\n- b".)
    const bullet = token.kind === "punct" && /^[-*•]$/.test(token.text) && /(?:^|\n)[ \t]*$/.test(analysis.text.slice(0, token.start));
    const joint = (token.kind === "punct" && /^[,;&+/\n]$/.test(token.text)) || bullet || (token.kind === "word" && /^(?:and|n|plus|or|&)$/.test(token.lower));
    if (joint) items.push([]);
    else items[items.length - 1].push(token);
    if (token.kind === "word" && /^(?:and|n|or|&)$/.test(token.lower) && items.length > 2) closing = true;
  }
  // "AAPL MSFT NVDA": codes one after another, spaces alone between them, are items each.
  for (let at = items.length - 1; at >= 0; at--) {
    const content = items[at].filter((token) => token.kind !== "punct");
    let codes = 0;
    while (codes < content.length && isCode(content[codes].text)) codes++;
    if (codes >= 2) items.splice(at, 1, ...content.slice(0, codes).map((token) => [token]), ...(codes < content.length ? [content.slice(codes)] : []));
  }
  const values: unknown[] = [];
  let start = Infinity;
  let end = -1;
  for (const item of items) {
    let content = item.filter((token) => VALUE_KINDS.has(token.kind) && (token.kind !== "word" || !functionWord(token)));
    // "two properties", "3 sites": a count before a plural word counts the list, it is no item of
    // it ("two properties: https://a.example/" still holds the URL after it).
    if (question.itemType !== "integer" && question.itemType !== "number" && content[0]?.kind === "number" && content[1]?.kind === "word" && /[a-z]{3,}s$/i.test(content[1].text)) content = content.slice(2);
    // ("grab the title, release and user.email": a word before a determiner leads the item; it
    // is the verb of the sentence, not an item.)
    const words = item.filter((token) => token.kind !== "punct");
    if (content.length > 1 && words[0] === content[0] && words[0].kind === "word" && /^[a-z]+$/.test(words[0].text) && DETERMINERS.has(words[1]?.lower ?? "")) content = content.slice(1);
    if (content.length === 0) continue;
    // A list of codes said by name ("Germany, Austria and Switzerland" for de, at, ch).
    if (field.codes && !hasQuoted(content)) {
      const name = analysis.text.slice(content[0].start, content[content.length - 1].end);
      const code = content.every((token) => token.kind === "word") ? codeOfName(field.codes, name, field.codeSample) : undefined;
      if (code) {
        values.push(code);
        start = Math.min(start, content[0].start);
        end = Math.max(end, content[content.length - 1].end);
        continue;
      }
    }
    // Each item is one word ("acme/api"); a wordy item ends the list ("acme/api using a token").
    // In words about an item, the word with a value's marks is the item ("incidents from the
    // legacy-billing", "solana (SOL"), and the list goes on after it.
    const quoted = content.find((token) => token.kind === "quoted");
    const marked = !quoted && content.length > 1 && !valueMarked(content[0]) ? content.filter(valueMarked) : [];
    const item0 = quoted ?? (marked.length === 1 ? marked[0] : content[0]);
    // "surveys 118 and 907, data since March": a plain word after numbers is no item of theirs.
    // (Nor after ids with digits: "org 41c0e9d2-…, hourly granularity".)
    if (!quoted && values.length > 0 && values.every((value) => /\d/.test(String(value)) && !/\s/.test(String(value))) && /^[a-z]+$/i.test(item0.text)) break;
    // Where every example is marked (a URL, "sc-domain:x.com", "acme/api"), a plain word is no item.
    if (!quoted && !explicit && markedExamples(question) && !/[.:/@]/.test(item0.text)) {
      if (values.length) break;
      continue;
    }
    const parsed = parseValue({ ...question, type: question.itemType ?? "string" } as typeof question, item0.text);
    if (!parsed.ok) return values.length ? null : { ok: false, reason: parsed.reason, raw: item0.text };
    values.push(parsed.value);
    start = Math.min(start, item0.start);
    end = Math.max(end, item0.end);
    if (content.length > 2 && marked.length !== 1) break;
  }
  // Where the examples share a shape ("BTC", "AVAX") and some items have it, the others were
  // words about them ("bitcoin, ether (BTC, ETH)").
  // (Or the item pattern the spec gives: "matter, ids 118 and 907" for ids of up to 8 digits.)
  const shape = question.itemPattern ? tryRegExp(question.itemPattern) : itemShape(question);
  const shaped = shape ? values.filter((value) => shape.test(String(value))) : values;
  const kept = shaped.length > 0 && shaped.length < values.length ? shaped : values;
  return kept.length ? { ok: true, value: kept, start, end, weight: 0.9 } : null;
}

/** A word with a value's marks: a code in capitals, digits, "_", "-", "#", or not a plain word at all. */
function valueMarked(token: Token): boolean {
  return token.kind !== "word" || isCode(token.text) || /[\d_#-]/.test(token.text);
}

/** The shape every example of a list shares: codes in capitals, or one pattern of parts. */
function itemShape(question: FieldEntry["question"]): RegExp | null {
  const examples = examplesOf(question).flat().filter((example): example is string => typeof example === "string");
  if (examples.length === 0) return null;
  if (examples.every((example) => /^[A-Z][A-Z0-9]{1,9}$/.test(example))) return /^[A-Z][A-Z0-9]{1,9}$/;
  const shapes = examples.map(exampleShape);
  return shapes.every((shape) => shape && shape.source === shapes[0]!.source) ? shapes[0] : null;
}

/** The value of `field` said within `tokens` (already cut to the stretch that may hold it). */
/**
 * `explicit`: the tokens are a value written out for this field (a pasted `key: value` line), so
 * its items need not look like the examples.
 */
export function readValue(field: FieldEntry, analysis: Analysis, tokens: Token[], options: { whole?: boolean; explicit?: boolean } = {}): Read | null {
  const question = field.question;
  let live = tokens.filter((token) => token.kind !== "punct" || /^[-+]$/.test(token.text));
  // "the Australian one", "our older ones": a word that picks one of several things describes
  // it; it is no free-text value (an option's word still names its option).
  if (field.shape !== "choice" && field.shape !== "enum" && field.shape !== "boolean") live = live.filter((token) => !describesOne(analysis, token));
  if (live.length === 0) return null;
  switch (field.shape) {
    case "choice":
    case "enum": {
      const chosen = readChoice(field, analysis, tokens, { ordinals: options.whole, initials: true });
      if (chosen) return chosen;
      // A duration said for an enum of codes ("daily" for 1d, "3 months" for 3mo).
      const spoken = parseValue(question, textOf(analysis, live));
      if (spoken.ok && field.choices?.some((choice) => choice.value === spoken.value)) {
        const choice = field.choices.find((candidate) => candidate.value === spoken.value)!;
        return { ok: true, value: spoken.value, optionIndex: choice.index, start: live[0].start, end: live[live.length - 1].end, weight: 0.8 };
      }
      // A number enum said as a period or in another unit ("weekly" for a period of 7 days).
      if (field.choices?.every((choice) => typeof choice.value === "number")) {
        const number = readNumber(field, analysis, tokens);
        if (number?.ok && field.choices.some((choice) => choice.value === number.value)) return number;
      }
      return chosen ?? (options.whole ? { ok: false, reason: `"${textOf(analysis, live)}" is not one of the options`, raw: textOf(analysis, live) } : null);
    }
    case "boolean":
      return readBoolean(tokens);
    case "number":
    case "port":
      return readNumber(field, analysis, tokens);
    case "list":
      return readList(field, analysis, tokens, options.explicit);
    case "date": {
      // The date the analysis found in the stretch, with its own span: "from 1 Jan 2023 up to 1
      // April 2024" leaves the second date for the end date.
      // ("the end of June 2024" after the name "end": the date began a word before the stretch.)
      const said =
        analysis.dates.find((date) => date.start >= live[0].start && date.start < live[live.length - 1].end) ??
        analysis.dates.find((date) => date.start < live[0].start && date.end > live[0].start && live[0].start - date.start <= 8 && date.to === undefined);
      if (said) {
        // A date typed in a form the field takes ("2024-04-01T00:00:00+00:00") stays as typed.
        const typed = analysis.text.slice(said.start, said.split ?? said.end).trim();
        if (/^\d{4}-\d{2}-\d{2}/.test(typed)) {
          const asTyped = parseValue(question, typed);
          if (asTyped.ok && asTyped.value === typed) return { ok: true, value: typed, start: said.start, end: said.split ?? said.end, weight: 0.95 };
        }
        const parsed = parseValue(question, dateToParse(question, said.from, typed));
        // (A date without its year is less sure: "from July …, so start on 2024-07-01" is 2024.)
        if (parsed.ok) return { ok: true, value: parsed.value, start: said.start, end: said.split ?? said.end, weight: said.from.isCertain("year") ? 0.95 : 0.6 };
      }
      const raw = textOf(analysis, live).replace(/^(?:from|since|starting(?: from| on)?|until|till|up to|as of|on|through|to)\s+/i, "");
      const parsed = parseValue(question, raw);
      return parsed.ok ? { ok: true, value: parsed.value, start: live[0].start, end: live[live.length - 1].end, weight: 0.9 } : { ok: false, reason: parsed.reason, raw };
    }
    case "object": {
      const raw = textOf(analysis, live);
      const parsed = parseValue(question, raw);
      return parsed.ok ? { ok: true, value: parsed.value, start: live[0].start, end: live[live.length - 1].end, weight: 0.9 } : null;
    }
    case "text": {
      const content = live.filter((token) => token.kind !== "word" || !functionWord(token) || live.length > 1);
      if (content.length === 0) return null;
      // ("euros" for a currency field: a code said by name, as a one-word field takes it.)
      const coded = field.codes && !field.choices && live.length <= 3 ? codeSaid(field, analysis, live) : null;
      if (coded) return coded;
      const quoted = live.find((token) => token.kind === "quoted");
      const span = quoted ? [quoted] : live;
      // ("10 is fine", "acme please": the words that wrap an answer are not part of it.)
      // (As typed: "in three bullet points" stays in words.)
      let said = saidBetween(analysis, span[0].start, span[span.length - 1].end).replace(/(?:\s+[-–—])+$|[.!?,;]+$/, "").replace(ANSWER_WRAPPERS.trail, "").trim();
      // ("(#rust OR #go) -is:retweet": a bracket the value closes opens it too.)
      let opened = span[0].start;
      while (opened > 0 && /\s/.test(analysis.text[opened - 1])) opened--;
      const unbalanced = (said.match(/\)/g)?.length ?? 0) > (said.match(/\(/g)?.length ?? 0);
      const spanStart = unbalanced && analysis.text[opened - 1] === "(" ? opened - 1 : span[0].start;
      if (spanStart !== span[0].start) said = `(${said}`;
      // A comma list said in prose ("AAPL, TSLA and NVDA") is written as the list it is.
      if (!quoted && wantsCommaList(question) && /,|\band\b|&/.test(said)) {
        // (Joined as the field's example joins its items: "a:0, a:1" keeps its space.)
        const spaced = examplesOf(question).some((example) => typeof example === "string" && /,\s/.test(example));
        said = said.split(/\s*(?:,|\band\b|&)\s*/).filter(Boolean).join(spaced ? ", " : ",");
      }
      // ("5 miles" for a radius "in miles": the unit the description counts in is the field's.)
      const counted = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(said);
      if (counted && countsIn(question, counted[2])) said = counted[1];
      const raw = field.valueFor?.get(said.toLowerCase()) ?? said;
      const parsed = parseValue(question, raw);
      return parsed.ok ? { ok: true, value: parsed.value, start: spanStart, end: span[span.length - 1].end, weight: quoted ? 1 : 0.8 } : { ok: false, reason: parsed.reason, raw };
    }
    default: {
      // A code said by name ("the euro" for a currency field whose examples are EUR, USD).
      const named = field.codes && !field.choices ? codeSaid(field, analysis, live) : null;
      if (named) return named;
      // One word: the quoted one, else the first shaped one (a host, a code), else the first word
      // that can be a value ("ours is acme.example.io" is the host, not "ours").
      const quoted = live.find((token) => token.kind === "quoted");
      // (A link field takes no word alone: "our enterprise API URL is https://…" is the link.)
      const candidates = live.filter((candidate) => VALUE_KINDS.has(candidate.kind) && isContent(candidate) && !(field.shape === "url" && candidate.kind === "word" && !linkShaped(candidate.text)));
      // ("German, de-DE": the word shaped like the field's examples is the value.)
      const shapes = examplesOf(question).map(exampleShape).filter((shape): shape is RegExp => shape !== null);
      // (A word with a value's marks counts as shaped: "the bucket bk-galaxy-tmp under the prefix a/b" is bk-galaxy-tmp.)
      const token = quoted ?? candidates.find((candidate) => shapes.some((shape) => shape.test(candidate.text))) ?? candidates.find((candidate) => candidate.kind !== "word" || /[\d_-]/.test(candidate.text)) ?? candidates[0];
      if (!token) return null;
      let raw = token.text;
      let end = token.end;
      // "b1:9092,b2:9092" where the field's example is such a comma list: the whole run is the value.
      if (wantsCommaList(question)) {
        const at = analysis.tokens.indexOf(token);
        let next = at + 1;
        // ("0 and 2", "eu, us & apac": a list said in prose is written as the comma list it is.)
        const joint = (item: Token | undefined) => item?.text === "," || item?.lower === "and" || item?.text === "&";
        while (joint(analysis.tokens[next]) && analysis.tokens[next + 1]?.kind === token.kind) next += 2;
        if (next > at + 1) {
          end = analysis.tokens[next - 1].end;
          const items = analysis.tokens.slice(at, next).filter((item) => !joint(item)).map((item) => item.text);
          const spaced = examplesOf(question).some((example) => typeof example === "string" && /,\s/.test(example));
          raw = items.join(spaced ? ", " : ",");
        }
      }
      if (token.kind === "hostport" && field.shape === "host" && raw === token.text) raw = raw.slice(0, raw.lastIndexOf(":"));
      raw = domainValue(field, raw);
      // "eu" where the description says "'eu1' for EU".
      raw = field.valueFor?.get(raw.toLowerCase()) ?? raw;
      const parsed = parseValue(question, raw);
      return parsed.ok ? { ok: true, value: parsed.value, start: token.start, end, weight: quoted ? 1 : 0.9 } : { ok: false, reason: parsed.reason, raw };
    }
  }
}

/** A word between a determiner and "one(s)": "the [Australian] one". */
function describesOne(analysis: Analysis, token: Token): boolean {
  if (token.kind !== "word") return false;
  const at = analysis.tokens.indexOf(token);
  const before = analysis.tokens[at - 1];
  const after = analysis.tokens[at + 1];
  return !!before && !!after && DETERMINERS.has(before.lower) && /^ones?$/.test(after.lower);
}

/** A function word, unless written in capitals as a code ("US", "IT"). */
function functionWord(token: Token): boolean {
  return FUNCTION_WORDS.has(token.lower) && !isCode(token.text);
}

/** The first one to three words that name a code of the field's kind, in its examples' form. */
function codeSaid(field: FieldEntry, analysis: Analysis, tokens: Token[]): Read | null {
  const examples = examplesOf(field.question);
  const sample = typeof examples[0] === "string" ? examples[0] : field.codeSample;
  const words = tokens.filter((token) => token.kind === "word");
  for (let at = 0; at < words.length; at++) {
    for (let length = Math.min(3, words.length - at); length >= 1; length--) {
      const span = words.slice(at, at + length);
      if (span.some((token, index) => index > 0 && analysis.tokens.indexOf(token) !== analysis.tokens.indexOf(span[index - 1]) + 1)) continue;
      const code = codeOfName(field.codes!, analysis.text.slice(span[0].start, span[span.length - 1].end), sample);
      if (code) return { ok: true, value: code, start: span[0].start, end: span[span.length - 1].end, weight: 0.85 };
    }
  }
  return null;
}

/** The description counts the value in this unit: "the radius … in miles", "timeout (seconds)". */
function countsIn(question: FieldEntry["question"], unit: string): boolean {
  const said = singularOf(unit.toLowerCase());
  const description = (question.description ?? "").toLowerCase();
  return said.length >= 2 && [...description.matchAll(/\bin ([a-z]+)\b|\(([a-z]+)\)/g)].some((match) => singularOf(match[1] ?? match[2]) === said);
}

/** A string field that holds a comma list: its example is one ("broker1:9092,broker2:9092"), or its description says so. */
export function wantsCommaList(question: FieldEntry["question"]): boolean {
  if (question.type !== "string") return false;
  const examples = examplesOf(question);
  return examples.some((example) => typeof example === "string" && /\S,\s*\S/.test(example)) || /\bcomma[- ]?(?:separated|delimited)\b|\bseparated by (?:a )?commas?\b/i.test(question.description ?? "");
}
