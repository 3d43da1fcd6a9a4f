// Options and enum values said in passing, without their field's name: "with a bearer token",
// "our sandbox site", "hosted in Europe" (eu), "the Indian data centre" (in), "uk n ireland" (gb,
// ie for a list of country codes), "mock test servr" (Test Mocked API Server). A name counts
// more when the question asked is that field or the sentence names the field; a word that
// several fields' options share names none of them; words a negation reaches ("not the OAuth
// one") and words of a question ("what does logging do?") name nothing.
import { chosenOption, getAt, schemaAt } from "../../../specs/index.ts";
import type { Token } from "../analyze.ts";
import { DEFERRAL, DIRECT_NEGATIONS, FUNCTION_WORDS, OPTION_CHANGE } from "../lexicon.ts";
import { readChoice, takenBack } from "../read-value.ts";
import { emptyReading, isOpen, type Reading, type Scene } from "../scene.ts";
import { findName, slips, stemOf, wordsOf, type ChoiceEntry, type FieldEntry, type Name, type NameHit } from "../vocabulary.ts";

interface Hit {
  field: FieldEntry;
  index: number;
  value: unknown;
  weight: number;
  start: number;
  end: number;
  from: number;
  to: number;
  /** The words of an option's title gathered from a clause, not a name said whole. */
  loose?: boolean;
}

/** How much the sentence of a hit speaks of the field: asked, named in the sentence, or neither. */
function context(scene: Scene, field: FieldEntry, token: Token): number {
  if (field.path === scene.pending?.path) return 1;
  // (A field of one of its options asked: the talk is about this choice too.)
  if (scene.pending?.path.startsWith(`${field.path}/`)) return 0.9;
  const named = scene.mentions.some((mention) => mention.field.path === field.path && scene.analysis.tokens[mention.from].sentence === token.sentence);
  return named ? 0.95 : 0;
}

/** A name of two or three words said with a slip ("app password" for API Password). */
function phraseSlips(scene: Scene, name: Name): NameHit[] {
  if (name.stems.length < 2 || name.stems.length > 3 || name.squashed.length < 8) return [];
  const { tokens } = scene.analysis;
  const hits: NameHit[] = [];
  for (let index = 0; index + name.stems.length <= tokens.length; index++) {
    const window = tokens.slice(index, index + name.stems.length);
    // A word spelled right that joins or leads ("and", "or", "the") is no slip of a name's word:
    // "and revenue" is not "ad revenue".
    if (window.some((token) => token.kind !== "word" || FUNCTION_WORDS.has(token.lower))) continue;
    const said = window.map((token) => token.lower).join("").replace(/[^a-z0-9]/g, "");
    if (said === name.squashed || said[0] !== name.squashed[0]) continue;
    if (slips(said, name.squashed) <= (name.squashed.length >= 10 ? 2 : 1)) {
      hits.push({ from: index, to: index + window.length, start: window[0].start, end: window[window.length - 1].end, weight: name.weight * 0.85 });
    }
  }
  return hits;
}

/** Tokens some option names as written: a slip must not read them as another option ("Austria" is no "Australia"). */
function exactlyNamed(scene: Scene): Set<number> {
  const named = new Set<number>();
  for (const field of scene.vocabulary.fields) {
    for (const choice of field.choices ?? []) {
      for (const name of choice.names) for (const hit of findName(scene.analysis, name, { slips: false })) for (let at = hit.from; at < hit.to; at++) named.add(at);
    }
  }
  return named;
}

/**
 * Spans of the message that say a name the field's description writes as an identifier
 * ("Kind parameter for `contact_groups` stream": "the contact groups"), whose words are that
 * thing's name, not an option's.
 */
const thingsCache = new WeakMap<FieldEntry["question"], string[][]>();

function describedThings(scene: Scene, field: FieldEntry): Array<{ from: number; to: number }> {
  const { tokens } = scene.analysis;
  const spans: Array<{ from: number; to: number }> = [];
  let things = thingsCache.get(field.question);
  if (!things) {
    things = [...(field.question.description ?? "").matchAll(/`?\b([a-z]+(?:_[a-z]+)+)\b`?/g)].map((match) => match[1].split("_").map(stemOf));
    thingsCache.set(field.question, things);
  }
  for (const stems of things) {
    for (let at = 0; at + stems.length <= tokens.length; at++) {
      if (stems.every((stem, offset) => tokens[at + offset].kind === "word" && tokens[at + offset].stem === stem)) spans.push({ from: at, to: at + stems.length });
    }
  }
  return spans;
}

function hitsOf(scene: Scene, field: FieldEntry, exact: Set<number>, refused: Hit[] = []): Hit[] {
  const { tokens } = scene.analysis;
  const hits: Hit[] = [];
  const weak: Hit[] = [];
  const things = describedThings(scene, field);
  for (const choice of field.choices ?? []) {
    for (const name of choice.names) {
      for (const hit of [...findName(scene.analysis, name), ...phraseSlips(scene, name)]) {
        if (hit.slip && range(hit).some((at) => exact.has(at))) continue;
        const said = tokens.slice(hit.from, hit.to);
        if (things.some((thing) => thing.from <= hit.from && hit.to <= thing.to)) continue;
        if (said.some((token) => token.negated || token.inQuestion)) {
          // ("not the sandbox one": an option turned down right after its "not", kept aside.)
          const lead = tokens.slice(Math.max(0, hit.from - 3), hit.from);
          const at = lead.findLastIndex((token) => token.kind === "word" && DIRECT_NEGATIONS.has(token.lower));
          const plainly = at >= 0 && lead.slice(at).every((token) => token.kind === "word");
          // (A field of the option turned down, "no passphrase", is that field's refusal, not the option's.)
          const fieldNamed = scene.mentions.some((mention) => hit.start < mention.end && mention.start < hit.end);
          if (plainly && !fieldNamed && !said.some((token) => token.inQuestion)) refused.push({ field, index: choice.index, value: choice.value, weight: hit.weight, start: hit.start, end: hit.end, from: hit.from, to: hit.to });
          continue;
        }
        // "we only test strategies": a word said as a verb names no option ("test" for a sandbox).
        if (said.length === 1 && said[0].verb) continue;
        // "chunks of 800 tokens", "3 keys": a plural word counted by the number before it is a unit.
        // (A value written as said stays one: "30 days" for an enum of units.)
        if (hit.to - hit.from === 1 && tokens[hit.from - 1]?.kind === "number" && /[a-z]{2,}s$/.test(said[0].lower) && said[0].lower !== String(choice.value).toLowerCase()) continue;
        // The connector's own name ("Adjust" for an adjust_cost metric) is the connector, unless asked.
        const connectorWord = (token: Token | undefined) => token?.kind === "word" && scene.vocabulary.connectorStems.has(token.stem);
        if (said.every(connectorWord)) {
          // Asked or not, a word said as part of the connector's name ("Alpaca broker") is the name.
          if (field.path !== scene.pending?.path || connectorWord(tokens[hit.from - 1]) || connectorWord(tokens[hit.to])) continue;
        }
        // Words of another field's name ("start" of Start date) are that name, not an option.
        // (A field of one of this choice's options names that option: "my personal access token".)
        if (scene.mentions.some((mention) => mention.field.path !== field.path && !mention.field.path.startsWith(`${field.path}/`) && hit.start < mention.end && mention.start < hit.end && mention.end - mention.start >= hit.end - hit.start)) continue;
        const text = scene.analysis.text.slice(hit.start, hit.end);
        const short = text.replace(/[^a-z0-9]/gi, "").length <= 3;
        const about = context(scene, field, said[0]);
        // So is a long word no other field's options use ("cursor-based sync").
        const rare = name.stems.length === 1 && name.text.length >= 6 && !scene.vocabulary.fields.some((other) => other.path !== field.path && other.choices?.some((choice) => choice.names.some((n) => n.text === name.text)));
        // A phrase of two words or more is distinctive on its own ("personal access token").
        const weight = hit.weight * (about ? about : name.stems.length >= 2 ? 0.92 : name.weight >= 0.9 ? 0.78 : rare ? 0.8 : 0.66);
        const found = { field, index: choice.index, value: choice.value, weight, start: hit.start, end: hit.end, from: hit.from, to: hit.to };
        // A short code or a plain English word said in passing ("in", "us", "live") needs the
        // field's context, or capitals, or a preposition leading it ("headlines from GB"), or a
        // list it is part of ("uk n ireland").
        // A lowercase function word ("in", "no", "us") is a word of the sentence, unless it is the
        // whole answer: "we're in Japan" is not the code "in".
        // ("news from the us uk and canada": after "the", "us" is a country; the pronoun takes none.)
        const theCountry = field.codes === "country" && tokens[hit.from - 1]?.lower === "the";
        if (text === text.toLowerCase() && FUNCTION_WORDS.has(text) && !theCountry && tokens.some((token) => token !== said[0] && token.kind !== "punct")) continue;
        if ((short || FUNCTION_WORDS.has(text.toLowerCase())) && !theCountry) {
          const led = /^(?:from|in|for|of|to|on)$/.test(tokens[hit.from - 1]?.lower ?? "");
          const capitals = text.length >= 2 && text === text.toUpperCase() && /[A-Z]/.test(text);
          if (!about && !(capitals && !FUNCTION_WORDS.has(text.toLowerCase())) && !(led && field.codes && !FUNCTION_WORDS.has(text.toLowerCase()))) {
            if (!FUNCTION_WORDS.has(text.toLowerCase())) weak.push(found);
            continue;
          }
        }
        hits.push(found);
      }
    }
  }
  // "https://ca-central.api.vendor.com/…" for a data center ca-central: a label of a link's host
  // that is an option's value as written (with a mark: "-", "_" or ".") names it.
  for (const [at, token] of tokens.entries()) {
    if (token.kind !== "uri" || token.negated || token.inQuestion) continue;
    let host = "";
    try {
      host = new URL(token.text).hostname.toLowerCase();
    } catch {
      continue;
    }
    const named = (field.choices ?? []).filter((choice) => /[-_.]/.test(String(choice.value)) && host.split(".").includes(String(choice.value).toLowerCase()));
    if (named.length !== 1) continue;
    const about = context(scene, field, token);
    // (The label's own span: the link's other parts may give other fields their values.)
    const label = String(named[0].value).toLowerCase();
    const offset = token.text.toLowerCase().indexOf(label);
    hits.push({ field, index: named[0].index, value: named[0].value, weight: about ? 0.85 * about : 0.72, start: token.start + offset, end: token.start + offset + label.length, from: at, to: at + 1 });
  }
  // "WebVTT" for vtt: a word written in joined capitals names the option one of its parts spells,
  // where one option's value is that part.
  for (const [at, token] of tokens.entries()) {
    if (token.kind !== "word" || token.negated || token.inQuestion || !/[a-z][A-Z]|[A-Z]{2}[a-z]/.test(token.text)) continue;
    const parts = token.text.split(/(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/).map((part) => part.toLowerCase()).filter((part) => part.length >= 3);
    const named = (field.choices ?? []).filter((choice) => parts.includes(String(choice.value).toLowerCase()) && String(choice.value).toLowerCase() !== token.lower);
    if (named.length !== 1) continue;
    const about = context(scene, field, token);
    hits.push({ field, index: named[0].index, value: named[0].value, weight: about ? 0.85 * about : 0.7, start: token.start, end: token.end, from: at, to: at + 1 });
  }
  // Every word of an option's title said within one clause, in any order: "our account is
  // EU-based" for "EU-based account". (Titles of two words or more, each word said once.)
  for (const choice of field.choices ?? []) {
    const stems = titleStemsOf(choice);
    if (stems.length < 2) continue;
    // (For one value, within a sentence, the span kept short below: "by year and month", whose
    // "and" opens a clause. A list's items stay apart: "cost, installs" is no install_cost.)
    const scope = (token: Token) => (field.shape === "list" ? token.clause : token.sentence);
    for (const part of new Set(tokens.map(scope))) {
      const inClause = tokens.filter((token) => scope(token) === part && token.kind === "word" && !token.negated && !token.inQuestion);
      const parts = inClause.flatMap((token) => token.lower.split(/[-_]/).map((part) => ({ token, stem: stemOf(part), part })));
      // (A short stem only as written: "use" stems to "us", which is no US.)
      const found = stems.map((stem) => parts.find((part) => part.stem === stem && (stem.length > 3 || part.part === stem)));
      if (found.some((part) => !part)) continue;
      const said = found.map((part) => part!.token);
      const from = Math.min(...said.map((token) => tokens.indexOf(token)));
      const to = Math.max(...said.map((token) => tokens.indexOf(token))) + 1;
      if (to - from > stems.length + 3) continue;
      const about = context(scene, field, said[0]);
      hits.push({ field, index: choice.index, value: choice.value, weight: about ? 0.85 * about : 0.8, start: tokens[from].start, end: tokens[to - 1].end, from, to, loose: true });
      break;
    }
  }
  // Weak hits joined to a sure hit of the same field by "and", "n", a comma or "&" are its list.
  const joint = (token: Token | undefined) => !!token && ((token.kind === "punct" && /^[,&+/]$/.test(token.text)) || (token.kind === "word" && /^(?:and|n|or|&|plus)$/.test(token.lower)));
  // ("by country and by app": the word that led the sure one may lead the weak one again.)
  const again = (sure: Hit, hit: Hit) => hit.from === sure.to + 2 && joint(tokens[sure.to]) && tokens[sure.to + 1]?.kind === "word" && tokens[sure.to + 1].lower === tokens[sure.from - 1]?.lower;
  for (const hit of weak) {
    const beside = hits.some((sure) => (sure.from === hit.to + 1 && joint(tokens[hit.to])) || (hit.from === sure.to + 1 && joint(tokens[sure.to])) || again(sure, hit));
    if (beside) hits.push(hit);
  }
  // A value named inside a longer one of the same field is part of its name: "network cost" is
  // network_cost, not network_cost and cost.
  // (A name said whole, not the words of a title gathered from a clause.)
  return hits.filter((hit) => !hits.some((other) => other.field === hit.field && !other.loose && other.start <= hit.start && other.end >= hit.end && other.end - other.start > hit.end - hit.start));
}

// An option title's content words, stemmed once per vocabulary (its choices live as long as it).
const titleStems = new WeakMap<ChoiceEntry, string[]>();
function titleStemsOf(choice: ChoiceEntry): string[] {
  let stems = titleStems.get(choice);
  if (!stems) {
    // (A code in capitals is a word of the title though it spells a small word: "US-hosted".)
    const codes = new Set((choice.title.match(/\b[A-Z]{2,3}\b/g) ?? []).map((code) => code.toLowerCase()));
    // (Words in brackets too: "… (OAuth)" and "… (Api Key)" differ only there.)
    stems = wordsOf(choice.title.replace(/[()]/g, " ")).filter((word) => !FUNCTION_WORDS.has(word) || codes.has(word)).map(stemOf);
    titleStems.set(choice, stems);
  }
  return stems;
}

function range(hit: { from: number; to: number }): number[] {
  return Array.from({ length: hit.to - hit.from }, (_, offset) => hit.from + offset);
}

export function choicesInPassing(scene: Scene): Reading {
  const reading = emptyReading();
  const all: Hit[] = [];
  const exact = exactlyNamed(scene);
  for (const field of scene.vocabulary.fields) {
    if (!field.choices?.length || field.question.secret) continue;
    // A field already set is read again when named, or, for a list, when the message adds to it.
    const editsList = field.shape === "list" && /\b(?:add|also|plus|include|remove|drop|without|except)\b/i.test(scene.analysis.text);
    // So is a choice whose option's field is being asked: "forget OAuth, use the API key" while the
    // OAuth client id is asked changes the option.
    // Only where the message cannot be that field's answer (a secret is never typed in chat) or
    // says it changes course ("instead", "switch to"): "api_key" for an option's parameter name is the name.
    // (Or, with nothing else asked, as while a sign-in popup is open: "forget oauth, I'll use my
    // API token instead".)
    const within = (scene.pending?.path.startsWith(`${field.path}/`) === true && (scene.pending.question.secret === true || OPTION_CHANGE.test(scene.analysis.text))) || (!scene.pending && OPTION_CHANGE.test(scene.analysis.text));
    if (!isOpen(scene, field) && !editsList && !within && !scene.mentions.some((mention) => mention.field.path === field.path)) continue;
    // ('a field called "embedding"': a name given in quotes is a value, not an option's word.)
    const { tokens } = scene.analysis;
    const givenName = (hit: Hit) => tokens[hit.from]?.kind === "quoted" && /^(?:called|named|=|:)$/.test(tokens[hit.from - 1]?.lower ?? "");
    const refused: Hit[] = [];
    // ("I'll log in with my email … no OAuth": an option the message turns down plainly is named
    // by none of its other words there.)
    const hits = hitsOf(scene, field, exact, refused).filter((hit) => !givenName(hit) && !refused.some((no) => no.index === hit.index));
    // "our real account, not the test sandbox one": of two options, turning one down chooses the
    // other, where the message names neither for itself.
    if (hits.length === 0 && field.choices.length === 2 && refused.length > 0 && new Set(refused.map((hit) => hit.index)).size === 1 && isOpen(scene, field)) {
      const other = field.choices.find((choice) => choice.index !== refused[0].index)!;
      const about = Math.max(...refused.map((hit) => context(scene, field, tokens[hit.from])));
      all.push({ ...refused[0], index: other.index, value: other.value, weight: about ? 0.72 : 0.66 });
      continue;
    }
    // Read only for a change: the option already chosen, named again, is no answer ("api_key" for
    // that option's parameter name is the name).
    const node = within && !isOpen(scene, field) ? schemaAt(scene.context.definition.connectionSpecification, field.path) : undefined;
    const current = node ? chosenOption(node, getAt(scene.context.values, field.path)) : undefined;
    all.push(...(current !== undefined ? hits.filter((hit) => hit.index !== current) : hits));
  }
  // "orgs in both the EU and Australian data centres": options of one value-field joined by "and"
  // are listed, not chosen; an option named in a clause that puts it off ("I'll do the EU one
  // another day") is not for now.
  const { tokens: messageTokens } = scene.analysis;
  const clauseText = (hit: Hit) => messageTokens.filter((token) => token.clause === messageTokens[hit.from].clause).map((token) => token.text).join(" ");
  const joinedToOther = (hit: Hit) =>
    hit.field.shape !== "list" &&
    all.some((other) => other !== hit && other.field === hit.field && other.index !== hit.index && (other.from === hit.to + 1 || hit.from === other.to + 1) && /^(?:and|&|,)$/.test(messageTokens[Math.min(hit.to, other.to)]?.lower ?? ""));
  const putOff = (hit: Hit) => DEFERRAL.test(clauseText(hit));
  all.splice(0, all.length, ...all.filter((hit) => !joinedToOther(hit) && !putOff(hit)));
  // ("articles written in German": a language's name after "in" is the language, not a country.)
  for (const hit of all) if (hit.field.codes === "language" && messageTokens[hit.from - 1]?.lower === "in" && /^[A-Z][a-z]+$/.test(messageTokens[hit.from].text)) hit.weight = Math.max(hit.weight, 0.76);
  // A span that names options of two fields names neither, unless one field is asked or named.
  const contested = (hit: Hit) =>
    all.some((other) => other.field.path !== hit.field.path && other.start < hit.end && hit.start < other.end && other.weight >= hit.weight);
  const byField = new Map<string, Hit[]>();
  for (const hit of all) {
    if (contested(hit)) continue;
    byField.set(hit.field.path, [...(byField.get(hit.field.path) ?? []), hit]);
  }
  for (const [path, hits] of byField) {
    const field = hits[0].field;
    if (field.shape === "list") {
      const { tokens } = scene.analysis;
      const sentences = new Set(hits.map((hit) => tokens[hit.from].sentence));
      const back = takenBack(field, scene.analysis, tokens.filter((token) => sentences.has(token.sentence)));
      const values = [...new Map(hits.sort((a, b) => a.start - b.start).map((hit) => [String(hit.value), hit.value])).values()].filter((value) => !back.includes(value));
      if (values.length === 0) continue;
      reading.candidates.push({ path, value: values, start: Math.min(...hits.map((hit) => hit.start)), end: Math.max(...hits.map((hit) => hit.end)), score: Math.max(...hits.map((hit) => hit.weight)), source: "choice" });
      continue;
    }
    // Each option named gets its best hit; the resolver weighs them (a correction between two
    // options, "OAuth... no, the API key", makes the later one win).
    const bestByOption = new Map<number, Hit>();
    for (const hit of hits) {
      const known = bestByOption.get(hit.index);
      if (!known || hit.weight > known.weight) bestByOption.set(hit.index, hit);
    }
    for (const hit of bestByOption.values()) {
      reading.candidates.push({
        path,
        value: hit.value,
        ...(field.shape === "choice" ? { optionIndex: hit.index } : {}),
        start: hit.start,
        end: hit.end,
        score: hit.weight,
        source: "choice",
      });
    }
  }
  // One-letter codes ("E"/"M"): the word said for the asked or named field begins with one.
  for (const field of scene.vocabulary.fields) {
    if (byField.has(field.path) || !field.choices?.every((choice) => choice.initial)) continue;
    const sentences = new Set(scene.mentions.filter((mention) => mention.field.path === field.path).map((mention) => scene.analysis.tokens[mention.from].sentence));
    const asked = field.path === scene.pending?.path;
    const tokens = scene.analysis.tokens.filter((token) => (asked || sentences.has(token.sentence)) && !token.inQuestion && !token.negated && !scene.mentions.some((mention) => token.start >= mention.start && token.end <= mention.end));
    const read = readChoice(field, scene.analysis, tokens, { initials: true });
    if (read?.ok) reading.candidates.push({ path: field.path, value: read.value, start: read.start, end: read.end, score: asked ? 0.7 : 0.62, source: "initial" });
  }
  return reading;
}
