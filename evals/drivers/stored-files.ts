import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

/** Every file under a folder as text, for the leak search. Large files are read up to 8 MB. */
export async function storedFiles(root: string): Promise<Array<{ path: string; content: string }>> {
  const files: Array<{ path: string; content: string }> = [];
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) {
        const size = (await stat(full)).size;
        const content = await readFile(full).catch(() => Buffer.alloc(0));
        files.push({ path: path.relative(root, full), content: content.subarray(0, Math.min(size, 8 << 20)).toString("utf8") });
      }
    }
  }
  await walk(root);
  return files;
}
