/**
 * The string keys of files and file chunks in the models' caches (lib/storage's LRU is keyed by
 * strings). A model looks the same few keys up several times per request (the path, header, data and
 * buffer caches), so the keys of files and of their first chunk (the whole file up to 256 KB) are made
 * once and kept: building and hashing a fresh string for every lookup cost more than the lookup itself.
 */
const fileKeys: string[] = [];
const firstChunkKeys: string[] = [];

/** The key of file `file` ("17"). */
export function fileKey(file: number): string {
  return (fileKeys[file] ??= String(file));
}

/** The key of chunk `chunk` of file `file` ("17:0"). */
export function chunkKey(file: number, chunk: number): string {
  if (chunk === 0) return (firstChunkKeys[file] ??= `${file}:0`);
  return `${file}:${chunk}`;
}
