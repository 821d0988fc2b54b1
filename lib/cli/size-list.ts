/**
 * Comma-separated byte sizes on the command line ("1k,10k,1MB"), as `flashlab docroot --sizes` and
 * `flashlab workload --file-size` take them. A bad size is a UsageError naming the flag and saying
 * what a size may look like.
 */
import { UsageError } from "./args.js";
import { parseByteSize } from "../workloads/sizes.js";

/** The sizes in `text` in bytes, in the order given; `flag` (e.g. "--sizes") names the option in errors. */
export function parseSizeListOption(flag: string, text: string): number[] {
  return text.split(",").map((part) => {
    try {
      return parseByteSize(part);
    } catch (error) {
      throw new UsageError(`${flag}: ${(error as Error).message}`);
    }
  });
}
