// How an entity_not_found message names what there is instead.
import type { EntityInfo } from "./types.ts";

const NAMES_SHOWN = 20;

/** The first NAMES_SHOWN entity names, quoted, and how many more there are. */
export function namesList(entities: EntityInfo[]): string {
  if (entities.length === 0) return "none";
  const shown = entities.slice(0, NAMES_SHOWN).map((entity) => `"${entity.name}"`).join(", ");
  return entities.length > NAMES_SHOWN ? `${shown} and ${entities.length - NAMES_SHOWN} more` : shown;
}
