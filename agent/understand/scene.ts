// What every reading of a message works from: the analysis, the connector's vocabulary, the field
// names found in the message, the question asked and the form's values.
import { getAt, inChosenOptions } from "../../specs/index.ts";
import type { Analysis, Token } from "./analyze.ts";
import type { Mention } from "./mentions.ts";
import type { Candidate, Rejected, UnderstandContext } from "./types.ts";
import type { FieldEntry, Vocabulary } from "./vocabulary.ts";

export interface Scene {
  analysis: Analysis;
  vocabulary: Vocabulary;
  mentions: Mention[];
  pending: FieldEntry | null;
  context: UnderstandContext;
}

export interface Reading {
  candidates: Candidate[];
  rejected: Rejected[];
  /** Values the message gave a secret field in the open, with where they stand in the text. */
  secretsSaid?: SecretSaid[];
}

export interface SecretSaid {
  path: string;
  start: number;
  end: number;
}

export const emptyReading = (): Reading => ({ candidates: [], rejected: [] });

/**
 * A field still open: the one asked, or one without a value yet in the options chosen so far
 * (a field of an option not chosen waits until the person names it or switches).
 */
export function isOpen(scene: Scene, field: FieldEntry): boolean {
  if (field.path === scene.pending?.path) return true;
  return getAt(scene.context.values, field.path) === undefined && inChosenOptions(scene.context.definition.connectionSpecification, field.path, scene.context.values);
}

/** Tokens whose span lies inside [start, end). */
export function tokensBetween(scene: Scene, start: number, end: number): Token[] {
  return scene.analysis.tokens.filter((token) => token.start >= start && token.end <= end);
}

/** The mention of a field that covers a token, if any. */
export function mentionAt(scene: Scene, index: number): Mention | undefined {
  return scene.mentions.find((mention) => index >= mention.from && index < mention.to);
}
