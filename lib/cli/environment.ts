/**
 * `flashlab environment`: the record of this machine that every result carries (CPU, cores, CPUs
 * allowed, load, memory, OS, host, Node, flashlab's commit), as a table or (--json) the record itself.
 * A runner whose server runs on another host asks that host for it over SSH.
 */
import { captureEnvironment } from "../experiments/environment.js";
import { summarizeEnvironment } from "../experiments/environment-summary.js";
import { textTable } from "../viz/text-table.js";
import { type Command, type CommandGroup, defineCommand } from "./command.js";

const environmentCommand = defineCommand({
  name: "environment",
  summary: "describe this machine as results record it (CPU, cores, load, OS, Node, commit)",
  options: { json: { type: "boolean", description: "print the full record as one JSON object" } },
  run({ options }, io) {
    const environment = captureEnvironment();
    if (options.json) {
      io.stdout(`${JSON.stringify(environment)}\n`);
      return;
    }
    const rows = [{ property: "host", value: environment.hostname ?? "unknown" }, ...summarizeEnvironment(environment)];
    io.stdout(`${textTable(rows.map((row) => [row.property, row.value]))}\n`);
  },
});

export const environmentCommands: Array<Command<any> | CommandGroup> = [environmentCommand];
