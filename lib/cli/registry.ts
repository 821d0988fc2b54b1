/**
 * The command tree of the `flashlab` CLI. Each command lives in its own module under `lib/cli/`;
 * this file only lists them.
 */
import { defineGroup } from "./command.js";
import type { CommandGroup } from "./command.js";

export const flashlabCommands: CommandGroup = defineGroup({
  name: "flashlab",
  summary: "flashlab: real servers, a load generator, a simulator and metrics for P2L5 and the Flash paper.",
  subcommands: [
    // one line per command module, e.g. simCommands,
  ],
});
