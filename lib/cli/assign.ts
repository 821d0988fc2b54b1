/**
 * `flashlab assign list` and `flashlab assign release NAME --out DIR`: the assignments an instructor can
 * hand out, and the student version of one (solutions replaced by stubs, hidden tests left out).
 */
import { relative } from "node:path";
import { AssignmentError, assignmentNames, loadAssignment, markedCells, readNotebook, releaseAssignment } from "../grading/index.js";
import { UsageError } from "./args.js";
import { defineCommand, defineGroup } from "./command.js";
import type { Command, CommandGroup } from "./command.js";

function assignmentOrUsageError(name: string) {
  try {
    return loadAssignment(name);
  } catch (error) {
    if (error instanceof AssignmentError) throw new UsageError(error.message);
    throw error;
  }
}

const listCommand = defineCommand({
  name: "list",
  summary: "list the assignments under notebooks/assignments, with what students write",
  options: {},
  run(_args, io) {
    const names = assignmentNames();
    if (names.length === 0) {
      io.stdout("no assignments found under notebooks/assignments\n");
      return 0;
    }
    for (const name of names) {
      const assignment = loadAssignment(name);
      const answers = markedCells(readNotebook(assignment.notebook), assignment.notebook).answerNames;
      io.stdout(`${name}: ${assignment.title}\n  students write: ${answers.join(", ")}\n`);
    }
    return 0;
  },
});

const releaseCommand = defineCommand({
  name: "release",
  summary: "write the student version of an assignment: solutions replaced by stubs, hidden tests left out",
  details:
    "NAME is an assignment under notebooks/assignments (see `flashlab assign list`) or a folder with an\n" +
    "assignment.json. Writes the notebook, with every BEGIN/END SOLUTION region replaced by a stub that\n" +
    'throws "not implemented" and outputs cleared, and the assignment\'s data files. Nothing else.',
  options: {
    out: { type: "string", valueName: "DIR", description: "folder to write the student version into (created if missing)" },
  },
  positional: { name: "NAME", min: 1, max: 1 },
  run({ options, positionals }, io) {
    if (!options.out) throw new UsageError("--out is required: the folder to write the student version into");
    const assignment = assignmentOrUsageError(positionals[0]!);
    const released = releaseAssignment(assignment, options.out);
    const shown = (path: string) => {
      const below = relative(process.cwd(), path);
      return below && !below.startsWith("..") ? below : path;
    };
    io.stdout(
      [
        `released ${assignment.name} into ${options.out}`,
        `  notebook: ${shown(released.notebook)} (${released.regions} solution region${released.regions === 1 ? "" : "s"} replaced by stubs)`,
        ...released.files.map((file) => `  data: ${shown(file)}`),
        `  students write: ${released.answers.join(", ")}`,
        `  not released: ${relative(assignment.folder, assignment.hiddenTests)}, assignment.json`,
      ].join("\n") + "\n",
    );
    return 0;
  },
});

export const assignCommands: Array<Command<any> | CommandGroup> = [
  defineGroup({ name: "assign", summary: "assignments: list them, release the student version", subcommands: [listCommand, releaseCommand] }),
];
