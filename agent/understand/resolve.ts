// One resolver for every reading of a message: it keeps only values whose shape fits their field,
// gives each field one value (the later one when the person corrected themselves, else the best
// supported; none when two readings disagree and neither is clearly better) and each span one
// field, then splits what is left by certainty: stored, asked back ("Is 5432 the port?"), or
// dropped.
import { correctedBetween } from "./analyze.ts";
import { beforeDescribedDomain, fromDescribedUrl, urlAsDescribed } from "./described-url.ts";
import { choiceOps, getAt, inChosenOptions, setAt } from "../../specs/index.ts";
import { asListedValue, asPatternWants, asPrefixedCode, fits, isPlaceholder } from "./fit.ts";
import type { Scene } from "./scene.ts";
import type { Candidate, Rejected } from "./types.ts";
import { examplesOf, type FieldEntry } from "./vocabulary.ts";

/** At or above: stored. Between ASK and ACCEPT: asked back. Below: dropped. */
export const ACCEPT = 0.6;
export const ASK = 0.5;

export interface Resolution {
  accepted: Candidate[];
  uncertain: Candidate[];
  rejected: Rejected[];
}

function entryOf(scene: Scene, path: string): FieldEntry | undefined {
  return scene.vocabulary.byPath.get(path) ?? (scene.pending?.path === path ? scene.pending : undefined);
}

/** Readings that give a value by the field's name or as written for it. */
const NAMED_SOURCE = /^(?:named|named-before|pair|dsn|uri|correction|earlier|url-part)/;

// (An enum value read with its index and without it is the same value.)
const same = (a: Candidate, b: Candidate) => JSON.stringify(a.value) === JSON.stringify(b.value) && (a.optionIndex === b.optionIndex || a.optionIndex === undefined || b.optionIndex === undefined);

/** One value per field: a correction's later value, else the best; none when two disagree closely. */
function onePerField(scene: Scene, candidates: Candidate[], contested: Candidate[] = []): Candidate[] {
  const byPath = new Map<string, Candidate[]>();
  for (const candidate of candidates) byPath.set(candidate.path, [...(byPath.get(candidate.path) ?? []), candidate]);
  const kept: Candidate[] = [];
  for (const list of byPath.values()) {
    // The same value read twice is one value, as sure as its surest reading (and a little more).
    const distinct: Candidate[] = [];
    const named = new Set<Candidate>();
    for (const candidate of list.sort((a, b) => b.score - a.score)) {
      const known = distinct.find((other) => same(other, candidate));
      // (It keeps the group of any reading of it: a URI's string and its user stay read together.)
      if (known) {
        known.score = Math.min(0.99, known.score + 0.03);
        known.group ??= candidate.group;
        // (And the span said in words rather than inside a link: the link's words are its own
        // field's, "the Ireland region … https://dynamodb.eu-west-1.amazonaws.com".)
        if (inLink(scene, known) && !inLink(scene, candidate)) Object.assign(known, { start: candidate.start, end: candidate.end });
      }
      else distinct.push({ ...candidate });
      if (NAMED_SOURCE.test(candidate.source)) named.add(known ?? distinct[distinct.length - 1]);
    }
    // "pools 0 and 2 … pool 0 starts at …": a lone item of a list read whole is that list again.
    const items = (value: unknown) => (Array.isArray(value) ? value.map(String) : typeof value === "string" && value.includes(",") ? value.split(/\s*,\s*/) : null);
    const lists = distinct.filter((candidate) => items(candidate.value));
    if (lists.length === 1) {
      const whole = items(lists[0].value)!;
      const inside = (candidate: Candidate) => candidate !== lists[0] && !items(candidate.value) && whole.includes(String(candidate.value));
      if (distinct.some(inside)) distinct.splice(0, distinct.length, ...distinct.filter((candidate) => !inside(candidate)));
    }
    // "wrong address, git.acme.com is the old box, the real one is https://gitlab.acme.com": the
    // value the field already holds, said again beside another, is the one being replaced.
    const held = getAt(scene.context.values, distinct[0].path);
    if (held !== undefined && distinct.length > 1) {
      const fresh = distinct.filter((candidate) => JSON.stringify(candidate.value) !== JSON.stringify(held) && !sameHost(candidate.value, held));
      if (fresh.length > 0 && fresh.length < distinct.length) distinct.splice(0, distinct.length, ...fresh);
    }
    if (distinct.length === 1) {
      kept.push(distinct[0]);
      continue;
    }
    const ordered = [...distinct].sort((a, b) => a.start - b.start);
    const last = ordered[ordered.length - 1];
    // "port 5432, no wait, 6543": everything before the last correction is taken back.
    const corrected = ordered.filter((candidate) => candidate !== last && correctedBetween(scene.analysis, candidate.end, last.start + 1));
    if (corrected.length > 0 && last.score >= ASK) {
      kept.push(last);
      continue;
    }
    // "year and then month" for YEAR/MONTH beside YEAR and MONTH read alone: the value that
    // covers the others' words and holds their values is said whole.
    // (Of an enum's values only: a free-text value holding another is no evidence.)
    const enumField = !!entryOf(scene, distinct[0].path)?.question.enum?.length;
    const covering = enumField && distinct.find(
      (candidate) =>
        typeof candidate.value === "string" &&
        distinct.every((other) => other === candidate || (candidate.start <= other.start && other.end <= candidate.end && typeof other.value === "string" && (candidate.value as string).includes(other.value))),
    );
    if (covering) {
      kept.push(covering);
      continue;
    }
    const [best, second] = distinct;
    // Two readings of the same words ("https" read as https and, by its stem, http): the closer one.
    // (Not two as close as each other: "client secret" where two sign-in options have one.)
    const sameWords = best.start < second.end && second.start < best.end && best.score > second.score;
    if (sameWords || best.score - second.score >= 0.08) kept.push(best);
    // "host 10.0.4.12 … through our bastion bastion.acme.io": a value given by the field's name
    // outweighs one only its shape suggests, however near their scores.
    else if (distinct.filter((candidate) => named.has(candidate)).length === 1 && named.has(best) !== named.has(second)) kept.push(named.has(best) ? best : second);
    // Two readings, two values, neither clearly better: not a guess to store. For the question
    // asked, the likelier is put to the person ("Is paper-api the environment?") rather than
    // the answer passing unremarked.
    else if (best.path === scene.pending?.path && best.score >= ASK) contested.push({ ...best, score: Math.min(best.score, ACCEPT - 0.01) });
  }
  return kept;
}

/** Whether a reading's words lie inside a link the message holds (and are not the link whole). */
function inLink(scene: Scene, candidate: Candidate): boolean {
  return scene.analysis.tokens.some((token) => token.kind === "uri" && token.start <= candidate.start && candidate.end <= token.end && (token.start !== candidate.start || token.end !== candidate.end));
}

/** "git.acme.com" and "https://git.acme.com/": the same address said two ways. */
function sameHost(a: unknown, b: unknown): boolean {
  const host = (value: unknown) => (typeof value === "string" ? value.toLowerCase().replace(/^[a-z]+:\/\//, "").replace(/\/+$/, "") : null);
  return host(a) !== null && host(a) === host(b);
}

/** One field per span: the surer reading keeps a stretch of text, except readings made together. */
function onePerSpan(candidates: Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  // (A field named beside its value outranks a close guess from a shape: "for payroll … the year
  // 2024" is the payroll year, not a date field's start.)
  const rank = (candidate: Candidate) => candidate.score + (NAMED_SOURCE.test(candidate.source) ? 0.05 : 0);
  for (const candidate of [...candidates].sort((a, b) => rank(b) - rank(a))) {
    const clash = kept.some(
      (other) =>
        other.path !== candidate.path &&
        !(other.group && other.group === candidate.group) &&
        // The answer to the question asked is read from what the other readings left.
        other.source !== "pending" &&
        candidate.source !== "pending" &&
        other.end > other.start &&
        candidate.end > candidate.start &&
        candidate.start < other.end &&
        other.start < candidate.end,
    );
    if (!clash) kept.push(candidate);
  }
  return kept;
}

/**
 * One consistent assignment: once the message chooses an option ("replica set"), a value a
 * shape gave another option's field (a standalone server's port) is not kept beside it.
 */
function inChosenOptionsOnly(scene: Scene, candidates: Candidate[]): Candidate[] {
  const choices = candidates.filter((candidate) => candidate.optionIndex !== undefined && candidate.score >= ACCEPT);
  if (choices.length === 0) return candidates;
  const { definition } = scene.context;
  let values: unknown = structuredClone(scene.context.values);
  for (const choice of choices) {
    try {
      for (const op of choiceOps(definition, choice.path, choice.optionIndex!, values)) if (op.op === "set") values = setAt(values, op.path, op.value);
    } catch {
      // not a choice under these values: nothing to narrow
    }
  }
  return candidates.filter((candidate) => candidate.optionIndex !== undefined || inChosenOptions(definition.connectionSpecification, candidate.path, values));
}

/** The person's first message: nothing asked has been answered by them yet. */
export function isOpening(scene: Scene): boolean {
  return !(scene.context.recent ?? []).some((turn) => turn.role === "user") && (scene.context.answered?.length ?? 0) === 0;
}

export function resolve(scene: Scene, candidates: Candidate[], rejected: Rejected[]): Resolution {
  const fitting: Candidate[] = [];
  const refused = [...rejected];
  for (const candidate of candidates) {
    const field = entryOf(scene, candidate.path);
    if (!field || field.question.secret) continue;
    // "we migrated our space last year": words that are a date are no value of a field that is none.
    if (field.shape !== "date" && typeof candidate.value === "string" && !/\d/.test(candidate.value) && scene.analysis.dates.some((date) => candidate.start >= date.start && candidate.end <= date.end)) continue;
    // "the Apple store" where the field's default or example is "apple": the spec's spelling.
    if (typeof candidate.value === "string") {
      const spelled = [field.question.default, ...examplesOf(field.question)].find((known) => typeof known === "string" && known !== candidate.value && known.toLowerCase() === (candidate.value as string).toLowerCase());
      if (spelled !== undefined) candidate.value = spelled;
    }
    // (A link whose password was cut is stored without its login: the marker is no value's part.)
    if (typeof candidate.value === "string") candidate.value = candidate.value.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@\s/]*\[redacted secret\]@/i, "$1");
    if (typeof candidate.value === "string") candidate.value = asPrefixedCode(field.question, candidate.value);
    // (A link pasted for a field whose description shows where its value sits in such a link,
    // or the address it shows; grouped digits; a listed value as listed.)
    if (typeof candidate.value === "string") candidate.value = asListedValue(field.question, asPatternWants(field.question, urlAsDescribed(field.question, beforeDescribedDomain(field.question, fromDescribedUrl(field.question, candidate.value)))));
    else if (Array.isArray(candidate.value)) candidate.value = candidate.value.map((item) => (typeof item === "string" ? fromDescribedUrl(field.question, item) : item));
    if (candidate.optionIndex === undefined) {
      // The connector's own name is no value in an opening ("Postgres please"); once the person
      // is answering questions, "postgres" is a user or a password like any other word.
      const named = /^(?:named$|named-before|pair|dsn|uri|correction|earlier)/.test(candidate.source) || (candidate.source === "pending" && !isOpening(scene));
      // (A value written out as one: a pasted pair's, a connection string's, or a word in quotes.)
      const quoted = scene.analysis.tokens.some((token) => token.kind === "quoted" && token.start === candidate.start && token.end === candidate.end);
      const fit = fits(field, candidate.value, scene.vocabulary, named, /^(?:pair|dsn|uri)/.test(candidate.source) || quoted);
      if (!fit.ok) {
        if (candidate.score >= 0.8 && !isPlaceholder(String(candidate.value))) refused.push({ path: candidate.path, raw: String(candidate.value), reason: fit.reason, score: candidate.score, start: candidate.start, end: candidate.end });
        continue;
      }
    }
    fitting.push(candidate);
  }
  const contested: Candidate[] = [];
  const chosen = inChosenOptionsOnly(scene, onePerSpan(onePerField(scene, fitting, contested)));
  return {
    accepted: chosen.filter((candidate) => candidate.score >= ACCEPT),
    uncertain: [...chosen.filter((candidate) => candidate.score >= ASK && candidate.score < ACCEPT), ...contested],
    rejected: refused,
  };
}
