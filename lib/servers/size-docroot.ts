/**
 * A docroot of test files of given sizes (`flashlab docroot`): for each size, `count` files named
 * `<label>-<i>.bin` (e.g. `1k-0.bin`), plus an index.html that links them. The content is deterministic
 * (a header line, then printable bytes from a generator seeded by the file's name), so two runs make
 * byte-identical files and a test can recompute what a server must send.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface SizedFile {
  /** URL path, e.g. "/1k-0.bin". */
  path: string;
  bytes: number;
}

/** The deterministic content of the file at `path` with `bytes` bytes. */
export function sizedFileContent(path: string, bytes: number): Buffer {
  const content = Buffer.alloc(bytes);
  const head = Buffer.from(`flashlab ${path} ${bytes} bytes\n`);
  const headLength = head.copy(content, 0, 0, Math.min(head.length, bytes));
  let state = 2166136261;
  for (const char of path) state = Math.imul(state ^ char.charCodeAt(0), 16777619) >>> 0;
  // A 32-bit xorshift seeded with the FNV-1a hash of the path. Not lib/sim's createRng: file bytes need
  // speed, not statistical quality, and must stay the same bytes from one flashlab version to the next.
  for (let index = headLength; index < bytes; index++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    content[index] = index % 64 === 63 ? 10 : 33 + (state % 94); // printable, a newline every 64 bytes
  }
  return content;
}

/** A short label for a size: 1024 → "1k", 1048576 → "1m", 1500 → "1500". */
export function sizeLabel(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)}m`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024}k`;
  return String(bytes);
}

/** Writes the files into `directory` (created if missing) and returns them. */
export function writeSizedDocroot(directory: string, sizes: readonly number[], count = 1): SizedFile[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a whole number ≥ 1; got ${count}`);
  mkdirSync(directory, { recursive: true });
  const files: SizedFile[] = [];
  for (const bytes of sizes) {
    if (!Number.isInteger(bytes) || bytes < 0) throw new RangeError(`sizes must be whole numbers of bytes ≥ 0; got ${bytes}`);
    for (let index = 0; index < count; index++) {
      const path = `/${sizeLabel(bytes)}-${index}.bin`;
      writeFileSync(join(directory, path), sizedFileContent(path, bytes));
      files.push({ path, bytes });
    }
  }
  const links = files.map((file) => `<li><a href="${file.path}">${file.path}</a> (${file.bytes} bytes)</li>`).join("\n");
  writeFileSync(join(directory, "index.html"), `<!doctype html>\n<title>flashlab test files</title>\n<ul>\n${links}\n</ul>\n`);
  return files;
}
