// The cached collections against reads and writes that overlap: a list that re-reads the files
// (another process wrote) while this process deletes a record must not bring the record back.
import { describe, expect, it } from "vitest";
import { DocumentStore } from "./document-store.ts";
import { MemoryBackend } from "./record-backend.ts";

/** A memory backend with a stamp, whose next list can be held after it has read its records. */
class SlowListBackend extends MemoryBackend {
  #version = 0;
  hold?: { read: () => void; release: Promise<void> };

  override async write(collection: string, id: string, record: unknown): Promise<void> {
    await super.write(collection, id, record);
    this.#version += 1;
  }
  override async remove(collection: string, id: string): Promise<void> {
    await super.remove(collection, id);
    this.#version += 1;
  }
  override async list<T>(collection: string): Promise<T[]> {
    const records = await super.list<T>(collection);
    const hold = this.hold;
    if (hold) {
      this.hold = undefined;
      hold.read();
      await hold.release;
    }
    return records;
  }
  async stamp(): Promise<string> {
    return String(this.#version);
  }
  /** What another process writing the same files looks like: the stamp moves. */
  touchedElsewhere(): void {
    this.#version += 1;
  }
}

const connection = (id: string) => ({ id, workspaceId: "ws_1", name: id, sourceId: "src_1", destinationId: "dst_1", streams: [], created_at: id, updated_at: id });

describe("DocumentStore cache", () => {
  it("a delete that lands while a list re-reads the collection stays deleted", async () => {
    const backend = new SlowListBackend();
    const store = new DocumentStore(backend);
    await store.init();
    await store.putConnection(connection("cxn_a"));
    await store.putConnection(connection("cxn_b"));

    backend.touchedElsewhere();
    let release!: () => void;
    const read = new Promise<void>((resolve) => {
      backend.hold = { read: resolve, release: new Promise<void>((done) => (release = done)) };
    });
    const listing = store.listConnections({ workspaceId: "ws_1" });
    await read; // the re-read holds both records
    const deleting = store.deleteConnection("cxn_a");
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await Promise.all([listing, deleting]);

    expect((await store.listConnections({ workspaceId: "ws_1" })).map((c) => c.id)).toEqual(["cxn_b"]);
    expect(await store.getConnection("cxn_a")).toBeUndefined();
  });

  it("a write that lands while a list re-reads the collection is kept", async () => {
    const backend = new SlowListBackend();
    const store = new DocumentStore(backend);
    await store.init();
    backend.touchedElsewhere();
    let release!: () => void;
    const read = new Promise<void>((resolve) => {
      backend.hold = { read: resolve, release: new Promise<void>((done) => (release = done)) };
    });
    const listing = store.listConnections({ workspaceId: "ws_1" });
    await read;
    const writing = store.putConnection(connection("cxn_new"));
    await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    await Promise.all([listing, writing]);
    expect((await store.listConnections({ workspaceId: "ws_1" })).map((c) => c.id)).toEqual(["cxn_new"]);
  });
});
