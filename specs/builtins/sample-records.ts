// The records the Sample Data source produces: deterministic for a given seed, so a demo or a
// test can show the same rows twice.
export interface SampleConfig {
  dataset?: "ecommerce" | "users" | "events";
  record_count?: number;
  seed?: number;
  start_date?: string;
}

export const SAMPLE_STREAMS: Record<NonNullable<SampleConfig["dataset"]>, string[]> = {
  ecommerce: ["customers", "products", "orders"],
  users: ["users"],
  events: ["events"],
};

const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Radia", "Tim"];
const LAST = ["Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Perlman", "Berners-Lee"];
const PRODUCTS = ["Notebook", "Pen", "Lamp", "Mug", "Chair", "Desk", "Plant", "Backpack"];
const EVENTS = ["page_view", "sign_up", "add_to_cart", "checkout", "logout"];

/** mulberry32: a tiny seeded generator; quality is plenty for made-up rows. */
function generator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

export function sampleStreams(config: SampleConfig): string[] {
  return SAMPLE_STREAMS[config.dataset ?? "ecommerce"];
}

/**
 * The records of one stream, one at a time, in order: a reader that pages through a large
 * dataset never holds more than the page it returns. Without a seed the rows differ on every call.
 */
export function* sampleRecordIterator(config: SampleConfig, stream: string): Generator<Record<string, unknown>> {
  if (!sampleStreams(config).includes(stream)) throw new Error(`The ${config.dataset ?? "ecommerce"} dataset has no stream "${stream}"`);
  const count = config.record_count ?? 1000;
  const seed = (config.seed ?? Math.floor(Math.random() * 2 ** 31)) + stream.length * 7919;
  const random = generator(seed);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const start = Date.parse(config.start_date ?? "2024-01-01T00:00:00Z");
  const at = (index: number) => new Date(start + index * 3_600_000 + Math.floor(random() * 3_600_000)).toISOString();
  for (let index = 0; index < count; index++) {
    const id = index + 1;
    switch (stream) {
      case "products":
        yield { id, name: `${pick(PRODUCTS)} ${id}`, price: Math.round(random() * 10000) / 100, updated_at: at(index) };
        break;
      case "orders":
        yield { id, customer_id: 1 + Math.floor(random() * count), product_id: 1 + Math.floor(random() * count), quantity: 1 + Math.floor(random() * 5), created_at: at(index) };
        break;
      case "events":
        yield { id, user_id: 1 + Math.floor(random() * 100), type: pick(EVENTS), occurred_at: at(index) };
        break;
      default: {
        const first = pick(FIRST);
        const last = pick(LAST);
        yield { id, name: `${first} ${last}`, email: `${first}.${last}.${id}@example.com`.toLowerCase(), created_at: at(index) };
      }
    }
  }
}

/** The records of one stream, in order. Without a seed the rows differ on every call. */
export function sampleRecords(config: SampleConfig, stream: string): Array<Record<string, unknown>> {
  if (!sampleStreams(config).includes(stream)) throw new Error(`The ${config.dataset ?? "ecommerce"} dataset has no stream "${stream}"`);
  return Array.from(sampleRecordIterator(config, stream));
}
