// A list written as bullet lines: each line after its bullet ("- ", "* ", "• ", "1. ") is one item
// whole, commas and spaces inside it included ("- 1 Shields Ave, Davis, CA 95616"). People write
// items with spaces or commas this way because a sentence cannot hold them; prose lists
// (read-value.ts) take one word per item. The list goes to the list field its lead line names,
// else to the list asked, else to the one open list of free items (no options to pick from).
import { parseValue } from "../parse-value.ts";
import { emptyReading, isOpen, type Reading, type Scene } from "../scene.ts";
import type { FieldEntry } from "../vocabulary.ts";

const BULLET_LINE = /^[ \t]*(?:[-*•]|\d{1,2}[.)])[ \t]+(\S.*?)[ \t]*$/;
// A bullet line that is a field's pair ("- host: db1") belongs to the pasted pairs' reading.
const PAIR_LINE = /^[\w .-]{1,40}(?::|=)\s/;

interface Block {
  items: Array<{ text: string; start: number; end: number }>;
  /** Span of the line before the block, which often names the list ("our farms:"). */
  lead: { start: number; end: number };
}

function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  let offset = 0;
  let current: Block | null = null;
  let previous = { start: 0, end: 0 };
  for (const line of text.split("\n")) {
    const match = BULLET_LINE.exec(line);
    const body = match?.[1].replace(/[,;.]$/, "");
    if (match && body && !PAIR_LINE.test(body)) {
      const start = offset + line.indexOf(match[1]);
      current ??= { items: [], lead: previous };
      current.items.push({ text: body, start, end: start + body.length });
    } else {
      if (current && current.items.length >= 2) blocks.push(current);
      current = null;
      if (line.trim()) previous = { start: offset, end: offset + line.length };
    }
    offset += line.length + 1;
  }
  if (current && current.items.length >= 2) blocks.push(current);
  return blocks;
}

const freeList = (field: FieldEntry) => field.shape === "list" && !field.question.secret && !field.choices?.length;

export function bulletedLists(scene: Scene): Reading {
  const reading = emptyReading();
  if (!scene.analysis.text.includes("\n")) return reading;
  for (const block of blocksOf(scene.analysis.text)) {
    const named = scene.mentions.filter((mention) => freeList(mention.field) && mention.start >= block.lead.start && mention.end <= block.lead.end).map((mention) => mention.field);
    // (A bullet line that begins by naming a field is that field's line, not an item.)
    if (block.items.some((item) => scene.mentions.some((mention) => mention.start >= item.start && mention.start < item.start + 2 && mention.end <= item.end))) continue;
    const open = scene.vocabulary.fields.filter((field) => freeList(field) && isOpen(scene, field));
    const pending = scene.pending && freeList(scene.pending) ? scene.pending : null;
    const [field, score] =
      named.length === 1 ? [named[0], 0.88] : pending ? [pending, 0.85] : open.length === 1 ? [open[0], 0.72] : [null, 0];
    if (!field) continue;
    const values: unknown[] = [];
    for (const item of block.items) {
      const parsed = parseValue({ ...field.question, type: field.question.itemType ?? "string" } as typeof field.question, item.text);
      if (!parsed.ok) break;
      values.push(parsed.value);
    }
    if (values.length !== block.items.length) continue;
    reading.candidates.push({ path: field.path, value: values, start: block.items[0].start, end: block.items[block.items.length - 1].end, score, source: "bullets" });
  }
  return reading;
}
