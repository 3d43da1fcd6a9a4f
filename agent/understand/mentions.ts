// Where a message names a field: one of its names (key, title, synonym, stem, a slip of a long
// word), or its title's words said loosely within a sentence ("look back two weeks" for Lookback
// window, "leave out the X services" for Exclude services). Overlapping names keep the longest.
import type { Analysis, Token } from "./analyze.ts";
import { findName, isGenericTitleWord, paraphraseNames, singularOf, slips, stemOf, type FieldEntry, type Vocabulary } from "./vocabulary.ts";
import { FUNCTION_WORDS, TIME_UNITS, UNIT_ABBREVIATIONS } from "./lexicon.ts";

export interface Mention {
  field: FieldEntry;
  /** Token range [from, to). */
  from: number;
  to: number;
  start: number;
  end: number;
  weight: number;
  /** Said loosely: the title's words apart, in any order. */
  loose?: boolean;
  /** Tokens between a loose mention's words, often its value ("leave out [the X and Y] services"). */
  inner?: { from: number; to: number };
}

// Words most titles of a spec share ("GoCardless API Version", "GoCardless API Environment"):
// people leave them out when they name one field.
const sharedCache = new WeakMap<Vocabulary, Set<string>>();
function sharedTitleStems(vocabulary: Vocabulary): Set<string> {
  let shared = sharedCache.get(vocabulary);
  if (!shared) {
    const firsts = new Map<string, number>();
    for (const field of vocabulary.fields) {
      const head = field.titleStems[0];
      if (head) firsts.set(head, (firsts.get(head) ?? 0) + 1);
    }
    shared = new Set([...firsts].filter(([, count]) => count >= 2 && count * 3 >= vocabulary.fields.length).map(([stem]) => stem));
    for (const stem of vocabulary.connectorStems) shared.add(stem);
    sharedCache.set(vocabulary, shared);
  }
  return shared;
}

/** A field's title words a person must say to name it loosely; the same for every message, so worked out once per vocabulary. */
interface TitleToSay {
  field: FieldEntry;
  needed: string[];
  /** The needed stems' words as the title writes them. */
  words: string[];
  /** How many needed words may be left out. */
  spare: number;
}
const titlesCache = new WeakMap<Vocabulary, TitleToSay[]>();
function titlesToSay(vocabulary: Vocabulary): TitleToSay[] {
  let titles = titlesCache.get(vocabulary);
  if (titles) return titles;
  titles = [];
  const shared = sharedTitleStems(vocabulary);
  for (const field of vocabulary.fields) {
    const needed = field.titleStems.filter((stem) => !isGenericTitleWord(stem) && !(shared.has(stem) && field.titleStems.length > 1));
    if (needed.length === 0) continue;
    // One word stands for a title only when it is long and not a word every spec has.
    // (A long title loses a word when said: "the batch size for the logs" for Time logs batch size.)
    const spare = needed.length >= 3 ? 1 : 0;
    // (The word's length, not its stem's: "organization" stems to "organ".)
    const long = needed.length === 1 && (field.titleWords[field.titleStems.indexOf(needed[0])] ?? needed[0]).length >= 6;
    if (needed.length - spare < 2 && !long) continue;
    titles.push({ field, needed, spare, words: needed.map((stem) => field.titleWords[field.titleStems.indexOf(stem)] ?? stem) });
  }
  titlesCache.set(vocabulary, titles);
  return titles;
}

function looseMentions(analysis: Analysis, vocabulary: Vocabulary, taken: Mention[]): Mention[] {
  const found: Mention[] = [];
  const { tokens } = analysis;
  for (const { field, needed, spare, words } of titlesToSay(vocabulary)) {
    if (taken.some((mention) => mention.field.path === field.path)) continue;
    const positions = needed.map((stem, position) => {
      const word = words[position];
      // The word itself, a form of it ("services"), or a slip in a long one ("lookbak").
      const said = (token: Token) =>
        token.kind === "word" &&
        (token.lower === word || (token.stem === stem && Math.abs(token.lower.length - word.length) <= 3) || (word.length >= 6 && token.lower[0] === word[0] && (slips(token.lower, word) <= 1 || slips(token.lower, singularOf(word)) <= 1)));
      const direct = tokens.flatMap((token, index) => (said(token) ? [{ from: index, to: index + 1 }] : []));
      const paraphrased = paraphraseNames(stem).flatMap((name) => findName(analysis, name, { slips: false }).map((hit) => ({ from: hit.from, to: hit.to })));
      // "look back" said in two words for "lookback".
      const joined = tokens.flatMap((token, index) => {
        const next = tokens[index + 1];
        if (!next || token.kind !== "word" || next.kind !== "word" || word.length < 6) return [];
        const together = `${token.lower}${next.lower}`;
        return together === word || (together[0] === word[0] && slips(together, word) <= 1) ? [{ from: index, to: index + 2 }] : [];
      });
      return [...direct, ...paraphrased, ...joined];
    });
    for (const first of positions.flat()) {
      const sentence = tokens[first.from].sentence;
      // (No comma between: "forecast, and seventy-two hours" are two phrases, not "Hours to Forecast".)
      const unbroken = (hit: { from: number }) => !tokens.slice(Math.min(hit.from, first.from), Math.max(hit.from, first.from)).some((token) => token.kind === "punct" && /^[,;:]$/.test(token.text));
      // (A list's items may stand between its title's words: "ignore the a-1, b-2 and c-3 services".)
      const reach = 3 + needed.length * 2 + (field.shape === "list" ? 3 : 0);
      const near = positions.map((hits) => hits.find((hit) => tokens[hit.from].sentence === sentence && unbroken(hit) && Math.abs(hit.from - first.from) <= reach));
      if (near.filter((hit) => !hit).length > spare) continue;
      const hits = near.filter((hit): hit is { from: number; to: number } => !!hit);
      const from = Math.min(...hits.map((hit) => hit.from));
      const to = Math.max(...hits.map((hit) => hit.to));
      const start = tokens[from].start;
      const end = tokens[to - 1].end;
      if ([...taken, ...found].some((other) => start < other.end && other.start < end)) continue;
      // ("Date range 2024-01-01 through the end of June": a date between a date field's title
      // words is said for itself, not as that title's value.)
      if (field.shape === "date" && analysis.dates.some((date) => date.start >= start && date.start < end)) continue;
      const sorted = [...hits].sort((a, b) => a.from - b.from);
      let inner: { from: number; to: number } | undefined;
      // The gap that holds a value's marks ("max 2000 records in one request": the 2000), else the widest.
      const marked = (gap: { from: number; to: number }) => tokens.slice(gap.from, gap.to).some((token) => token.kind !== "word" && token.kind !== "punct");
      for (let at = 0; at + 1 < sorted.length; at++) {
        const gap = { from: sorted[at].to, to: sorted[at + 1].from };
        if (gap.to <= gap.from) continue;
        if (!inner || (marked(gap) && !marked(inner)) || (marked(gap) === marked(inner) && gap.to - gap.from > inner.to - inner.from)) inner = gap;
      }
      found.push({ field, from, to, start, end, weight: 0.8, loose: true, ...(inner ? { inner } : {}) });
      break;
    }
  }
  return found;
}

/**
 * A field named by the last word of its title right after one of its values: "keep it to 3
 * workers" (Number of concurrent workers), "the 2.0 catalog" (Product Catalog), "metric units",
 * when no other field of that kind has a title ending in that word.
 */
function headMentions(analysis: Analysis, vocabulary: Vocabulary, taken: Mention[]): Mention[] {
  const heads = new Map<string, FieldEntry[]>();
  for (const field of vocabulary.fields) {
    if ((field.shape !== "number" && !field.choices?.length) || field.question.secret) continue;
    const head = field.titleStems.filter((stem) => !isGenericTitleWord(stem)).pop();
    if (head && head.length >= 4) heads.set(head, [...(heads.get(head) ?? []), field]);
  }
  // A word another field of that kind has anywhere in its title is no one field's head: "hours"
  // of "Historic Hours" is also in "Hours to Forecast".
  for (const [head, owners] of heads) {
    const others = vocabulary.fields.filter((field) => !owners.includes(field) && (field.shape === "number" || field.choices?.length) && field.titleStems.includes(head));
    if (others.length) heads.delete(head);
  }
  const found: Mention[] = [];
  const { tokens } = analysis;
  const namesChoice = (field: FieldEntry, index: number) =>
    field.choices!.some((choice) => choice.names.some((name) => findName(analysis, name, { slips: false }).some((hit) => hit.to === index)));
  // ("30 workrs": a slip in a long head word is the word.)
  const slipped = (token: Token) => (token.kind === "word" && token.lower.length >= 5 ? [...heads.keys()].filter((head) => head.length >= 6 && head[0] === token.lower[0] && (slips(token.lower, head) <= 1 || slips(token.stem, head) <= 1 || slips(token.lower.replace(/e?s$/, ""), head) <= 1)) : []);
  for (let index = 1; index < tokens.length; index++) {
    const near = slipped(tokens[index]);
    const owners = heads.get(tokens[index].stem) ?? (near.length === 1 ? heads.get(near[0]) : undefined);
    if (!owners || owners.length !== 1) continue;
    const owner = owners[0];
    // ("five messages per batch" for Max Batch Size: the count, its things, "per", the head.)
    const per = owner.shape === "number" && index >= 3 && /^(?:per|a|each|every)$/.test(tokens[index - 1].lower) && tokens[index - 2].kind === "word" && /[a-z]{3,}s$/.test(tokens[index - 2].lower) && tokens[index - 3].kind === "number";
    if (owner.shape === "number" ? tokens[index - 1].kind !== "number" && !per : !namesChoice(owner, index)) continue;
    const from = per ? index - 2 : index;
    const { start } = tokens[from];
    const { end } = tokens[index];
    if ([...taken, ...found].some((other) => other.field.path === owner.path || (start < other.end && other.start < end))) continue;
    found.push({ field: owner, from, to: index + 1, start, end, weight: 0.85 });
  }
  return found;
}

/**
 * "the auth database is admin" beside Database Names and Authentication Source: a one-word name
 * after a word that starts a word of one other field's title (four letters or more: "auth" of
 * Authentication) names that other field, where the name is no word of the first field's title
 * said whole with it.
 */
function qualified(analysis: Analysis, vocabulary: Vocabulary, mentions: Mention[]): Mention[] {
  return mentions.map((mention) => {
    if (mention.to - mention.from !== 1) return mention;
    const before = analysis.tokens[mention.from - 1];
    if (!before || before.kind !== "word" || before.lower.length < 4 || FUNCTION_WORDS.has(before.lower)) return mention;
    if (mention.field.titleWords.some((word) => word.startsWith(before.lower))) return mention;
    const others = vocabulary.fields.filter((field) => field !== mention.field && !field.question.secret && field.titleWords.some((word) => word !== before.lower && word.startsWith(before.lower)));
    if (others.length !== 1) return mention;
    return { ...mention, field: others[0], from: mention.from - 1, start: before.start, weight: Math.min(mention.weight, 0.85) };
  });
}

/** A unit word's meaning: its stem, or the time unit it stands for ("ms" and "milliseconds" alike). */
function unitOf(word: string): string {
  const lower = word.toLowerCase();
  const time = UNIT_ABBREVIATIONS[lower] ?? TIME_UNITS.find((unit) => lower === unit || lower === `${unit}s`);
  return time ?? stemOf(lower);
}

/**
 * "flush every 100 messages or 50 ms" for a batch's "Number of messages before the buffer is
 * flushed" and "Number of ms before the buffer is flushed": a number's unit names the one open
 * number field whose description counts that unit ("number of X", "amount of X", "in X").
 */
function describedUnitMentions(analysis: Analysis, vocabulary: Vocabulary, taken: Mention[]): Mention[] {
  const byUnit = new Map<string, FieldEntry[]>();
  for (const field of vocabulary.fields) {
    // (Or a text field that holds a number: "limit", default "50".)
    const numeric = field.shape === "number" || (field.question.type === "string" && /^\d+$/.test(String(field.question.default ?? "")));
    if (!numeric || field.question.secret) continue;
    // (The title's "(in days)" too: "Lookback Window (in days)"; "Max records per page".)
    const description = `${field.question.description ?? ""} ${/\(([^)]*)\)/.exec(field.question.title)?.[1] ?? ""}`;
    const units = [...description.matchAll(/\b(?:number|amount|count)\s+of\s+([A-Za-z]+)|\(?\bin\s+([A-Za-z]+)\)?|\b([A-Za-z]+)\s+per\s+[a-z]/gi)].map((match) => unitOf(match[1] ?? match[2] ?? match[3]));
    for (const unit of new Set(units)) if (unit.length >= 2 && !FUNCTION_WORDS.has(unit)) byUnit.set(unit, [...(byUnit.get(unit) ?? []), field]);
  }
  const found: Mention[] = [];
  const { tokens } = analysis;
  for (let index = 1; index < tokens.length; index++) {
    const token = tokens[index];
    if (token.kind !== "word" || tokens[index - 1].kind !== "number") continue;
    const owners = byUnit.get(unitOf(token.lower));
    if (!owners || owners.length !== 1) continue;
    const [owner] = owners;
    if ([...taken, ...found].some((other) => other.field.path === owner.path || (token.start < other.end && other.start < token.end))) continue;
    found.push({ field: owner, from: index, to: index + 1, start: token.start, end: token.end, weight: 0.8 });
  }
  return found;
}

const TAIL_WORDS = /^(?:name|id|identifier|number)$/;

/**
 * Two words of a long title side by side, one of them no other title has ("swipe window" for
 * Swipe Up Attribution Window, "view window" for View Attribution Window), where no other
 * title holds both.
 */
function partialTitleMentions(analysis: Analysis, vocabulary: Vocabulary, taken: Mention[]): Mention[] {
  const holders = vocabulary.titleStemCounts;
  const found: Mention[] = [];
  const { tokens } = analysis;
  // (Or a few words apart around a number: "slice the data in 14-day windows" for Date Slicing Window.)
  const stemOfWord = (token: Token) => (token.kind === "word" ? (token.lower.endsWith("ing") ? stemOf(token.lower) : token.stem) : "");
  for (let index = 0; index + 1 < tokens.length; index++) {
    const a = tokens[index];
    if (a.kind !== "word") continue;
    for (let ahead = index + 1; ahead < Math.min(tokens.length, index + 8); ahead++) {
      const b = tokens[ahead];
      if (b.clause !== a.clause) break;
      const gap = tokens.slice(index + 1, ahead);
      if (b.kind !== "word" || stemOfWord(a) === stemOfWord(b) || (gap.length > 0 && !gap.some((token) => token.kind === "number" || /\d/.test(token.text)))) continue;
      if ([...taken, ...found].some((other) => a.start < other.end && other.start < b.end)) continue;
      const has = (field: FieldEntry, token: Token) => field.titleStems.includes(token.stem) || field.titleStems.includes(stemOfWord(token));
      const owners = vocabulary.fields.filter((field) => field.titleStems.length >= 3 && has(field, a) && has(field, b) && !field.question.secret);
      if (owners.length !== 1) continue;
      const [owner] = owners;
      const unique = (token: Token) => holders.get(token.stem) === 1 || holders.get(stemOfWord(token)) === 1;
      if (!(unique(a) || unique(b)) || vocabulary.fields.some((other) => other !== owner && has(other, a) && has(other, b))) continue;
      found.push({ field: owner, from: index, to: ahead + 1, start: a.start, end: b.end, weight: 0.75, loose: true, ...(gap.length ? { inner: { from: index + 1, to: ahead } } : {}) });
      index = ahead;
      break;
    }
  }
  return found;
}

/**
 * "the string keys are a and b, the numeric ones are c and d": "the W ones" after a field's name
 * names the sibling whose title differs from that field's by W alone.
 */
function contrastMentions(analysis: Analysis, vocabulary: Vocabulary, taken: Mention[]): Mention[] {
  const found: Mention[] = [];
  const { tokens } = analysis;
  for (let index = 1; index < tokens.length; index++) {
    if (!/^ones?$/.test(tokens[index].lower) || tokens[index - 1].kind !== "word") continue;
    const word = tokens[index - 1];
    const earlier = taken.filter((mention) => mention.to <= index - 1);
    // (By the words of the key and the title: "Event properties keys (string)" says "string" in its key.)
    const wordsOfField = (field: FieldEntry) => [...new Set([...field.titleStems, ...field.key.split(/[_\W]+/).filter(Boolean).map((part) => stemOf(part.toLowerCase()))])];
    const owners = vocabulary.fields.filter((field) => {
      const own = wordsOfField(field);
      if (!own.includes(word.stem) || field.question.secret) return false;
      const rest = own.filter((stem) => stem !== word.stem);
      return earlier.some((mention) => {
        const other = wordsOfField(mention.field);
        return mention.field !== field && other.length === own.length && rest.every((stem) => other.includes(stem)) && !other.includes(word.stem);
      });
    });
    if (owners.length !== 1 || [...taken, ...found].some((other) => other.field === owners[0] || (word.start < other.end && other.start < tokens[index].end))) continue;
    found.push({ field: owners[0], from: index - 1, to: index + 1, start: word.start, end: tokens[index].end, weight: 0.8 });
  }
  return found;
}

/** Field names said in the message, left to right, not overlapping. */
export function findMentions(analysis: Analysis, vocabulary: Vocabulary, pendingPath?: string | null): Mention[] {
  const found: Mention[] = [];
  for (const field of vocabulary.fields) {
    for (const name of field.names) {
      for (const hit of findName(analysis, name)) {
        // A value token that happens to spell a name ("api.eu" for an endpoint field) is a value.
        const token = analysis.tokens[hit.from];
        // (A quoted name inside a question is the field asked about: "what is the 'default dataset'?")
        if (hit.to - hit.from === 1 && ((token.kind === "quoted" && !token.inQuestion) || token.kind === "uri" || token.kind === "email")) continue;
        // "user-1", "db2": a word with a digit the name lacks is a value that resembles the name.
        if (hit.to - hit.from === 1 && /\d/.test(token.text) && !/\d/.test(name.text)) continue;
        // ("plan_tier" for a field called "plan": a snake_case word that only begins with the name is a value.)
        if (hit.to - hit.from === 1 && token.text.includes("_") && token.lower.replace(/[^a-z0-9]+/g, "") !== name.squashed) continue;
        // "Firebase Realtime DB source": words of the connector's name said after another of its words are the name.
        const before = analysis.tokens[hit.from - 1];
        const connectorWord = (at: Token | undefined) => at !== undefined && at.kind === "word" && vocabulary.connectorStems.has(at.stem);
        if (connectorWord(before) && analysis.tokens.slice(hit.from, hit.to).every(connectorWord)) continue;
        found.push({ field, ...hit });
      }
    }
  }
  const depth = (mention: Mention) => mention.field.path.split("/").length;
  // (Between two fields called alike, the one whose own title says the word: "endpoint" is the
  // Public Endpoint's before it is a synonym of a base URL.)
  const titled = (mention: Mention) => analysis.tokens.slice(mention.from, mention.to).every((token) => mention.field.titleStems.includes(token.stem));
  found.sort(
    (a, b) =>
      a.start - b.start ||
      b.end - b.start - (a.end - a.start) ||
      b.weight - a.weight ||
      Number(b.field.path === pendingPath) - Number(a.field.path === pendingPath) ||
      Number(titled(b)) - Number(titled(a)) ||
      depth(a) - depth(b),
  );
  const kept: Mention[] = [];
  for (const mention of found) {
    const previous = kept[kept.length - 1];
    if (previous && mention.start < previous.end) continue;
    // "Bucket name is X", "the project id:": a name's tail word said right after a field's name
    // finishes that name; it is not another field called "name".
    const tail = mention.to - mention.from === 1 && TAIL_WORDS.test(analysis.tokens[mention.from].lower);
    if (previous && tail && previous.to === mention.from && previous.field.path !== mention.field.path && !TAIL_WORDS.test(analysis.tokens[previous.to - 1].lower)) {
      kept[kept.length - 1] = { ...previous, to: mention.to, end: mention.end };
      continue;
    }
    kept.push(mention);
  }
  // A title said loosely with three words or more ("Airbyte's internal tables ... a dataset" for
  // Airbyte Internal Table Dataset Name) outranks one weaker word of another name inside it ("dataset").
  const weakWord = (mention: Mention) => mention.to - mention.from === 1 && mention.weight < 1;
  const loose = looseMentions(analysis, vocabulary, kept.filter((mention) => !weakWord(mention)));
  const wide = loose.filter((mention) => mention.to - mention.from >= 3);
  const overlaps = (a: Mention, b: Mention) => a.start < b.end && b.start < a.end;
  for (let at = kept.length - 1; at >= 0; at--) if (weakWord(kept[at]) && wide.some((mention) => overlaps(mention, kept[at]))) kept.splice(at, 1);
  kept.push(...loose.filter((mention) => !kept.some((other) => overlaps(other, mention))));
  kept.push(...headMentions(analysis, vocabulary, kept));
  kept.push(...partialTitleMentions(analysis, vocabulary, kept));
  kept.push(...describedUnitMentions(analysis, vocabulary, kept));
  kept.push(...contrastMentions(analysis, vocabulary, kept.sort((a, b) => a.start - b.start)));
  // "member2", "user-1": a one-word mention whose word has a digit the field's names lack is a value.
  const valueLike = (mention: Mention) =>
    mention.to - mention.from === 1 && /\d/.test(analysis.tokens[mention.from].text) && !mention.field.names.some((name) => /\d/.test(name.text));
  return scoped(analysis, vocabulary, qualified(analysis, vocabulary, kept.filter((mention) => !valueLike(mention))).sort((a, b) => a.start - b.start));
}

/**
 * "through our bastion, SSH with a password, port 22022": after a sentence names a choice (the
 * SSH tunnel), a field name its options share with a field outside it ("port", "password") is
 * the option's field: the sentence is about the tunnel now. (Not where the choice is said not to
 * be used: "no SSH tunnel, port 5432".)
 */
function scoped(analysis: Analysis, vocabulary: Vocabulary, mentions: Mention[]): Mention[] {
  const choices = mentions.filter((mention) => mention.field.shape === "choice" && !analysis.tokens.slice(mention.from, mention.to).some((token) => token.negated));
  if (choices.length === 0) return mentions;
  return mentions.map((mention) => {
    if (mention.field.shape === "choice" || mention.to - mention.from > 2 || analysis.tokens[mention.from].negated) return mention;
    const sentence = analysis.tokens[mention.from].sentence;
    const scope = choices.filter((choice) => choice.start < mention.start && analysis.tokens[choice.from].sentence === sentence && !mention.field.path.startsWith(`${choice.field.path}/`)).pop();
    if (!scope) return mention;
    const word = analysis.tokens[mention.to - 1].stem;
    const inside = vocabulary.fields.filter(
      (field) =>
        field.path.startsWith(`${scope.field.path}/`) &&
        field.path.split("/").length === scope.field.path.split("/").length + 1 &&
        field.shape !== "choice" &&
        (field.titleStems[field.titleStems.length - 1] === word || stemOf(field.key.split("_").pop() ?? "") === word),
    );
    return inside.length === 1 ? { ...mention, field: inside[0] } : mention;
  });
}

/** The names a person uses for a field, as text ("api key", "key"): for the secret screening. */
export function namesOfField(field: FieldEntry): string[] {
  return [...new Set(field.names.map((name) => name.text).filter(Boolean))];
}
