/**
 * Byte sizes as people write them ("4KB", "1.5MB", "512") and the size classes that workload
 * statistics are reported in. Sizes use binary units, as SPECweb96 did: 1 KB = 1024 bytes,
 * 1 MB = 1024 KB.
 */

const unitBytes: Record<string, number> = {
  "": 1,
  B: 1,
  K: 1024,
  KB: 1024,
  KIB: 1024,
  M: 1024 ** 2,
  MB: 1024 ** 2,
  MIB: 1024 ** 2,
  G: 1024 ** 3,
  GB: 1024 ** 3,
  GIB: 1024 ** 3,
};

/**
 * Parses a size such as "4096", "4KB", "4k", "1.5MB" or "2GiB" into whole bytes (rounded down).
 * Throws a RangeError that says what is accepted for anything else, a negative size included.
 */
export function parseByteSize(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-zA-Z]*)\s*$/.exec(text);
  const unit = match ? unitBytes[match[2]!.toUpperCase()] : undefined;
  if (!match || unit === undefined) {
    throw new RangeError(`"${text}" is not a size; write a number of bytes ≥ 0 with an optional unit B, KB, MB or GB (1 KB = 1024 B), e.g. 4KB`);
  }
  return Math.floor(Number(match[1]) * unit);
}

/** Formats bytes for people: 1536 → "1.5 KB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = "B";
  for (const next of units) {
    if (value < 1024) break;
    value /= 1024;
    unit = next;
  }
  return `${Number(value.toFixed(value < 10 ? 2 : 1))} ${unit}`;
}

/** A size class: [minBytes, maxBytes), maxBytes null for the open top class. */
export interface SizeClass {
  label: string;
  minBytes: number;
  maxBytes: number | null;
}

/** SPECweb96's four classes (0–1 KB, 1–10 KB, 10–100 KB, 100 KB–1 MB) and one class for larger files. */
export const sizeClasses: readonly SizeClass[] = [
  { label: "0-1KB", minBytes: 0, maxBytes: 1024 },
  { label: "1-10KB", minBytes: 1024, maxBytes: 10 * 1024 },
  { label: "10-100KB", minBytes: 10 * 1024, maxBytes: 100 * 1024 },
  { label: "100KB-1MB", minBytes: 100 * 1024, maxBytes: 1024 * 1024 },
  { label: ">=1MB", minBytes: 1024 * 1024, maxBytes: null },
];

/** The index in `sizeClasses` of a file of `bytes` bytes. */
export function sizeClassOf(bytes: number): number {
  for (let index = 0; index < sizeClasses.length - 1; index++) {
    if (bytes < sizeClasses[index]!.maxBytes!) return index;
  }
  return sizeClasses.length - 1;
}
