// Picks the connector when the session has none: "I want to pull data from our Postgres" →
// the catalog's best match. A clear winner is chosen (and said); close candidates are offered.
// With a model configured the model picks from the search's shortlist; the fuzzy match is the
// fallback when it cannot.
import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { CatalogLookup, ConnectorKind, Definition } from "../../specs/types.ts";
import { prompts } from "../prompts.ts";
import type { AgentStateType, AgentStateUpdate } from "../state.ts";
import { parseOption } from "../understand/parse-value.ts";
import type { SessionPort } from "../session-port.ts";
import { portOf, say, turnsBefore, type AgentDeps, type ConnectorPicker } from "./runtime.ts";

export type AfterChooseConnector = "understand" | "nextField" | "done";

const GREETING = /^(?:hi|hello|hey|hiya|howdy|yo|good (?:morning|afternoon|evening|day)|greetings)(?: there| all| team)?[\s!.,]*$/i;

// "no wait, I meant postgres", "actually it's a MySQL database", "switch to sample data".
const SWITCH_CUE = /\b(?:i meant|meant to say|wrong (?:one|connector|source|destination|system)|not (?:this|that) one|switch(?:ing)? to|instead of|actually (?:it'?s|it is|i want|i need|we use)|no,? (?:i want|i need|it'?s|it is|we use))\b/i;

/** Another connector the person names in a correction, when one clearly matches. */
export function switchTarget(catalog: CatalogLookup, text: string, current: Definition): Definition | undefined {
  if (!SWITCH_CUE.test(text)) return undefined;
  const hits = searchConnector(catalog, text).filter((hit) => hit.score >= 0.95);
  // A tie between the source and the destination of one system keeps the kind being set up.
  const best = hits.find((hit) => hit.definition.kind === current.kind) ?? hits[0];
  if (!best || best.definition.id === current.id) return undefined;
  const rivals = hits.filter((hit) => hit.definition.kind === best.definition.kind && hit.score >= best.score - 0.05);
  return rivals.length === 1 ? best.definition : undefined;
}

const STOP_WORDS = new Set(
  "i we you our my the a an to from into in on of for with and or want need would like let lets please hi hello hey connect connection connector setup set up hook pull push load sync send data database db source destination some that this it is are be can could help me us new".split(" "),
);

function kindHint(text: string): ConnectorKind | undefined {
  if (/\b(?:pull|read|extract|from|source|ingest|import)\b/i.test(text)) return "source";
  if (/\b(?:into|load(?:ing)? to|write to|destination|send to|export to)\b/i.test(text)) return "destination";
  return undefined;
}

/** Best definitions for a free-text message, searching its words and word pairs. */
export function searchConnector(catalog: CatalogLookup, text: string): Array<{ definition: Definition; score: number }> {
  const words = text.toLowerCase().replace(/[^a-z0-9\s-]+/g, " ").split(/\s+/).filter(Boolean);
  const phrases = new Set<string>();
  for (let index = 0; index < words.length; index++) {
    if (!STOP_WORDS.has(words[index]) && words[index].length >= 2) phrases.add(words[index]);
    const pair = words.slice(index, index + 2);
    if (pair.length === 2 && !pair.every((word) => STOP_WORDS.has(word))) phrases.add(pair.join(" "));
  }
  const hint = kindHint(text);
  const best = new Map<string, { definition: Definition; score: number }>();
  for (const phrase of phrases) {
    for (const hit of catalog.search(phrase, 5)) {
      // Longer phrases that still match are more specific ("google sheets" over "google").
      const score = hit.score + 0.05 * (phrase.split(" ").length - 1) + (hint && hit.definition.kind === hint ? 0.2 : 0);
      const previous = best.get(hit.definition.id);
      if (!previous || previous.score < score) best.set(hit.definition.id, { definition: hit.definition, score });
    }
  }
  return [...best.values()].sort(
    (a, b) => b.score - a.score || Number(a.definition.kind !== "source") - Number(b.definition.kind !== "source"),
  );
}

/** How many of the catalog's best matches the model may choose from (never the whole catalog). */
export const SHORTLIST_SIZE = 8;

type ModelPick = { kind: "choose"; definition: Definition } | { kind: "offer"; definitions: Definition[] } | { kind: "none" };

/** The model picks from a shortlist: the candidates offered last, then the fuzzy search's best. */
async function askModel(
  pick: ConnectorPicker,
  catalog: CatalogLookup,
  text: string,
  hits: Array<{ definition: Definition }>,
  offered: string[],
  port: SessionPort,
  said: string,
): Promise<ModelPick | null> {
  const shortlist = new Map<string, Definition>();
  for (const definition of [...offered.map((id) => catalog.get(id)), ...hits.map((hit) => hit.definition)]) {
    if (definition && shortlist.size < SHORTLIST_SIZE) shortlist.set(definition.id, definition);
  }
  if (shortlist.size === 0) return null;
  const answer = await pick(text, [...shortlist.values()], turnsBefore(port, said));
  if (!answer || answer.kind === "none") return answer;
  if (answer.kind === "choose") {
    const definition = shortlist.get(answer.id);
    return definition ? { kind: "choose", definition } : null;
  }
  const definitions = answer.ids.map((id) => shortlist.get(id)).filter((d): d is Definition => !!d);
  if (definitions.length === 1) return { kind: "choose", definition: definitions[0] };
  return definitions.length ? { kind: "offer", definitions } : null;
}

export function createChooseConnector(deps: AgentDeps) {
  return async function chooseConnector(state: AgentStateType, config: LangGraphRunnableConfig): Promise<AgentStateUpdate> {
    const port = portOf(config);
    const input = state.input;
    if (input?.kind !== "message") return {};
    const text = input.text.trim();
    if (/^(?:cancel|quit|exit|stop|abort)\b/i.test(text)) {
      say(port, prompts.cancelled());
      port.emit({ type: "session.cancelled" });
      return { phase: "cancelled" };
    }
    // "hey there" names no connector: greet and ask which system.
    if (GREETING.test(text)) return { notes: [...state.notes, prompts.greeting()], candidates: [] };
    let chosen: Definition | undefined;
    let fromWords = false;
    if (state.candidates.length > 0) {
      const candidates = state.candidates.map((id) => deps.catalog.get(id)).filter((d): d is Definition => !!d);
      const index = parseOption(text, {
        path: "",
        kind: "choice",
        title: "Connector",
        type: "string",
        secret: false,
        required: true,
        options: candidates.map((definition, position) => ({ index: position, title: definition.displayName, value: definition.name })),
      });
      if (index >= 0) chosen = candidates[index];
    }
    if (!chosen) {
      const hits = searchConnector(deps.catalog, text);
      const picked = deps.pickConnector ? await askModel(deps.pickConnector, deps.catalog, text, hits, state.candidates, port, input.text) : null;
      if (picked?.kind === "choose") {
        chosen = picked.definition;
        fromWords = true;
      } else if (picked?.kind === "offer") {
        return { notes: [...state.notes, prompts.connectorChoices(picked.definitions)], candidates: picked.definitions.map((d) => d.id) };
      } else if (picked?.kind === "none") return { notes: [...state.notes, prompts.connectorUnknown(text)], candidates: [] };
      else {
        const [first, second] = hits;
        if (!first) return { notes: [...state.notes, prompts.connectorUnknown(text)], candidates: [] };
        const clear = !second || first.score - second.score >= 0.1 || first.score >= 1.05;
        if (!clear) {
          const offered = hits.slice(0, 3).map((hit) => hit.definition);
          return { notes: [...state.notes, prompts.connectorChoices(offered)], candidates: offered.map((d) => d.id) };
        }
        chosen = first.definition;
        fromWords = true;
      }
    }
    await port.setDefinition(chosen);
    // A pick from free text says how to correct it; a pick from the offered list needs no such line.
    const said = fromWords ? prompts.connectorPicked(chosen) : prompts.connectorChosen(chosen);
    return { notes: [...state.notes, said], candidates: [], phase: "field", pending: null, chosenByAgent: true };
  };
}

export function routeAfterChooseConnector(state: AgentStateType): AfterChooseConnector {
  if (state.phase === "cancelled") return "done";
  // The same message may already carry values ("our Postgres, host db.internal"): read it again.
  return state.phase === "field" ? "understand" : "nextField";
}
