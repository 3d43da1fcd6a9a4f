// One value said for a family of fields: "use 'cats' as the search term for everything, except
// stickers, where it should be 'thumbs up'" beside Query for search endpoints, Query for gif
// search endpoint, Query for stickers search endpoint… A family is three or more sibling text
// fields whose titles share two words or more; the value is a quoted one, in a sentence that
// says one of those shared words and a word of "all" (every, everything, all, each). A member
// named after "except" is left out, or takes the quoted value said after it.
import type { Token } from "../analyze.ts";
import { ALL_WORDS } from "../lexicon.ts";
import { emptyReading, isOpen, type Reading, type Scene } from "../scene.ts";
import type { FieldEntry } from "../vocabulary.ts";

interface Family {
  members: FieldEntry[];
  shared: Set<string>;
}

const parentOf = (path: string) => path.slice(0, path.lastIndexOf("/"));

function familiesOf(scene: Scene): Family[] {
  const fields = scene.vocabulary.fields.filter((field) => !field.question.secret && field.question.type === "string" && !field.choices?.length && field.shape !== "date");
  const families: Family[] = [];
  for (const parent of new Set(fields.map((field) => parentOf(field.path)))) {
    const siblings = fields.filter((field) => parentOf(field.path) === parent);
    if (siblings.length < 3) continue;
    const shared = new Set(siblings[0].titleStems.filter((stem) => stem.length >= 3 && siblings.every((other) => other.titleStems.includes(stem))));
    if (shared.size >= 2) families.push({ members: siblings, shared });
  }
  return families;
}

/** The word of a member's title no other member has ("stickers" of Query for stickers search endpoint). */
function ownStems(member: FieldEntry, family: Family): string[] {
  return member.titleStems.filter((stem) => !family.shared.has(stem) && !family.members.some((other) => other !== member && other.titleStems.includes(stem)));
}

export function familyValues(scene: Scene): Reading {
  const reading = emptyReading();
  const { tokens } = scene.analysis;
  if (!tokens.some((token) => token.kind === "quoted")) return reading;
  for (const family of familiesOf(scene)) {
    for (const sentence of new Set(tokens.map((token) => token.sentence))) {
      const said = tokens.filter((token) => token.sentence === sentence);
      const quoted = said.filter((token) => token.kind === "quoted" && !token.negated && !token.inQuestion);
      if (quoted.length === 0 || !said.some((token) => family.shared.has(token.stem)) || !said.some((token) => ALL_WORDS.has(token.lower))) continue;
      const except = said.findIndex((token) => token.lower === "except" || token.lower === "but");
      const exceptAt = except >= 0 ? said[except].start : Infinity;
      const value = quoted.find((token) => token.start < exceptAt);
      if (!value) continue;
      // Members named after "except", each with the quoted value said after its name, if any.
      const excepted = new Map<FieldEntry, Token | null>();
      if (except >= 0) {
        for (const [at, token] of said.entries()) {
          if (at <= except) continue;
          const member = family.members.find((candidate) => ownStems(candidate, family).includes(token.stem));
          if (member) excepted.set(member, said.slice(at + 1).find((other) => other.kind === "quoted") ?? null);
        }
      }
      const group = `family@${value.start}`;
      for (const member of family.members) {
        if (!isOpen(scene, member)) continue;
        const own = excepted.has(member) ? excepted.get(member) : value;
        if (!own) continue;
        reading.candidates.push({ path: member.path, value: own.text.replace(/^["'`‘“]|["'`’”]$/g, ""), start: own.start, end: own.end, score: 0.72, source: "family", group: own === value ? group : `family@${own.start}` });
      }
    }
  }
  return reading;
}
