// Pasted blocks: `.env` lines, `key: value` lines from a docs page or a YAML file, a properties
// file, JSON, curl headers, a URL's query. Each key is matched to a field by its names (the whole
// key, or the key without leading segments such as a product prefix: PG_HOST → host), and its
// value is read as that field's value.
import { analyze, saidBetween } from "../analyze.ts";
import { readValue } from "../read-value.ts";
import { emptyReading, type Reading, type Scene } from "../scene.ts";
import { stemOf, wordsOf, type FieldEntry } from "../vocabulary.ts";

/**
 * The field a pasted key names, and how surely: every word of one of the field's names in the key
 * (PG_HOST, zendesk.subdomain, "Site ID"), the connector's own name and common prefixes aside.
 * Between two fields the key names equally, the one whose own word comes first in the key wins
 * (AWS_SECRET_ACCESS_KEY is the secret key, AWS_ACCESS_KEY_ID the access key).
 */
export function fieldOfKey(scene: Scene, key: string): { field: FieldEntry; weight: number } | null {
  const all = wordsOf(key.replace(/[.\-]/g, "_")).map(stemOf);
  // ("Server=" for SQL Server: a key that is only a word of the connector's name is still that word.)
  const own = all.filter((stem) => !scene.vocabulary.connectorStems.has(stem));
  const words = own.length ? own : all;
  if (words.length === 0) return null;
  const squashed = words.join("");
  const scored: Array<{ field: FieldEntry; weight: number; common: string[]; first: number }> = [];
  for (const field of scene.vocabulary.fields) {
    let best = { weight: 0, common: [] as string[] };
    for (const name of field.names) {
      const common = name.stems.filter((stem) => words.includes(stem));
      if (common.length === 0 && name.squashed !== squashed) continue;
      // The key is exactly a name ("host"), or holds every word of one ("pg host", "sync start").
      const exact = name.squashed === squashed || name.stems.join(" ") === words.join(" ");
      const cover = common.length / name.stems.length;
      const share = common.length / words.length;
      const weight = name.weight * (exact ? 1 : cover === 1 ? 0.8 + 0.15 * share : 0);
      if (weight > best.weight) best = { weight, common };
    }
    // CLOUDTRAIL_LOOKUP_KEY for lookup_attributes_filter/attribute_key: every word of the key in
    // the keys along the field's path (its object's key says what the field's own key leaves out).
    if (words.length >= 2 && field.path.split("/").length > 2) {
      const along = new Set(field.path.split("/").flatMap((part) => wordsOf(part.replace(/[_-]/g, " ")).map(stemOf)));
      if (words.every((word) => along.has(word)) && best.weight < 0.9) best = { weight: 0.9, common: words };
    }
    if (best.weight > 0) scored.push({ field, weight: best.weight, common: best.common, first: Infinity });
  }
  if (scored.length === 0) {
    // PGVECTOR_SCHEMA for "default_schema": the one field whose key ends in the key's last word.
    const last = words[words.length - 1];
    const heads = scene.vocabulary.fields.filter((field) => stemOf(wordsOf(field.key.replace(/[_-]/g, " ")).pop() ?? "") === last);
    if (heads.length === 1) return { field: heads[0], weight: 0.7 };
    // "ordering: yes" for "Message Ordering Enabled": the one field with a name holding every word of the key.
    const holders = scene.vocabulary.fields.filter((field) => field.names.some((name) => words.every((word) => name.stems.includes(word))));
    if (holders.length === 1) return { field: holders[0], weight: 0.7 };
    // SQS_MAX_MESSAGES for "Max Batch Size" ("Max amount of messages to get in one batch"): the one
    // field whose names and description hold every word of the key.
    // Between two such fields, the description that says the key's words closest together.
    const spread = (field: FieldEntry): number => {
      const said = wordsOf(field.question.description ?? "").map(stemOf);
      const named = new Set(field.names.flatMap((name) => name.stems));
      if (words.length < 2 || !field.names.some((name) => name.stems.some((stem) => words.includes(stem)))) return Infinity;
      const inDescription = words.filter((word) => !named.has(word) || said.includes(word));
      if (!words.every((word) => named.has(word) || said.includes(word))) return Infinity;
      const at = inDescription.map((word) => said.indexOf(word)).filter((index) => index >= 0);
      return at.length ? Math.max(...at) - Math.min(...at) : 0;
    };
    const ranked = scene.vocabulary.fields.map((field) => ({ field, spread: spread(field) })).filter((entry) => entry.spread < Infinity).sort((a, b) => a.spread - b.spread);
    if (ranked.length === 1 || (ranked.length > 1 && ranked[0].spread < ranked[1].spread)) return { field: ranked[0].field, weight: 0.7 };
    // SURREALDB_NS for "surrealdb_namespace": a short key word written as the first letter and
    // others in order of one word of one field's key ("ns" of namespace, "usr" of user).
    const short = own.length === 1 && /^[a-z]{2,4}$/.test(own[0]) ? wordsOf(key.replace(/[.\-]/g, "_")).find((word) => stemOf(word) === own[0])?.toLowerCase() : undefined;
    if (!short) return null;
    const abbreviates = (word: string) => {
      if (word.length < short.length * 2 || word[0] !== short[0]) return false;
      let at = 0;
      for (const letter of short.slice(1)) if ((at = word.indexOf(letter, at + 1)) < 0) return false;
      return true;
    };
    const owners = scene.vocabulary.fields.filter((field) => !field.question.secret && wordsOf(field.key.replace(/[_-]/g, " ")).some((word) => !scene.vocabulary.connectorStems.has(stemOf(word)) && abbreviates(word.toLowerCase())));
    return owners.length === 1 ? { field: owners[0], weight: 0.65 } : null;
  }
  // Words the candidates share ("aws", "key") say nothing; the first word only one has decides.
  for (const entry of scored) {
    const own = entry.common.filter((stem) => !scored.some((other) => other !== entry && other.common.includes(stem)));
    entry.first = Math.min(...own.map((stem) => words.indexOf(stem)), Infinity);
  }
  scored.sort(
    (a, b) =>
      b.weight - a.weight ||
      a.first - b.first ||
      Number(b.field.path === scene.pending?.path) - Number(a.field.path === scene.pending?.path) ||
      a.field.path.split("/").length - b.field.path.split("/").length,
  );
  const best = scored[0];
  return best.weight >= 0.5 ? { field: best.field, weight: best.weight } : null;
}

export function pastedPairs(scene: Scene): Reading {
  const reading = emptyReading();
  for (const pair of scene.analysis.pairs) {
    const target = fieldOfKey(scene, pair.key);
    if (!target || target.field.question.secret) continue;
    // (Read from the line as typed: free text keeps its number words.)
    const inner = analyze(saidBetween(scene.analysis, pair.start, pair.end));
    const read = readValue(target.field, inner, inner.tokens, { whole: true, explicit: true });
    // A URL's query ("...?warehouse=W&role=R") is read with the URL's other parts, not against them.
    const uri = scene.analysis.tokens.find((token) => token.kind === "uri" && token.start <= pair.start && pair.end <= token.end);
    // ("tpl_key: {B7E3F2A1-…}": a value pasted in its brackets is kept in them, as the line wrote it.)
    const typed = saidBetween(scene.analysis, pair.start, pair.end).trim();
    if (read?.ok && typeof read.value === "string" && target.field.question.type === "string" && !target.field.question.pattern && !/\s/.test(typed) && /^[{[(<]/.test(typed) && typed.slice(1, -1) === read.value && /[}\])>]$/.test(typed)) read.value = typed;
    if (read?.ok) {
      reading.candidates.push({
        ...(uri ? { group: `uri@${uri.start}` } : {}),
        path: target.field.path,
        value: read.value,
        ...(read.optionIndex !== undefined ? { optionIndex: read.optionIndex } : {}),
        start: pair.start,
        end: pair.end,
        score: (pair.block ? 0.94 : 0.9) * target.weight,
        source: "pair",
      });
    } else if (read && !read.ok) {
      reading.rejected.push({ path: target.field.path, raw: read.raw, reason: read.reason, score: 0.85 * target.weight, start: pair.start, end: pair.end });
    }
  }
  return reading;
}
