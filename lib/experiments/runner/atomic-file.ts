/**
 * Atomic file replacement: the new content goes to a temporary file beside the target, is flushed to
 * disk, and is renamed over the target in one step. A reader (or a sweep resumed after a crash) sees
 * the old file or the new one, never a part of one; a temporary file left by a killed process is
 * recognisable by its name and removed by the next sweep that opens the folder.
 */
import { randomBytes } from "node:crypto";
import { open, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";

const temporarySuffix = /\.tmp-\d+-[0-9a-f]{8}$/;

/** Whether `name` is a temporary file of writeFileAtomic. */
export function isTemporaryFile(name: string): boolean {
  return temporarySuffix.test(name);
}

/** Replaces `path` with `data` atomically (same folder, rename). */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
  try {
    const handle = await open(temporary, "wx");
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Removes the temporary files that a killed writer left in `folder`; returns their names. */
export async function removeTemporaryFiles(folder: string): Promise<string[]> {
  const names = (await readdir(folder)).filter(isTemporaryFile);
  await Promise.all(names.map((name) => rm(join(folder, name), { force: true })));
  return names;
}
