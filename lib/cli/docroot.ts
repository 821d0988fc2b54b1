/**
 * `flashlab docroot --out DIR --sizes 1k,10k,100k,1m [--count N]`: writes test files of the given
 * sizes (deterministic content) for `flashlab serve`. The richer workload docroots come from
 * `flashlab workload`.
 */
import { UsageError } from "./args.js";
import { defineCommand } from "./command.js";
import type { Command, CommandGroup } from "./command.js";
import { parseSizeListOption } from "./size-list.js";
import { writeSizedDocroot } from "../servers/size-docroot.js";

const docrootCommand = defineCommand({
  name: "docroot",
  summary: "write test files of given sizes into a folder (deterministic content)",
  details: "Files are named <size>-<i>.bin (e.g. 1k-0.bin, 1m-0.bin), with an index.html linking them.",
  options: {
    out: { type: "string", description: "folder to write (created if missing)", valueName: "DIR" },
    sizes: { type: "string", description: "comma-separated sizes, e.g. 1k,10k,100k,1m (1k = 1024 bytes)", valueName: "LIST", default: "1k,10k,100k,1m" },
    count: { type: "integer", description: "files of each size", min: 1, max: 100_000, default: 1 },
  },
  run({ options }, io) {
    if (!options.out) throw new UsageError("--out is required: the folder to write the files into");
    const files = writeSizedDocroot(options.out, parseSizeListOption("--sizes", options.sizes), options.count);
    io.stdout(`wrote ${files.length} files to ${options.out}\n`);
    return 0;
  },
});

export const docrootCommands: Array<Command<any> | CommandGroup> = [docrootCommand];
