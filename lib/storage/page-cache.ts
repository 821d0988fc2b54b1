/**
 * Dropping the OS page cache, for cold-cache runs on the real disk: `sync`, then
 * `echo 3 > /proc/sys/vm/drop_caches`. It needs Linux and root; elsewhere it reports why it was skipped
 * and never throws.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";

/** The outcome of `dropPageCache`. */
export type PageCacheDropResult = { dropped: true } | { dropped: false; reason: string };

/** Injectable environment for `dropPageCache` (tests simulate a non-root user or another OS). */
export interface PageCacheDropEnvironment {
  platform?: string;
  isRoot?: () => boolean;
  /** The file to write "3" into; /proc/sys/vm/drop_caches by default. */
  dropCachesFile?: string;
}

/**
 * Flushes dirty pages and drops the clean page cache, dentries and inodes. Returns `{ dropped: true }`,
 * or `{ dropped: false, reason }` when not on Linux, not root, or the kernel refused.
 */
export function dropPageCache(environment: PageCacheDropEnvironment = {}): PageCacheDropResult {
  const platform = environment.platform ?? process.platform;
  const isRoot = environment.isRoot ?? (() => process.getuid?.() === 0);
  const dropCachesFile = environment.dropCachesFile ?? "/proc/sys/vm/drop_caches";
  if (platform !== "linux") {
    return { dropped: false, reason: `cold-cache mode needs Linux; this is ${platform}, so the page cache was not dropped` };
  }
  if (!isRoot()) {
    return { dropped: false, reason: "cold-cache mode needs root to write /proc/sys/vm/drop_caches; the page cache was not dropped" };
  }
  spawnSync("sync", { stdio: "ignore" });
  try {
    writeFileSync(dropCachesFile, "3\n");
    return { dropped: true };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { dropped: false, reason: `the kernel refused to drop the page cache (${message})` };
  }
}
