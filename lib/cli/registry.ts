/**
 * The command tree of the `flashlab` CLI. Each command lives in its own module under `lib/cli/`
 * and exports an array of commands; this file only lists them.
 */
import { defineGroup } from "./command.js";
import type { CommandGroup } from "./command.js";
import { assignCommands } from "./assign.js";
import { docrootCommands } from "./docroot.js";
import { gradeCommands } from "./grade.js";
import { environmentCommands } from "./environment.js";
import { loadCommands } from "./load.js";
import { reportCommands } from "./report.js";
import { resultsCommands } from "./results.js";
import { runCommands } from "./run.js";
import { serveCommands } from "./serve.js";
import { simCommands } from "./sim.js";
import { workloadCommands } from "./workload.js";

export const flashlabCommands: CommandGroup = defineGroup({
  name: "flashlab",
  summary: "flashlab: real servers, a load generator, a simulator and metrics for P2L5 and the Flash paper.",
  subcommands: [
    ...simCommands,
    ...serveCommands,
    ...docrootCommands,
    ...loadCommands,
    ...workloadCommands,
    ...runCommands,
    ...resultsCommands,
    ...reportCommands,
    ...assignCommands,
    ...gradeCommands,
    ...environmentCommands,
  ],
});
