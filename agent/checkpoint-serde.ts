// LangGraph's checkpoint serializer with a fast path for plain JSON, which is all a setup thread's
// checkpoint holds (paths, counters, the agent's own sentences).
//
// JsonPlusSerializer revives a loaded value with an async walk that awaits every node of the
// tree: one promise per value, each also seen by the AsyncLocalStorage promise hooks LangChain
// turns on. Reading one checkpoint that way was the largest allocation of a turn (a sampling heap
// profile: ~150 KB of the reviver's copies, more in promise hooks). Every value it revives (an
// undefined, a Set, a Map, a Uint8Array, a LangChain object, a delta snapshot) is written as an
// object with an "lc" key, so JSON text without the key `"lc"` is plain JSON, and JSON.parse alone
// returns what the walk would. Writing: a value made only of plain objects, arrays, strings,
// finite numbers, booleans and null stringifies the same with JSON.stringify as through the
// serializer's replacer (which leaves such values alone), without the cycle check's walk.
// Anything else goes the serializer's own way, so records written either way read back alike.
import { JsonPlusSerializer } from "@langchain/langgraph-checkpoint";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Deeper than any state this agent keeps: past it the serializer's own (cycle-safe) way decides. */
const MAX_DEPTH = 64;

function isPlainJson(value: unknown, depth = 0): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value !== "object" || depth > MAX_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      // A hole reads as undefined, which the serializer keeps and JSON turns into null.
      if (!(index in value) || !isPlainJson(value[index], depth + 1)) return false;
    }
    return true;
  }
  const prototype = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) return false;
  // An own "lc" key would read back as one of the serializer's records; toJSON would change the text.
  if ("lc" in value || "toJSON" in value) return false;
  for (const key in value) {
    if (!isPlainJson((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

export class CheckpointSerializer extends JsonPlusSerializer {
  override async dumpsTyped(value: unknown): Promise<[string, Uint8Array]> {
    if (isPlainJson(value)) return ["json", encoder.encode(JSON.stringify(value))];
    return super.dumpsTyped(value);
  }

  override async loadsTyped(type: string, data: Uint8Array | string): Promise<any> {
    if (type !== "json") return super.loadsTyped(type, data);
    const text = typeof data === "string" ? data : decoder.decode(data);
    return text.includes('"lc"') ? super.loadsTyped(type, text) : JSON.parse(text);
  }
}
